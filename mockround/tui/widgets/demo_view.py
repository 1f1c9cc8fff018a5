"""A finished demo: verdict, metrics table, plot and the takeaway sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

if TYPE_CHECKING:
    from mockround.demos.models import DemoResult


def cell_text(value: object) -> str:
    """A metrics cell: floats to three decimals, everything else as is."""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def metrics_table(result: DemoResult) -> Table:
    """The metrics as a Rich table: long row names wrap, so it fits 80 columns."""
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for index, column in enumerate(result.metrics.columns):
        table.add_column(column, justify="left" if index == 0 else "right", overflow="fold")
    for row in result.metrics.rows:
        table.add_row(*[cell_text(cell) for cell in row])
    return table


def verdict_text(result: DemoResult) -> Text:
    """'Claim holds' / 'Claim does not hold here' with the seed and runtime."""
    text = Text()
    if result.claim_holds:
        text.append("✔ Claim holds", style="bold green")
    else:
        text.append("✘ Claim does not hold with this seed", style="bold red")
    text.append(f" · seed {result.seed} · {result.runtime_seconds:.2f} s", style="dim")
    return text


class DemoView(Vertical):
    """Renders one DemoResult."""

    def __init__(self, result: DemoResult, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result = result

    def compose(self) -> ComposeResult:
        """Verdict, takeaway, table and plot."""
        yield Static(verdict_text(self.result), id="demo-verdict")
        yield Static(Text(self.result.takeaway, style="bold"), id="demo-takeaway")
        yield Static(metrics_table(self.result), id="demo-metrics")
        yield PlotextPlot(id="demo-plot")

    def on_mount(self) -> None:
        """Draw the plot."""
        self._draw()

    def _draw(self) -> None:
        result = self.result
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.title(result.plot_title)
        plt.xlabel(result.x_label)
        plt.ylabel(result.y_label)
        bars = [s for s in result.series if s.kind == "bar"]
        if bars and len(bars) > 1:
            # plotext takes `labels` at run time; the bundled stub only knows `label`.
            plt.multiple_bar(  # type: ignore[call-arg]
                bars[0].x, [s.y for s in bars], labels=[s.name for s in bars]
            )
        elif bars:
            plt.bar(bars[0].x, bars[0].y, label=bars[0].name)
        for series in result.series:
            if series.kind == "line":
                plt.plot(series.x, series.y, label=series.name)
        if result.x_ticks:
            plt.xticks(list(range(len(result.x_ticks))), result.x_ticks)
        plot.refresh()
