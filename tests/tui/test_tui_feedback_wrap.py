"""A wide terminal shows each criterion's whole feedback; a narrow one ends the line in '…'."""

from __future__ import annotations

from collections.abc import Callable

from conftest_data import WordyGrader
from pilot_steps import answer_from_home
from textual.pilot import Pilot

from mockround.tui.app import MockRoundApp
from mockround.tui.screens.feedback import FeedbackScreen

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]


async def _feedback(app: MockRoundApp, pilot: Pilot[None]) -> FeedbackScreen:
    return await answer_from_home(app, pilot, "context and weighting")


async def test_at_120_columns_the_feedback_column_wraps_instead_of_being_cut(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app(grader=WordyGrader)
    async with app.run_test(size=(120, 40)) as pilot:
        await _feedback(app, pilot)
        text = screen_text(app)
        table_part = text.split("Your answer")[0]
        # Every criterion's last words are on screen in the table, not only the selected one.
        assert table_part.count("ends the feedback here.") >= 4


async def test_at_80_columns_a_cut_feedback_line_says_so_with_an_ellipsis(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app(grader=WordyGrader)
    async with app.run_test(size=(80, 24)) as pilot:
        await _feedback(app, pilot)
        text = screen_text(app)
        rows = [line for line in text.splitlines() if "●●" in line or "○○" in line]
        assert rows and all("…" in row for row in rows)
