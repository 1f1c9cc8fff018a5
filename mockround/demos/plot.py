"""A demo's series drawn as terminal text: one renderer for `mockround demo` and the app.

The legend is written under the plot, never inside it: plotext puts its legend in the
plot's top corner, where it covered the tallest bars (a 0.99 bar read like a 0.72 one).
Bars start at zero, so their heights compare. No textual here (the CLI uses it too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockround.demos.models import DemoResult

PLOT_WIDTH, PLOT_HEIGHT = 60, 15
# Distinct characters per series, so the plot still reads without colour (pipes, tests).
BAR_MARKERS = ("█", "▒", "░", "▓")
LINE_MARKERS = ("•", "+", "x", "o")
COLOURS = ("blue", "red", "green", "orange")


def legend_entries(result: DemoResult) -> list[tuple[str, str, str]]:
    """(marker, colour, series name) per series, in drawing order (bars, then lines)."""
    bars = [s for s in result.series if s.kind == "bar"]
    lines = [s for s in result.series if s.kind == "line"]
    entries = [
        (BAR_MARKERS[i % len(BAR_MARKERS)], COLOURS[i % len(COLOURS)], s.name)
        for i, s in enumerate(bars)
    ]
    entries += [
        (LINE_MARKERS[i % len(LINE_MARKERS)], COLOURS[i % len(COLOURS)], s.name)
        for i, s in enumerate(lines)
    ]
    return entries


def render_plot(
    result: DemoResult, *, colour: bool, width: int = PLOT_WIDTH, height: int = PLOT_HEIGHT
) -> str:
    """The plot (`height` rows) then one legend line per series, as text.

    ANSI colour codes only when `colour`; the markers tell the series apart without them.
    """
    import plotext as plt

    plt.clear_figure()
    plt.limitsize(False, False)  # the size asked for, not the terminal's (a widget, a pipe)
    plt.plotsize(width, height)
    plt.theme("clear")
    bars = [s for s in result.series if s.kind == "bar"]
    lines = [s for s in result.series if s.kind == "line"]
    if bars:
        ticks = result.x_ticks or [f"{x:g}" for x in bars[0].x]
        for index, series in enumerate(bars):
            # One call per series keeps each its own marker; side-by-side needs width < 1.
            offset = (index - (len(bars) - 1) / 2) * 0.8 / len(bars)
            plt.bar(
                [x + offset for x in series.x],
                series.y,
                marker=BAR_MARKERS[index % len(BAR_MARKERS)],
                color=COLOURS[index % len(COLOURS)],
                width=0.8 / len(bars),
            )
        plt.xticks(list(range(len(ticks))), ticks)
        plt.xlim(-0.6, len(ticks) - 0.4)
        heights = [y for s in bars for y in s.y]
        if heights and min(heights) >= 0 and max(heights) > 0:
            # From zero, so heights compare; a share (<= 1) gets the whole 0-1 scale.
            plt.ylim(0, 1.0 if max(heights) <= 1 else max(heights) * 1.05)
    for index, series in enumerate(lines):
        plt.plot(
            series.x,
            series.y,
            marker=LINE_MARKERS[index % len(LINE_MARKERS)],
            color=COLOURS[index % len(COLOURS)],
        )
    plt.title(result.plot_title)
    plt.xlabel(result.x_label)
    plt.ylabel(result.y_label)
    text: str = plt.build()
    plt.clear_figure()
    if not colour:
        text = str(plt.uncolorize(text))
    legend = [
        f"  {plt.colorize(marker * 2, fore) if colour else marker * 2} {name}"
        for marker, fore, name in legend_entries(result)
    ]
    return "\n".join([text.rstrip("\n"), *legend])
