"""The screen base class every MockRound screen shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from mockround.tui.app import MockRoundApp


class AppScreen(Screen[None]):
    """A screen that reaches the app's services through a typed `mr_app`."""

    @property
    def mr_app(self) -> MockRoundApp:
        """The app, typed (the app module imports the screens, so import it late)."""
        from mockround.tui.app import MockRoundApp

        assert isinstance(self.app, MockRoundApp)
        return self.app
