"""A draft left by a killed session is offered at start-up, and restored or discarded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.home import HomeScreen
from mockround.tui.screens.recover import RecoverDraftScreen
from mockround.tui.widgets.answer_editor import AnswerEditor

AppFactory = Callable[..., MockRoundApp]
DRAFT = "I would start from the cost of a missed fraud case"


def _killed_session(db_path: Path, clock: ManualClock) -> str:
    """What a session killed mid-drill leaves behind: a started attempt and its autosaved draft."""
    with Store.open(db_path, clock=clock.now) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
        store.save_draft(attempt_id, DRAFT)
    return attempt_id


async def test_unfinished_draft_is_offered_and_restored_into_the_same_attempt(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    attempt_id = _killed_session(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.attempt_id == attempt_id
        assert screen.query_one(AnswerEditor).text == DRAFT
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        attempts = app.services.store.list_attempts()
        assert [(a.id, a.text) for a in attempts] == [(attempt_id, DRAFT)]
        assert app.services.store.unfinished_drafts() == []


async def test_discarded_draft_is_not_offered_again(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    _killed_session(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.services.store.unfinished_drafts() == []


async def test_leaving_a_drill_keeps_the_draft_for_next_time(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        app.screen.query_one(AnswerEditor).text_area.insert(DRAFT)
        await pilot.press("escape", "y")  # a running drill asks before it is left
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [d.text for d in app.services.store.unfinished_drafts()] == [DRAFT]
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, RecoverDraftScreen)


async def test_typing_after_resume_lands_at_the_end_of_the_recovered_draft(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    attempt_id = _killed_session(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("space", "n", "o", "w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        stored = app.services.store.get_attempt(attempt_id).attempt.text
        assert stored == DRAFT + " now"


async def test_a_draft_kept_with_escape_can_be_resumed_from_home(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        attempt_id = app.screen.attempt_id  # type: ignore[attr-defined]
        app.screen.query_one(AnswerEditor).text_area.insert(DRAFT)
        await pilot.press("escape", "y")  # a running drill asks before it is left
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.attempt_id == attempt_id
        assert screen.query_one(AnswerEditor).text == DRAFT


async def test_resume_from_home_without_a_draft_says_there_is_none(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("No unfinished draft" in n.message for n in app._notifications)
