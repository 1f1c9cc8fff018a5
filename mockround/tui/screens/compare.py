"""Two attempts side by side, criterion by criterion."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from mockround.tui.format import (
    SCORE_STYLES,
    band_style,
    criterion_label,
    or_dash,
    plain,
    short_time,
)
from mockround.tui.screens.base import AppScreen

if TYPE_CHECKING:
    from mockround.grading import Grade
    from mockround.store import AttemptDetail


def _score_cell(grade: Grade | None, criterion_id: str) -> Text:
    if grade is None:
        return Text("-")
    try:
        score = grade.criterion(criterion_id).score
    except KeyError:
        return Text("-")
    return Text(f"{score}/2", style=SCORE_STYLES.get(score, ""))


def _delta(first: Grade | None, second: Grade | None, criterion_id: str) -> Text:
    try:
        assert first is not None and second is not None
        change = second.criterion(criterion_id).score - first.criterion(criterion_id).score
    except (AssertionError, KeyError):
        return Text("")
    style = "green" if change > 0 else "red" if change < 0 else "dim"
    return Text(f"{change:+d}" if change else "=", style=style)


class CompareScreen(AppScreen):
    """Older attempt on the left, newer on the right, and the change."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, first: AttemptDetail, second: AttemptDetail) -> None:
        super().__init__()
        ordered = sorted((first, second), key=lambda d: d.attempt.started_at)
        self.left, self.right = ordered[0], ordered[1]

    def compose(self) -> ComposeResult:
        """A heading and the comparison table."""
        yield Header()
        yield Static(id="compare-heading")
        table: DataTable[str | Text] = DataTable(id="compare", cursor_type="row")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table: overall first, then each criterion of the left attempt's rubric."""
        bank = self.mr_app.services.bank
        left, right = self.left, self.right
        lg = left.latest_grade.grade if left.latest_grade else None
        rg = right.latest_grade.grade if right.latest_grade else None
        rubrics = []
        for detail in (left, right):
            try:
                rubrics.append(bank.get(detail.attempt.question_id).rubric)
            except KeyError:
                continue
        try:
            title = bank.get(left.attempt.question_id).title
        except KeyError:
            title = left.attempt.question_id
        if right.attempt.question_id != left.attempt.question_id:
            try:
                title += f" vs {bank.get(right.attempt.question_id).title}"
            except KeyError:
                title += f" vs {right.attempt.question_id}"
        same = left.attempt.question_id == right.attempt.question_id
        heading = plain(title, style="bold")
        if not same:
            heading.append("  (different questions)", style="yellow")
        self.query_one("#compare-heading", Static).update(heading)
        table = self.query_one("#compare", DataTable)
        table.add_column("", key="what")
        table.add_column(f"A {short_time(left.attempt.submitted_at)}", key="a")
        table.add_column(f"B {short_time(right.attempt.submitted_at)}", key="b")
        table.add_column("B−A", key="delta")
        table.add_row(
            Text("Overall", style="bold"),
            Text(or_dash(lg.overall if lg else None), style=band_style(lg.band if lg else None)),
            Text(or_dash(rg.overall if rg else None), style=band_style(rg.band if rg else None)),
            Text(f"{rg.overall - lg.overall:+d}" if lg and rg else ""),
        )
        table.add_row("Words", str(left.attempt.words), str(right.attempt.words), "")
        ids = [c.id for c in (lg.criteria if lg else [])]
        ids += [c.id for c in (rg.criteria if rg else []) if c.id not in ids]
        for criterion_id in ids:
            label = criterion_id
            for rubric in rubrics:
                if criterion_id in rubric.criterion_ids:
                    label = criterion_label(rubric, criterion_id)
                    break
            table.add_row(
                label,
                _score_cell(lg, criterion_id),
                _score_cell(rg, criterion_id),
                _delta(lg, rg, criterion_id),
            )
        # One flag a line keeps the columns narrow enough for 80 columns.
        flags_l = "\n".join(h.id for h in lg.red_flags) if lg else ""
        flags_r = "\n".join(h.id for h in rg.red_flags) if rg else ""
        table.add_row(
            "Red flags", plain(flags_l or "none"), plain(flags_r or "none"), "", height=None
        )
        table.focus()

    def action_back(self) -> None:
        """Back to the history."""
        self.dismiss()
