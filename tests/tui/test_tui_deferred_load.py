"""Start-up: Home paints before the bank is validated and the history read, then fills in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from conftest_data import FakeDemos, KeywordGrader
from textual.widgets import OptionList

from mockround.bank import Bank
from mockround.config import DrillSettings, Settings
from mockround.config_peek import DEFAULT_THEME, peek_theme
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


async def test_settings_are_validated_after_the_first_paint(
    bank: Bank, db_path: Path, screen_text: ScreenText
) -> None:
    gate = threading.Event()

    def slow_settings() -> Settings:
        gate.wait(10)
        return Settings(db=db_path, drill=DrillSettings(seconds=60))

    app = create_app(slow_settings, bank, grader_factory=KeywordGrader, demos=FakeDemos())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.services.settings_loaded
        assert "Reading your questions and scores…" in screen_text(app)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The actions line names the drill length the validated settings give.
        assert "60-second drill" in screen_text(app)


async def test_a_bad_config_file_still_ends_with_the_one_line_error(db_path: Path) -> None:
    def bad() -> Settings:
        raise UserError("config.toml: drill.seconds: Input should be less than or equal to 600")

    app = create_app(bad, None, grader_factory=KeywordGrader, demos=FakeDemos())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2


def test_the_first_paint_takes_its_theme_from_env_then_file_then_the_default(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    assert peek_theme(config, {}) == DEFAULT_THEME  # no file
    config.write_text('[ui]\ntheme = "nord"\n')
    assert peek_theme(config, {}) == "nord"
    assert peek_theme(config, {"MOCKROUND_THEME": "gruvbox"}) == "gruvbox"
    config.write_text("[ui\ntheme = ")  # not TOML: the settings load reports it later
    assert peek_theme(config, {}) == DEFAULT_THEME
    config.write_text("[ui]\ntheme = 5\n")
    assert peek_theme(config, {}) == DEFAULT_THEME
