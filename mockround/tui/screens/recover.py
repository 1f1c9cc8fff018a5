"""The offer to recover an answer a previous session left unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mockround.grading.scoring import count_words
from mockround.tui.format import clock_text, plain, short_time

if TYPE_CHECKING:
    from mockround.store import Draft

RecoverChoice = str
"""'resume', 'discard' or 'later'."""

RESUME_FLOOR_SECONDS = 15
"""A resumed timed draft always gets at least this long to finish and submit."""


def resume_seconds(draft: Draft) -> float | None:
    """The clock a resumed draft starts from: what was left at its last save (None: untimed).

    Never below RESUME_FLOOR_SECONDS (nor above the drill's own limit, for drills that short).
    """
    left = draft.seconds_left
    if left is None or draft.time_limit is None:
        return None
    return max(left, float(min(RESUME_FLOOR_SECONDS, draft.time_limit)))


class RecoverDraftScreen(ModalScreen[RecoverChoice]):
    """Resume the draft, discard it, or decide later (it stays saved)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('resume')", "Resume"),
        Binding("x", "choose('discard')", "Discard"),
        Binding("escape", "choose('later')", "Later"),
    ]

    def __init__(self, draft: Draft, prompt: str) -> None:
        super().__init__()
        self.draft = draft
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        """The draft's question, age and opening words, and three buttons."""
        words = count_words(self.draft.text)
        opening = " ".join(self.draft.text.split()[:30])
        left = resume_seconds(self.draft)
        clock = "" if left is None else f", about {clock_text(left)} left"
        with Vertical(id="recover-box"):
            yield Static("[b]Unfinished answer found[/b]", id="recover-title")
            # The draft and the prompt are text, never markup: "[b]" typed in a draft stays "[b]".
            text = plain(self.prompt)
            saved = short_time(self.draft.saved_at)
            text.append(f"\n{self.draft.mode}, saved {saved}, {words} words{clock}", style="dim")
            text.append(plain(f"\n\n“{opening}…”"))
            yield Static(text, id="recover-text")
            with Horizontal(id="recover-actions"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Discard (x)", id="discard", variant="error")
                yield Button("Later (esc)", id="later")

    def on_mount(self) -> None:
        """Resume is the default."""
        self.query_one("#resume", Button).focus()

    def action_choose(self, choice: str) -> None:
        """Close with the user's choice."""
        self.dismiss(choice)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")
