"""The drill's reading moment, pause, and the question asked before a running drill is left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mockround.config import DrillSettings, Settings
from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.home import HomeScreen
from mockround.tui.screens.leave_drill import LeaveDrillScreen
from mockround.tui.widgets.answer_editor import AnswerEditor

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
ANSWER = "It depends on the cost of a missed fraud case."


def _reading(db_path: Path, seconds: int = 5) -> Settings:
    return Settings(db=db_path, drill=DrillSettings(reading_seconds=seconds))


async def _drill(app: MockRoundApp, pilot: object, typed: str = "") -> DrillScreen:
    """A timed drill from Home, with `typed` pasted into the editor."""
    await pilot.press("d")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, DrillScreen)
    if typed:
        app.screen.query_one(AnswerEditor).text_area.insert(typed)
    return app.screen


async def test_a_reading_moment_holds_the_clock_and_enter_skips_it(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    app = make_app(settings=_reading(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot)
        assert drill.phase == "reading"
        assert "Read the question: the clock starts in 0:05" in screen_text(app)
        assert drill.query_one(AnswerEditor).text_area.read_only
        assert app.services.store.count_attempts() == 0  # nothing started, nothing typed
        clock.advance(3)
        drill.check_clock()
        await pilot.pause()
        assert drill.phase == "reading" and drill.remaining == 90
        assert "the clock starts in 0:02" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert drill.phase == "running"
        assert app.services.store.count_attempts() == 1
        assert not drill.query_one(AnswerEditor).text_area.read_only
        assert app.focused is drill.query_one(AnswerEditor).text_area
        clock.advance(10)
        assert drill.remaining == 80  # the reading seconds were not taken from the answer


async def test_the_reading_moment_ends_by_itself(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    app = make_app(settings=_reading(db_path, 2))
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot)
        clock.advance(2)
        drill.check_clock()
        await pilot.pause()
        assert drill.phase == "running" and drill.remaining == 90


async def test_pause_stops_the_clock_and_the_attempt_is_stored_as_paused(
    make_app: AppFactory, clock: ManualClock, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot, ANSWER)
        clock.advance(10)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert drill.phase == "paused"
        assert drill.attempt_id is not None
        store = app.services.store
        assert store.get_attempt(drill.attempt_id).attempt.paused
        assert "Paused: the clock is stopped" in screen_text(app)
        assert drill.query_one(AnswerEditor).text_area.read_only
        clock.advance(30)
        drill.check_clock()
        assert drill.remaining == 80
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert drill.phase == "running"
        clock.advance(5)
        assert drill.remaining == 75
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, FeedbackScreen)
        stored = store.get_attempt(drill.attempt_id).attempt
        assert stored.paused and not stored.timed_out
        assert stored.duration_seconds == 15  # 10 s + 5 s answering; the 30 s pause is not in it
        assert stored.text == ANSWER


async def test_an_unpaused_drill_is_not_marked(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot, ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert drill.attempt_id is not None
        assert not app.services.store.get_attempt(drill.attempt_id).attempt.paused


async def test_escape_asks_first_and_cancel_returns_to_the_drill_with_the_answer(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot, ANSWER)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDrillScreen)
        text = screen_text(app)
        assert "Leave the drill?" in text and "Your draft is kept" in text
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is drill
        assert drill.query_one(AnswerEditor).text == ANSWER
        assert app.focused is drill.query_one(AnswerEditor).text_area
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [d.text for d in app.services.store.unfinished_drafts()] == [ANSWER]


async def test_ctrl_q_in_a_running_drill_asks_and_escape_keeps_the_app_running(
    make_app: AppFactory, screen_text: ScreenText, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot, ANSWER)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDrillScreen)
        assert "Quit MockRound?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is drill and app.is_running
        await pilot.press("ctrl+q", "ctrl+q")  # asked, then confirmed
        await pilot.pause()
    assert app.return_code == 0
    with Store.open(db_path) as store:
        assert [d.text for d in store.unfinished_drafts()] == [ANSWER]


async def test_ctrl_q_while_asked_to_leave_quits_and_keeps_the_draft(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _drill(app, pilot, ANSWER)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDrillScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running  # quit, not merely back on Home
    with Store.open(db_path) as store:
        assert [d.text for d in store.unfinished_drafts()] == [ANSWER]


async def test_time_running_out_behind_the_question_submits_once_it_is_answered(
    make_app: AppFactory, clock: ManualClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _drill(app, pilot, ANSWER)
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(120)
        drill.check_clock()
        await pilot.pause()
        assert isinstance(app.screen, LeaveDrillScreen)  # the question is not swept away
        await pilot.press("n")
        await pilot.pause()
        drill.check_clock()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, FeedbackScreen) and app.screen.timed_out


async def test_leaving_before_the_clock_starts_asks_nothing(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app(settings=_reading(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _drill(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.services.store.count_attempts() == 0


async def test_the_paused_attempt_is_marked_in_the_history(
    make_app: AppFactory, clock: ManualClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _drill(app, pilot, ANSWER)
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape", "h")
        await pilot.pause()
        row = app.screen.query_one("#attempts").get_row_at(0)  # type: ignore[attr-defined]
        assert "⏸" in str(row[3])
