"""The answer editor: a multi-line TextArea with a live word count and speaking time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from mockround.grading.scoring import count_words, speaking_seconds


def stats_text(text: str, limit: int | None) -> str:
    """'N words · about S s to say aloud' (with the drill limit when there is one)."""
    words = count_words(text)
    seconds = round(speaking_seconds(words))
    plural = "" if words == 1 else "s"
    line = f"{words} word{plural} · about {seconds} s to say aloud"
    if limit is not None and seconds > limit:
        line += f" (over the {limit} s limit)"
    return line


class AnswerEditor(Vertical):
    """TextArea plus a status line that updates as the user types."""

    def __init__(self, text: str = "", *, limit: int | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = text
        self._limit = limit

    def compose(self) -> ComposeResult:
        """The editor and its stats line."""
        area = TextArea(
            self._initial,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="Type your answer as you would say it…",
            id="answer",
        )
        yield area
        yield Static(stats_text(self._initial, self._limit), id="answer-stats")

    @property
    def text_area(self) -> TextArea:
        """The underlying TextArea."""
        return self.query_one("#answer", TextArea)

    @property
    def text(self) -> str:
        """The answer typed so far."""
        return self.text_area.text

    def lock_answer(self) -> None:
        """Stop accepting edits (time is up, or the answer was submitted)."""
        self.text_area.read_only = True
        self.add_class("-locked")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Keep the word count live."""
        stats = stats_text(event.text_area.text, self._limit)
        self.query_one("#answer-stats", Static).update(stats)
