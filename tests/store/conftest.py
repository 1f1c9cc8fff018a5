"""Store test fixtures: a fake clock, a Grade factory and an opened store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_helpers import FakeClock, GradeFactory, build_grade

from mockround.store import Store


@pytest.fixture
def make_grade() -> GradeFactory:
    """The Grade factory as a fixture."""
    return build_grade


@pytest.fixture
def clock() -> FakeClock:
    """A clock starting at a fixed moment."""
    # Local noon, so a few hours either way stay on the same local day in any time zone.
    return FakeClock(datetime(2026, 11, 20, 12, 0).astimezone().astimezone(UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test database lives (its folder does not exist yet)."""
    return tmp_path / "data" / "history.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    """An opened, migrated store on a fake clock."""
    with Store.open(db_path, clock=clock) as opened:
        yield opened
