"""'I did say that': pick the sentence and the level you claim for a criterion.

Kept as your label beside the attempt (history and exports show it); the grade is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, OptionList, Select, Static
from textual.widgets.option_list import Option

from mockround.review.disputes import LEVEL_NAMES, answer_sentences, claimed_level
from mockround.tui.format import plain
from mockround.tui.screens.base import AppScreen

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.grading import Grade
    from mockround.store import Dispute


class DisputeScreen(AppScreen):
    """Choose criterion, level and sentence; enter (or ctrl+s) keeps the dispute."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Keep my label"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, question: Question, attempt_id: str, answer: str, grade: Grade | None, criterion: str
    ) -> None:
        super().__init__()
        self.question = question
        self.attempt_id = attempt_id
        self.grade = grade
        self.criterion = criterion
        self.sentences = answer_sentences(answer)
        self.saved: Dispute | None = None

    def compose(self) -> ComposeResult:
        """Criterion and level pickers, then the answer's sentences."""
        rubric = self.question.rubric
        yield Header()
        yield Static(
            "I did say that: your label is kept beside the attempt (history, exports); "
            "the grade is not changed.",
            id="dispute-intro",
        )
        with Horizontal(id="dispute-pickers"):
            yield Select(
                [(f"{c.label} · {c.title}", c.id) for c in rubric.criteria],
                value=self.criterion,
                allow_blank=False,
                id="dispute-criterion",
            )
            yield Select(
                [(f"{level}/2 · {name}", level) for level, name in LEVEL_NAMES.items() if level],
                value=claimed_level(self.grade, self.criterion),
                allow_blank=False,
                id="dispute-level",
            )
        yield Static("Pick the sentence that says it (enter keeps it):", id="dispute-pick")
        yield OptionList(
            *[Option(plain(s.text), id=str(i)) for i, s in enumerate(self.sentences)],
            id="dispute-sentences",
        )
        yield Footer()

    def on_mount(self) -> None:
        """The sentence list has focus: arrows pick, enter keeps."""
        sentences = self.query_one("#dispute-sentences", OptionList)
        sentences.focus()
        if self.sentences:
            sentences.highlighted = 0
        else:
            self.query_one("#dispute-pick", Static).update(
                Text("The answer has no sentence to point at.", style="yellow")
            )

    @on(Select.Changed, "#dispute-criterion")
    def _criterion_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.criterion = event.value
            level = self.query_one("#dispute-level", Select)
            level.value = claimed_level(self.grade, event.value)

    @on(OptionList.OptionSelected, "#dispute-sentences")
    def _picked(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Keep the dispute for the highlighted sentence and go back."""
        index = self.query_one("#dispute-sentences", OptionList).highlighted
        if index is None or not self.sentences:
            self.notify("Pick a sentence first.", severity="warning")
            return
        level = self.query_one("#dispute-level", Select).value
        assert isinstance(level, int)
        sentence = self.sentences[index]
        self.saved = self.mr_app.services.store.add_dispute(
            self.attempt_id, self.criterion, level, sentence.start, sentence.end
        )
        self.notify("Kept as your label; the grade is unchanged.")
        self.dismiss()

    def action_cancel(self) -> None:
        """Back without a dispute."""
        self.dismiss()
