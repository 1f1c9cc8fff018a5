"""Your answer beside the model answer, with the model's words for what you missed lit up."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from mockround.review.model_answer import MissedPart, missed_parts, uncovered
from mockround.tui.format import criterion_label, plain
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.evidence import OTHER_STYLE, SELECTED_STYLE

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.grading import Grade

SIDE_BY_SIDE_FROM = 100
"""From this width the two answers sit side by side; narrower, yours is above the model's."""


def model_text(model_answer: str, parts: list[MissedPart]) -> Text:
    """The model answer with each part that covers a missed criterion highlighted."""
    text = plain(model_answer)
    for part in parts:
        text.stylize(SELECTED_STYLE, part.evidence.start, part.evidence.end)
    return text


class ModelAnswerScreen(AppScreen):
    """Read-only: the user's answer and the model answer, the missed parts highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, question: Question, answer: str, grade: Grade | None) -> None:
        super().__init__()
        self.question = question
        self.answer = answer
        self.grade = grade
        self.parts: list[MissedPart] = []
        """Highlighted spans of the model answer, each with the missed criterion it covers."""
        self.shown_model = plain(question.model_answer)
        """The model answer as shown, with the highlight styles (tests read it)."""

    def compose(self) -> ComposeResult:
        """A legend line, then the two answers."""
        yield Header()
        yield Static(id="ma-legend")
        with Horizontal(id="ma-panes"):
            with VerticalScroll(id="ma-yours-box", classes="ma-pane"):
                yield Static(id="ma-yours")
            with VerticalScroll(id="ma-model-box", classes="ma-pane"):
                yield Static(id="ma-model")
        yield Footer()

    def on_mount(self) -> None:
        """Show both answers at once; find the missed parts in a worker (grading takes time)."""
        self.query_one("#ma-panes").set_class(self.app.size.width < SIDE_BY_SIDE_FROM, "-stack")
        yours = Text("Your answer\n", style="bold")
        yours.append_text(plain(self.answer.strip() or "(no answer)"))
        self.query_one("#ma-yours", Static).update(yours)
        self._show_model()
        if self.grade is None:
            self.query_one("#ma-legend", Static).update("Not graded: nothing to compare yet.")
            return
        self.query_one("#ma-legend", Static).update("Finding the parts you missed…")
        self._find_parts(self.grade)

    @work(thread=True, exclusive=True, group="model-answer")
    def _find_parts(self, grade: Grade) -> None:
        try:
            model_grade = self.mr_app.services.model_answer_grade(self.question)
        except Exception as exc:  # shown on screen; the model answer itself is still there
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        rubric = self.question.rubric
        parts = missed_parts(rubric, grade, self.question.model_answer, model_grade)
        self.app.call_from_thread(self._show_parts, grade, parts)

    def _failed(self, error: str) -> None:
        self.query_one("#ma-legend", Static).update(
            plain(f"Could not grade the model answer ({error}); it is shown without highlights.")
        )

    def _show_parts(self, grade: Grade, parts: list[MissedPart]) -> None:
        self.parts = parts
        rubric = self.question.rubric
        legend = Text()
        labels = list(dict.fromkeys(p.label for p in parts))
        if labels:
            legend.append("Highlighted", style=SELECTED_STYLE)
            legend.append(": how the model answer covers what you missed: ")
            legend.append(", ".join(labels), style="bold")
        else:
            legend.append("You missed nothing the model answer says better.", style="green")
        rest = [criterion_label(rubric, cid) for cid in uncovered(grade, parts)]
        if rest:
            legend.append(f"\nAlso below full marks: {', '.join(rest)}", style="dim")
        self.query_one("#ma-legend", Static).update(legend)
        self._show_model()

    def _show_model(self) -> None:
        self.shown_model = model_text(self.question.model_answer, self.parts)
        text = Text("Model answer\n", style="bold")
        text.append_text(self.shown_model)
        for part in self.parts:
            text.append(f"\n• {part.label}: ", style="bold")
            text.append_text(plain(part.evidence.text, style=OTHER_STYLE))
        self.query_one("#ma-model", Static).update(text)

    def action_back(self) -> None:
        """Back to the feedback."""
        self.dismiss()
