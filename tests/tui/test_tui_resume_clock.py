"""A timed draft recovered after a crash resumes with the time it had left, not a fresh limit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mockround.store import Mode, Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.recover import RecoverDraftScreen
from mockround.tui.widgets.countdown import Countdown

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
DRAFT = "I would start from the cost of a missed fraud case"


def _crashed_after(
    db_path: Path, clock: ManualClock, seconds: float, *, mode: Mode = "drill"
) -> str:
    """A session killed `seconds` into an attempt, right after its last autosave."""
    limit = None if mode == "untimed" else 90
    with Store.open(db_path, clock=clock.now) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode=mode, time_limit=limit)
        clock.advance(seconds)
        store.save_draft(attempt_id, DRAFT)
    # The app starts later; downtime between the crash and the restart costs nothing.
    clock.advance(3600)
    return attempt_id


async def _offered(app: MockRoundApp, pilot: object) -> None:
    """Wait for the start-up offer of a draft (the database is read after the first paint)."""
    for _ in range(50):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        if isinstance(app.screen, RecoverDraftScreen):
            await pilot.pause()  # type: ignore[attr-defined]  # drawn, not only pushed
            return
    raise AssertionError("no draft was offered at start-up")


async def _new_drill(app: MockRoundApp, pilot: object) -> DrillScreen:
    """A fresh timed drill started from Home with `d`."""
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("d")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, DrillScreen)
    return app.screen


async def _resume(app: MockRoundApp, pilot: object) -> DrillScreen:
    await pilot.press("r")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, DrillScreen)
    return app.screen


async def test_a_draft_saved_60_s_into_a_90_s_drill_resumes_at_0_30(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    attempt_id = _crashed_after(db_path, clock, 60)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        assert "about 0:30 left" in screen_text(app)
        drill = await _resume(app, pilot)
        assert drill.attempt_id == attempt_id
        assert drill.remaining == 30
        assert "0:30" in str(drill.query_one(Countdown).render())
        assert drill.query_one(Countdown).has_class("-warn")
        # The stored limit is still the drill's own; only the clock carried on.
        assert app.services.store.get_attempt(attempt_id).attempt.time_limit == 90
        clock.advance(30)
        drill.check_clock()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, FeedbackScreen)
        stored = app.services.store.get_attempt(attempt_id).attempt
        assert stored.timed_out and stored.text == DRAFT


async def test_a_draft_saved_near_the_end_still_gets_15_seconds_to_finish(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    _crashed_after(db_path, clock, 88)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "about 0:15 left" in screen_text(app)
        drill = await _resume(app, pilot)
        assert drill.remaining == 15
        assert "0:15" in str(drill.query_one(Countdown).render())


async def test_a_draft_saved_after_the_limit_passed_also_gets_15_seconds(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    _crashed_after(db_path, clock, 400)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drill = await _resume(app, pilot)
        assert drill.remaining == 15


async def test_an_untimed_draft_resumes_untimed(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    _crashed_after(db_path, clock, 60, mode="untimed")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        assert " left" not in screen_text(app)
        drill = await _resume(app, pilot)
        assert drill.remaining is None
        assert not drill.query_one(Countdown).display
        clock.advance(600)
        drill.check_clock()
        await pilot.pause()
        still: object = app.screen  # no clock, so nothing submits it
        assert still is drill


async def test_a_resumed_drill_stores_the_time_spent_answering_not_the_time_closed(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    attempt_id = _crashed_after(db_path, clock, 30)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _resume(app, pilot)
        clock.advance(10)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        attempt = app.services.store.get_attempt(attempt_id).attempt
        assert attempt.duration_seconds == 40


async def test_thinking_time_without_typing_counts_against_a_recovered_draft(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _new_drill(app, pilot)
        clock.advance(5)
        await pilot.press(*"weights")
        drill.autosave()
        # 40 s of thought, no keystroke; the autosave timer keeps running meanwhile.
        for _ in range(20):
            clock.advance(2)
            drill.autosave()
    # The session ends here without Escape or submit (a crash, a closed terminal).
    clock.advance(3600)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        assert "about 0:45 left" in screen_text(app)
        resumed = await _resume(app, pilot)
        assert resumed.remaining == 45


async def test_a_resumed_draft_that_crashes_again_keeps_only_the_time_worked(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    _crashed_after(db_path, clock, 60)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drill = await _resume(app, pilot)
        clock.advance(10)
        drill.autosave()
    # A second crash, and another hour closed: neither closed hour is time worked.
    clock.advance(3600)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _offered(app, pilot)
        assert "about 0:20 left" in screen_text(app)
        assert (await _resume(app, pilot)).remaining == 20


async def test_a_paused_draft_recovered_after_a_crash_does_not_count_the_pause(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await _new_drill(app, pilot)
        await pilot.press(*"weights")
        clock.advance(10)
        await pilot.press("ctrl+t")
        await pilot.pause()
        # Five minutes paused, the autosave still running, then the session dies.
        for _ in range(150):
            clock.advance(2)
            drill.autosave()
    clock.advance(3600)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _offered(app, pilot)
        assert "about 1:20 left" in screen_text(app)
        assert (await _resume(app, pilot)).remaining == 80
