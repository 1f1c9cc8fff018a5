"""The drill countdown: m:ss, turning amber in the last 30 seconds and red in the last 10."""

from __future__ import annotations

from textual.widgets import Static

from mockround.tui.format import clock_text

WARN_SECONDS = 30
DANGER_SECONDS = 10


class Countdown(Static):
    """Shows the seconds left; the colour change is in app.tcss (-warn, -danger, -over)."""

    def show_remaining(self, remaining: float) -> None:
        """Display `remaining` seconds and set the urgency class."""
        self.update(f"⏱ {clock_text(remaining)}")
        self.set_class(DANGER_SECONDS < remaining <= WARN_SECONDS, "-warn")
        self.set_class(0 < remaining <= DANGER_SECONDS, "-danger")
        self.set_class(remaining <= 0, "-over")
