"""Two attempts side by side: the criteria table, what changed, and both answers' text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from mockround.review.compare import CompareRow, changes_line, compare_rows
from mockround.tui.format import SCORE_STYLES, band_style, or_dash, plain, short_time
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.evidence import highlighted_answer

if TYPE_CHECKING:
    from mockround.bank import Rubric
    from mockround.grading import Evidence, Grade
    from mockround.store import AttemptDetail

STACK_BELOW = 70
"""Narrower than this, the two answers go one above the other."""


def _cells(row: CompareRow, left: Grade | None, right: Grade | None) -> list[str | Text]:
    """One table row's cells, styled: scores by value, overall by band, the change by sign."""
    if row.kind == "flags":
        # One flag a line keeps the columns narrow enough for 80 columns.
        return [
            row.label,
            plain("\n".join(row.left_flags) or "none"),
            plain("\n".join(row.right_flags) or "none"),
            "",
        ]
    if row.kind == "overall":
        sides = [
            Text(or_dash(row.left), style=band_style(left.band if left else None)),
            Text(or_dash(row.right), style=band_style(right.band if right else None)),
        ]
        label: str | Text = Text(row.label, style="bold")
    elif row.kind == "criterion":
        sides = [
            Text(f"{v}/2", style=SCORE_STYLES.get(v, "")) if v is not None else Text("-")
            for v in (row.left, row.right)
        ]
        label = row.label
    else:
        sides = [Text(or_dash(row.left)), Text(or_dash(row.right))]
        label = row.label
    change = row.change
    if change is None or row.kind == "words":
        delta = Text("")
    else:
        style = "green" if change > 0 else "red" if change < 0 else "dim"
        delta = Text(f"{change:+d}" if change else "=", style=style)
    return [label, *sides, delta]


def _spans(grade: Grade | None, key: str) -> tuple[list[Evidence], list[Evidence]]:
    """The evidence a row points at in one answer: (selected, others)."""
    if grade is None:
        return [], []
    if key == "red_flags":
        return [e for h in grade.red_flags for e in h.evidence], []
    chosen = [e for c in grade.criteria if c.id == key for e in c.evidence]
    others = [e for c in grade.criteria if c.id != key for e in c.evidence]
    return chosen, others


class CompareScreen(AppScreen):
    """Older attempt (A) on the left, newer (B) on the right, and the change."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, first: AttemptDetail, second: AttemptDetail) -> None:
        super().__init__()
        ordered = sorted((first, second), key=lambda d: d.attempt.started_at)
        self.left, self.right = ordered[0], ordered[1]
        self.rows: list[CompareRow] = []
        self.shown: dict[str, Text] = {}
        """Each side's answer as shown ("a", "b"), with the evidence styles (tests read it)."""

    def compose(self) -> ComposeResult:
        """A heading, the comparison table, what changed, and both answers."""
        yield Header()
        yield Static(id="compare-heading")
        table: DataTable[str | Text] = DataTable(id="compare", cursor_type="row")
        yield table
        yield Static(id="compare-changes")
        with Horizontal(id="compare-answers"):
            with VerticalScroll(id="compare-a-box", classes="compare-answer"):
                yield Static(id="compare-a")
            with VerticalScroll(id="compare-b-box", classes="compare-answer"):
                yield Static(id="compare-b")
        yield Footer()

    @property
    def grades(self) -> tuple[Grade | None, Grade | None]:
        """Each attempt's latest grade (None when ungraded)."""
        left, right = self.left.latest_grade, self.right.latest_grade
        return (left.grade if left else None, right.grade if right else None)

    def _rubrics(self) -> list[Rubric]:
        bank = self.mr_app.services.bank
        rubrics = []
        for detail in (self.left, self.right):
            try:
                rubrics.append(bank.get(detail.attempt.question_id).rubric)
            except KeyError:
                continue
        return rubrics

    def _title(self, question_id: str) -> str:
        try:
            return self.mr_app.services.bank.get(question_id).title
        except KeyError:
            return question_id

    def on_mount(self) -> None:
        """Fill the table from the pure comparison rows; show both answers."""
        left, right = self.left.attempt, self.right.attempt
        lg, rg = self.grades
        title = self._title(left.question_id)
        if right.question_id != left.question_id:
            title += f" vs {self._title(right.question_id)}"
        heading = plain(title, style="bold")
        if right.question_id != left.question_id:
            heading.append("  (different questions)", style="yellow")
        self.query_one("#compare-heading", Static).update(heading)
        self.rows = compare_rows(lg, rg, self._rubrics(), (left.words, right.words))
        table = self.query_one("#compare", DataTable)
        table.add_column("", key="what")
        table.add_column(f"A {short_time(left.submitted_at)}", key="a")
        table.add_column(f"B {short_time(right.submitted_at)}", key="b")
        table.add_column("B−A", key="delta")
        for row in self.rows:
            table.add_row(
                *_cells(row, lg, rg), key=row.key, height=None if row.kind == "flags" else 1
            )
        self.query_one("#compare-changes", Static).update(
            Text(changes_line(self.rows), style="bold")
        )
        self.query_one("#compare-answers").set_class(self.app.size.width < STACK_BELOW, "-stack")
        self._show_answers()
        table.focus()

    def selected_key(self) -> str:
        """The highlighted row's key (`overall` before the table has rows)."""
        table = self.query_one("#compare", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return "overall"
        return self.rows[table.cursor_row].key

    def _show_answers(self) -> None:
        """Both answers, the highlighted row's evidence standing out in each."""
        key = self.selected_key()
        label = next((r.label for r in self.rows if r.key == key), key)
        for side, detail, grade in (
            ("a", self.left, self.grades[0]),
            ("b", self.right, self.grades[1]),
        ):
            attempt = detail.attempt
            chosen, others = _spans(grade, key)
            text = Text(f"{side.upper()} · {attempt.words} words", style="bold")
            if key not in ("overall", "words"):
                count = len(chosen)
                text.append(f" · {label}: {count} span{'' if count == 1 else 's'}", style="dim")
            text.append("\n")
            text.append_text(highlighted_answer(attempt.text or "(no answer)", chosen, others))
            self.shown[side] = text
            self.query_one(f"#compare-{side}", Static).update(text)

    @on(DataTable.RowHighlighted, "#compare")
    def _row_changed(self) -> None:
        self._show_answers()

    def action_back(self) -> None:
        """Back to the history."""
        self.dismiss()
