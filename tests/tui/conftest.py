"""Fixtures for the TUI tests: a hand-wound clock, a real store in a temp dir, an app factory."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest_data import FakeDemos, KeywordGrader
from rich.console import Console

from mockround.bank import Bank, load_bank
from mockround.config import DrillSettings, Settings
from mockround.grading import Grader
from mockround.store import Store
from mockround.tui.app import DrillStart, MockRoundApp, create_app
from mockround.tui.clock import ManualClock
from mockround.tui.services import DemoCatalog

AppFactory = Callable[..., MockRoundApp]


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The shipped bank."""
    return load_bank()


@pytest.fixture
def clock() -> ManualClock:
    """Time stands still unless a test advances it."""
    return ManualClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's history lives."""
    return tmp_path / "history.db"


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so times on screen are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def make_app(bank: Bank, clock: ManualClock, db_path: Path) -> Iterator[AppFactory]:
    """Build an app over a real store at db_path; graders and demos default to fakes."""
    stores: list[Store] = []

    def factory(
        *,
        grader: Callable[[], Grader] = KeywordGrader,
        demos: DemoCatalog | None = None,
        drill: DrillStart | None = None,
        settings: Settings | None = None,
    ) -> MockRoundApp:
        store = Store.open(db_path, clock=clock.now)
        stores.append(store)
        # The clock starts at once unless a test asks for a reading moment.
        quick = Settings(db=db_path, drill=DrillSettings(reading_seconds=0))
        return create_app(
            settings or quick,
            bank,
            drill=drill,
            store=store,
            grader_factory=grader,
            clock=clock,
            demos=demos or FakeDemos(),
        )

    yield factory
    for store in stores:
        store.close()


def _screen_text(app: MockRoundApp) -> str:
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens, simplify=True
        )
    )
    return console.export_text()


@pytest.fixture
def screen_text() -> Callable[[MockRoundApp], str]:
    """What the terminal shows right now, as plain text."""
    return _screen_text
