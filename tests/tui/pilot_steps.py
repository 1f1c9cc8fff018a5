"""Steps many pilot tests share: answer a question from Home and wait for its feedback."""

from __future__ import annotations

from textual.pilot import Pilot

from mockround.tui.app import MockRoundApp
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.widgets.answer_editor import AnswerEditor


async def settle(app: MockRoundApp, pilot: Pilot[None]) -> None:
    """Let pending messages and workers (grading, model answer) finish."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def answer_from_home(
    app: MockRoundApp, pilot: Pilot[None], answer: str, mode_key: str = "u"
) -> FeedbackScreen:
    """Open a drill (`u` untimed by default), type `answer`, submit, and return its feedback."""
    await pilot.press(mode_key)
    # Typing key by key is slow; the editor gets the text as one paste.
    app.screen.query_one(AnswerEditor).text_area.insert(answer)
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, FeedbackScreen)
    return app.screen
