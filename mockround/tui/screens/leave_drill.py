"""'Leave the drill?': asked before Escape, q or ctrl+q ends a running drill."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class LeaveDrillScreen(ModalScreen[bool]):
    """True: leave (or quit); False: back to the drill. The clock does not stop meanwhile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose(True)", "Leave"),
        Binding("n,escape", "choose(False)", "Keep answering"),
    ]

    def __init__(self, *, quitting: bool = False) -> None:
        super().__init__()
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        verb = "Quit MockRound" if self.quitting else "Leave the drill"
        with Vertical(id="leave-box"):
            yield Static(f"[b]{verb}?[/b]", id="leave-title")
            yield Static(
                "Your draft is kept: press r on Home to resume it. The clock keeps running "
                "while you decide.",
                id="leave-text",
            )
            with Horizontal(id="leave-actions"):
                yield Button("Leave (y)", id="leave", variant="warning")
                yield Button("Keep answering (n)", id="stay", variant="primary")

    def on_mount(self) -> None:
        """Staying is the default: a stray Enter must not end the drill."""
        self.query_one("#stay", Button).focus()

    def action_choose(self, leave: bool) -> None:
        """Close with the choice."""
        self.dismiss(leave)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave")
