"""The MockRound Textual app (a first screen: the questions; drills come with the TUI issue)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from mockround.bank import Bank
from mockround.config import Settings


class MockRoundApp(App[None]):
    """Lists the questions; the practice loop is built on top of this shell."""

    TITLE = "MockRound"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit")]

    def __init__(self, settings: Settings, bank: Bank) -> None:
        super().__init__()
        self.settings = settings
        self.bank = bank

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(
            *[Option(f"{q.prompt}  ({len(q.followups)} follow-ups)", id=q.id) for q in self.bank.questions],
            id="questions",
        )
        yield Footer()


def run_app(settings: Settings, bank: Bank) -> int:
    """Run the app until the user quits; return the exit code."""
    MockRoundApp(settings, bank).run()
    return 0
