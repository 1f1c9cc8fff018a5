"""The drill screen: live word count, countdown colours, autosave, submit, timer expiry."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.countdown import Countdown

AppFactory = Callable[..., MockRoundApp]
ANSWER = "First the context and the costs, then weighting and the threshold."


async def _open_drill(app: MockRoundApp, pilot: object) -> DrillScreen:
    await pilot.press("d")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, DrillScreen)
    return app.screen


async def test_drill_shows_live_word_count_and_speaking_time(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        await pilot.press(*"one two three four five")
        await pilot.pause()
        stats = str(screen.query_one("#answer-stats").render())
        assert "5 words" in stats
        assert "about 2 s to say aloud" in stats


async def test_countdown_turns_amber_at_30_and_red_at_10_seconds(
    make_app: AppFactory, clock: ManualClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        countdown = screen.query_one(Countdown)
        screen.check_clock()
        assert "1:30" in str(countdown.render())
        assert not countdown.has_class("-warn")
        clock.advance(61)
        screen.check_clock()
        assert "0:29" in str(countdown.render())
        assert countdown.has_class("-warn")
        clock.advance(20)
        screen.check_clock()
        assert countdown.has_class("-danger") and not countdown.has_class("-warn")


async def test_timer_expiry_locks_and_submits_the_answer_as_timed_out(
    make_app: AppFactory, clock: ManualClock, db_path: object
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        await pilot.press(*"context first")
        await pilot.pause()
        editor = screen.query_one(AnswerEditor)
        clock.advance(90)
        screen.check_clock()
        assert editor.text_area.read_only
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert app.screen.timed_out
        attempts = app.services.store.list_attempts()
        assert len(attempts) == 1
        assert attempts[0].timed_out
        assert attempts[0].text == "context first"
        assert attempts[0].overall is not None  # graded after the lock


async def test_drill_attempt_is_stored_when_it_starts_and_draft_autosaved_only_on_change(
    make_app: AppFactory, db_path: object
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        store: Store = app.services.store
        assert screen.attempt_id is not None
        await pilot.press(*"class weights")
        await pilot.pause()
        screen.autosave()
        drafts = store.unfinished_drafts()
        assert [d.text for d in drafts] == ["class weights"]
        saved_at = drafts[0].saved_at
        screen.autosave()  # nothing changed: no write
        assert store.unfinished_drafts()[0].saved_at == saved_at


async def test_ctrl_s_submits_and_stores_the_answer_before_grading(
    make_app: AppFactory,
) -> None:
    seen: list[int] = []

    class SpyGrader:
        """Records how many submitted attempts exist when grading starts."""

        name = "spy"

        def grade(self, question: object, answer: str) -> object:
            seen.append(len(app.services.store.list_attempts()))
            raise RuntimeError("stop here")

    app = make_app(grader=SpyGrader)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        screen.query_one(AnswerEditor).text_area.insert(ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [1]
        assert isinstance(app.screen, FeedbackScreen)
        assert "Grading failed" in str(app.screen.query_one("#fb-summary").render())
        assert app.services.store.list_attempts()[0].text == ANSWER


async def test_empty_answer_is_not_submitted_by_ctrl_s(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_drill(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.services.store.list_attempts() == []


async def test_untimed_mode_has_no_clock_and_never_expires(
    make_app: AppFactory, clock: ManualClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert not screen.query_one(Countdown).display
        clock.advance(10_000)
        screen.check_clock()
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert not screen.query_one(AnswerEditor).text_area.read_only


async def test_question_mark_typed_in_the_editor_is_text_not_help(
    make_app: AppFactory, screen_text: Callable[[MockRoundApp], str]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        await pilot.press(*"why?")
        await pilot.pause()
        assert screen.query_one(AnswerEditor).text == "why?"
        assert app.screen is screen


async def test_a_store_error_mid_session_ends_with_one_line_not_a_traceback(
    make_app: AppFactory,
) -> None:
    from mockround.store import StoreError

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_drill(app, pilot)
        await pilot.press(*"abc")

        def locked(attempt_id: str, text: str, **_: object) -> None:
            raise StoreError("history.db: the database is locked; close the other MockRound")

        app.services.store.save_draft = locked  # type: ignore[method-assign]
        screen.call_later(screen.autosave)  # as the autosave timer would, inside the app
        for _ in range(50):  # a few event-loop turns, not a timed wait
            if app.return_code is not None:
                break
            await asyncio.sleep(0)
    assert app.return_code == 2


async def test_ctrl_s_straight_after_fast_typing_submits_every_character(
    make_app: AppFactory,
) -> None:
    # A fast typist (or a paste) queues keys faster than the editor handles them; the
    # submit key must still see the whole answer, not race ahead of the editor.
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_drill(app, pilot)
        driver = app._driver
        assert driver is not None
        typed = "weights first then threshold"
        for char in typed:
            event = events.Key("space" if char == " " else char, char)
            event.set_sender(app)
            driver.send_message(event)
        submit = events.Key("ctrl+s", None)
        submit.set_sender(app)
        driver.send_message(submit)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        attempts = app.services.store.list_attempts()
        assert [a.text for a in attempts] == [typed]
