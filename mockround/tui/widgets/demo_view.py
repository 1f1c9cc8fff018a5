"""A finished demo: verdict, metrics table, plot and the takeaway sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from mockround.demos.plot import PLOT_HEIGHT, render_plot

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


class DemoPlot(Static):
    """The demo's plot, drawn by the same renderer as `mockround demo`, at the widget's width."""

    def __init__(self, result: DemoResult, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result = result
        self._drawn_width = 0

    def on_resize(self, event: events.Resize) -> None:
        """Redraw for the new width (plotext lays text out for one fixed size)."""
        width = event.size.width
        if width > 0 and width != self._drawn_width:
            self._drawn_width = width
            text = render_plot(self.result, colour=True, width=width, height=PLOT_HEIGHT)
            self.update(Text.from_ansi(text))


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
        if self.result.series:
            yield DemoPlot(self.result, id="demo-plot")
