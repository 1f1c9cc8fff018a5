"""Home's "Practise next" line: the top due card and why, today's count, the streak.

A widget of its own so Home only composes it and forwards one key to `start`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mockround.terminal import visible

if TYPE_CHECKING:
    from mockround.store.planning import PractiseNext
    from mockround.tui.app import MockRoundApp

KEY = "p"
"""Home's key for a timed drill on the top card (shown in the line itself)."""


def practise_next_text(summary: PractiseNext, goal: int, title: str | None) -> Text:
    """The line: "Practise next: <card> — <why> [p]  ·  today 1/3  ·  streak 2 days"."""
    line = Text("Practise next: ", style="bold")
    if summary.top is None or title is None:
        line.append("nothing due", style="italic")
    else:
        line.append(visible(title), style="bold yellow")
        if summary.reason:
            line.append(f" — {visible(summary.reason)}")
        if summary.due > 1:
            line.append(f" (+{summary.due - 1} more)", style="dim")
        line.append(f" [{KEY}]", style="reverse")
    met = summary.today >= goal
    line.append(" · ")
    line.append(f"today {summary.today}/{goal}", style="green" if met else "")
    if summary.streak_days:
        days = "day" if summary.streak_days == 1 else "days"
        line.append(f" · streak {summary.streak_days} {days}")
    return line


class PractiseNextPanel(Static):
    """The plan's top item on Home; `reload` after every attempt, `start` to drill it."""

    DEFAULT_CSS = """
    PractiseNextPanel { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.card_id: str | None = None

    @property
    def mr_app(self) -> MockRoundApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def reload(self) -> None:
        """Read the plan at the app clock's time and redraw the line."""
        services = self.mr_app.services
        summary = services.store.practise_next(services.clock.now())
        self.card_id = summary.top.card_id if summary.top is not None else None
        title = None
        if self.card_id is not None:
            try:
                title = services.bank.get(self.card_id).title
            except KeyError:
                # A card from a question since removed from the bank cannot be drilled.
                self.card_id = None
        self.update(practise_next_text(summary, services.settings.plan.daily_goal, title))

    def start(self) -> bool:
        """Open a timed drill on the top due card; False when nothing is due."""
        if self.card_id is None:
            return False
        self.mr_app.open_drill(self.mr_app.services.bank.get(self.card_id), timed=True)
        return True
