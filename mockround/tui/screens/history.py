"""History: every attempt in a table, filter by question, trends, open one, compare two."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Select, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from mockround.tui.format import (
    band_style,
    duration_text,
    main_criteria,
    or_dash,
    plain,
    short_time,
)
from mockround.tui.screens.base import AppScreen

if TYPE_CHECKING:
    from mockround.store import AttemptSummary

ALL = "__all__"
HISTORY_LIMIT = 500
BAR_WIDTH = 20


class HistoryScreen(AppScreen):
    """Attempts and trends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare marked"),
        Binding("f", "filter", "Filter"),
        Binding("t", "trends", "Trends"),
        # Off the footer (80 columns are full): the empty table and plot name the key.
        Binding("d", "drill", "Drill", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[str] = []
        self.attempts: list[AttemptSummary] = []

    def compose(self) -> ComposeResult:
        """Two tabs: the attempts table and the trends."""
        bank = self.mr_app.services.bank
        options = [("All questions", ALL)] + [(q.title, q.id) for q in bank.all_items()]
        yield Header()
        with TabbedContent(id="history-tabs"):
            with TabPane("Attempts", id="tab-attempts"):
                with Horizontal(id="history-filter-row"):
                    yield Select(options, value=ALL, allow_blank=False, id="history-filter")
                    yield Static("Enter opens · Space marks two · c compares", id="history-hint")
                yield Static(id="history-empty", classes="empty-hint")
                table: DataTable[str | Text] = DataTable(id="attempts", cursor_type="row")
                yield table
            with TabPane("Trends", id="tab-trends"), VerticalScroll():
                yield Static(id="trends-empty", classes="empty-hint")
                yield PlotextPlot(id="trend-plot")
                yield Static(id="criteria-averages")
                yield Static(id="plan-due")
        yield Footer()

    def on_mount(self) -> None:
        """Columns, rows, trends."""
        table = self.query_one("#attempts", DataTable)
        for label, key in (
            ("", "mark"),
            ("Date", "date"),
            ("Question", "question"),
            ("Mode", "mode"),
            ("Score", "overall"),
            ("Band", "band"),
            ("Time", "duration"),
        ):
            table.add_column(label, key=key)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        """New grades may have arrived while an attempt was open."""
        self.reload()

    @property
    def question_filter(self) -> str | None:
        """The chosen question id (None for all)."""
        value = self.query_one("#history-filter", Select).value
        return None if value == ALL or not isinstance(value, str) else value

    def reload(self) -> None:
        """Re-read the attempts and redraw table and trends."""
        store = self.mr_app.services.store
        self.attempts = store.list_attempts(question_id=self.question_filter, limit=HISTORY_LIMIT)
        self._fill_table()
        self._draw_trends()
        self._show_hints()

    def _show_hints(self) -> None:
        """An empty table or plot says why it is empty and which key fills it."""
        where = "" if self.question_filter is None else " at this question"
        empty = self.query_one("#history-empty", Static)
        empty.update(f"No attempts{where} yet: press d to start a drill.")
        empty.display = not self.attempts
        graded = any(a.overall is not None for a in self.attempts)
        hint = self.query_one("#trends-empty", Static)
        hint.update(
            f"No graded attempts{where} yet: press d to start a drill; "
            "the trend starts with the first grade."
        )
        hint.display = not graded
        self.query_one("#trend-plot", PlotextPlot).display = graded

    def _fill_table(self) -> None:
        bank = self.mr_app.services.bank
        table = self.query_one("#attempts", DataTable)
        table.clear()
        for item in self.attempts:
            try:
                title = bank.get(item.question_id).title
            except KeyError:
                title = item.question_id
            # Imported ids are anyone's text: never markup, never raw control characters.
            cell = plain(title)
            overall = Text(or_dash(item.overall), style=band_style(item.band))
            # ⏰ the clock ran out; ⏸ it was paused (not a clean timed drill).
            mode = item.mode + (" ⏰" if item.timed_out else "") + (" ⏸" if item.paused else "")
            table.add_row(
                "●" if item.id in self.marked else " ",
                short_time(item.submitted_at),
                cell,
                mode,
                overall,
                Text(or_dash(item.band), style=band_style(item.band)),
                duration_text(item.duration_seconds),
                key=item.id,
            )

    def _draw_trends(self) -> None:
        plot = self.query_one("#trend-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        graded = [a for a in reversed(self.attempts) if a.overall is not None]
        plt.title("Overall score over time (oldest left)")
        plt.ylim(0, 100)
        if graded:
            xs = [float(x) for x in range(1, len(graded) + 1)]
            plt.plot(xs, [float(a.overall or 0) for a in graded], marker="braille")
            plt.scatter(xs, [float(a.overall or 0) for a in graded])
            step = max(1, len(xs) // 8)
            plt.xticks(xs[::step], [str(int(x)) for x in xs[::step]])
            plt.xlabel("attempt")
        plot.refresh()
        self.query_one("#criteria-averages", Static).update(self._averages())
        self.query_one("#plan-due", Static).update(self._next_due())

    def _next_due(self) -> Text:
        """When each practised card is next due, soonest first (the practice plan)."""
        services = self.mr_app.services
        cards = [i for i in services.store.plan(include_all=True) if i.due is not None]
        text = Text("\nNext due (practice plan)\n", style="bold")
        if not cards:
            text.append("Nothing scheduled yet.", style="italic")
        for item in cards:
            text.append(f"{short_time(item.due)}  ", style="bold yellow" if item.is_due else "")
            text.append(plain(services.store.plan_catalog().title(item.card_id)))
            text.append(f"  ({item.state})\n", style="dim")
        return text

    def _averages(self) -> Text:
        stats = self.mr_app.services.store.stats()
        text = Text(
            "Average per criterion (main questions, latest grade of each attempt)\n", style="bold"
        )
        if not stats.criteria:
            text.append("No graded attempts yet.", style="italic")
            return text
        for criterion in main_criteria(self.mr_app.services.bank):
            average = stats.criteria.get(criterion.id)
            if average is None:
                continue
            filled = round(BAR_WIDTH * average / 2)
            style = "red" if average < 0.75 else "yellow" if average < 1.5 else "green"
            text.append(f"{criterion.label:<12} ")
            text.append("█" * filled, style=style)
            text.append("░" * (BAR_WIDTH - filled), style="dim")
            text.append(f" {average:.1f}/2")
            if criterion.id == stats.weakest_criterion:
                text.append("  ← weakest", style="bold red")
            text.append("\n")
        return text

    @on(Select.Changed, "#history-filter")
    def _filter_changed(self) -> None:
        self.reload()

    @on(DataTable.RowSelected, "#attempts")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.mr_app.open_attempt(event.row_key.value)

    def _cursor_id(self) -> str | None:
        table = self.query_one("#attempts", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_mark(self) -> None:
        """Mark or unmark the highlighted attempt for comparison (two at most)."""
        attempt_id = self._cursor_id()
        if attempt_id is None:
            return
        if attempt_id in self.marked:
            self.marked.remove(attempt_id)
        else:
            self.marked = [*self.marked, attempt_id][-2:]
        table = self.query_one("#attempts", DataTable)
        for item in self.attempts:
            table.update_cell(item.id, "mark", "●" if item.id in self.marked else " ")

    def action_compare(self) -> None:
        """Compare the two marked attempts side by side."""
        if len(self.marked) != 2:
            self.notify("Mark two attempts with Space first.")
            return
        from mockround.tui.screens.compare import CompareScreen

        store = self.mr_app.services.store
        first, second = (store.get_attempt(a) for a in self.marked)
        self.app.push_screen(CompareScreen(first, second))

    def action_filter(self) -> None:
        """Focus the question filter."""
        self.query_one(TabbedContent).active = "tab-attempts"
        self.query_one("#history-filter", Select).focus()

    def action_trends(self) -> None:
        """Switch between the attempts and the trends tab."""
        tabs = self.query_one(TabbedContent)
        tabs.active = "tab-attempts" if tabs.active == "tab-trends" else "tab-trends"

    def action_drill(self) -> None:
        """A timed drill on the filtered question (the main question when unfiltered)."""
        bank = self.mr_app.services.bank
        chosen = self.question_filter
        question = bank.get(chosen) if chosen else bank.main_questions()[0]
        self.mr_app.open_drill(question, timed=True)

    def action_back(self) -> None:
        """Back."""
        self.dismiss()
