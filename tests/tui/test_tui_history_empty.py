"""An empty History and Trends say what to do, and the key they name works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest_data import seed_history
from textual.widgets import Static
from textual_plotext import PlotextPlot

from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.history import HistoryScreen

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]


async def test_empty_history_says_to_press_d_and_d_starts_a_drill(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "No attempts yet: press d to start a drill." in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert "No graded attempts yet: press d to start a drill" in screen_text(app)
        assert not app.screen.query_one("#trend-plot", PlotextPlot).display
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.mode == "drill" and app.screen.question.id == "imbalanced-data"


async def test_a_history_with_attempts_shows_no_empty_hint(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#history-empty", Static).display
        assert not screen.query_one("#trends-empty", Static).display
        assert screen.query_one("#trend-plot", PlotextPlot).display
