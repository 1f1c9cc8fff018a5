"""Start-up: Home paints before the bank is validated and the history read, then fills in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from conftest_data import FakeDemos, KeywordGrader
from textual.widgets import OptionList

from mockround.bank import Bank
from mockround.config import Settings
from mockround.errors import UserError
from mockround.store import Store
from mockround.tui.app import MockRoundApp, create_app
from mockround.tui.screens.home import HomeScreen
from mockround.tui.screens.recover import RecoverDraftScreen

ScreenText = Callable[[MockRoundApp], str]


def _app_reading_the_bank_late(db_path: Path, load: Callable[[], Bank]) -> MockRoundApp:
    """The app as `mockround` starts it: no bank, no store; `load` stands in for the bank."""
    app = create_app(Settings(db=db_path), None, grader_factory=KeywordGrader, demos=FakeDemos())
    app.services.load_bank = load
    return app


async def test_home_is_painted_first_then_filled(
    bank: Bank, db_path: Path, screen_text: ScreenText
) -> None:
    gate = threading.Event()

    def slow_bank() -> Bank:
        gate.wait(10)
        return bank

    app = _app_reading_the_bank_late(db_path, slow_bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.services.loaded
        assert "Reading your questions and scores…" in screen_text(app)
        assert app.screen.query_one("#questions", OptionList).option_count == 0
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.services.loaded
        questions = app.screen.query_one("#questions", OptionList)
        assert questions.option_count == len(list(bank.all_items()))
        assert "No attempts yet" in screen_text(app)
        assert "Reading your questions" not in screen_text(app)


async def test_a_draft_is_offered_once_the_history_is_read(bank: Bank, db_path: Path) -> None:
    with Store.open(db_path) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
        store.save_draft(attempt_id, "kept from last time")
    app = _app_reading_the_bank_late(db_path, lambda: bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)


async def test_a_broken_bank_still_ends_with_the_one_line_error(db_path: Path) -> None:
    def broken() -> Bank:
        raise UserError("the question bank is invalid: imbalanced-data.toml: prompt missing")

    app = _app_reading_the_bank_late(db_path, broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2
