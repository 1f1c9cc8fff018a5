"""The demo plot: one renderer for the app and the CLI, its legend always clear of the bars."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from mockround.demos.plot import render_plot
from mockround.tui.app import MockRoundApp
from mockround.tui.widgets.demo_view import DemoPlot

AppFactory = Callable[..., MockRoundApp]
SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


def frame_and_legend(lines: list[str]) -> tuple[list[str], list[str]]:
    """The plot's framed rows (between ┌ and └) and the rows after the frame."""
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    return lines[top : bottom + 1], lines[bottom + 1 :]


async def _run_demo_and_scroll_to_plot(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("m", "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.screen.query_one("#demo-body").scroll_end(animate=False)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_legend_sits_under_the_plot_never_over_a_bar(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _run_demo_and_scroll_to_plot(pilot)
        plot = app.screen.query_one(DemoPlot)
        lines = str(plot.render()).splitlines()
        frame, after = frame_and_legend(lines)
        names = ("all negative", "weighted")
        assert not any(name in row for row in frame for name in names)
        legend = [row for row in after if any(name in row for name in names)]
        assert [row.split()[-1] for row in legend] == ["negative", "weighted"]
        # The plot fills the width it has: laid out again for the terminal's size.
        assert max(len(row) for row in frame) == plot.size.width


async def test_the_tallest_bar_reaches_the_top_row_unhidden(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _run_demo_and_scroll_to_plot(pilot)
        frame, _ = frame_and_legend(str(app.screen.query_one(DemoPlot).render()).splitlines())
        rows = frame[1:-1]
        # 0.99 on a 0-1 scale: the first series' marker is in the first row inside the frame,
        # and the second series (0.72) is not.
        assert "█" in rows[0] and "▒" not in rows[0]
        assert any("▒" in row for row in rows)


def test_the_cli_and_the_app_draw_the_same_plot(make_app: AppFactory) -> None:
    result = make_app().services.demos.run("accuracy-paradox")
    plain = render_plot(result, colour=False, width=70)
    frame, legend = frame_and_legend(plain.splitlines())
    assert legend[-2:] == ["  ██ all negative", "  ▒▒ weighted"]
    assert len(frame) > 10


@pytest.mark.parametrize("size", SIZES)
def test_demo_plot_snapshot(
    make_app: AppFactory, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_run_demo_and_scroll_to_plot)
