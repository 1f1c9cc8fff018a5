"""Snapshots of every screen at 80x24 and a few at 120x40, from fixed data and a stopped clock.

Regenerate with `.venv/bin/pytest tests/tui --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest_data import WordyGrader, seed_history
from textual.pilot import Pilot
from textual.widgets import TextArea

from mockround.config import DrillSettings, Settings
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock

AppFactory = Callable[..., MockRoundApp]
SnapCompare = Callable[..., bool]
Step = Callable[[Pilot[None]], Awaitable[None]]

ANSWER = (
    "It depends on the context: what does a missed positive cost? I would start with "
    "weighting, keep resampling inside the folds to avoid leakage, tune the threshold, "
    "and report metrics like recall instead of accuracy."
)
SMALL = (80, 24)
LARGE = (120, 40)


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False  # a blinking cursor would make snapshots flaky
    await pilot.pause()


def _keys(*keys: str) -> Step:
    async def run(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run


def _answer(mode_key: str, *after: str, advance: float = 0.0) -> Step:
    async def run(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press(mode_key)
        await _settle(pilot)
        pilot.app.screen.query_one("#answer", TextArea).insert(ANSWER)
        if advance:
            clock = pilot.app.services.clock  # type: ignore[attr-defined]
            clock.advance(advance)
            pilot.app.screen.check_clock()  # type: ignore[attr-defined]
        await _settle(pilot)
        for key in after:
            await pilot.press(key)
            await _settle(pilot)

    return run


@pytest.fixture
def seeded(db_path: Path, clock: ManualClock, utc: None) -> None:
    """Three graded attempts on three days."""
    seed_history(db_path, clock)


SCREENS: dict[str, tuple[Step, tuple[int, int]]] = {
    "home": (_keys(), SMALL),
    "home_large": (_keys(), LARGE),
    "drill_last_30_seconds": (_answer("d", advance=65), SMALL),
    "feedback": (_answer("u", "ctrl+s"), SMALL),
    "feedback_large": (_answer("u", "ctrl+s"), LARGE),
    "feedback_model_answer": (_answer("u", "ctrl+s", "a"), SMALL),
    "followup": (_answer("u", "ctrl+s", "f"), SMALL),
    "demos": (_keys("m"), SMALL),
    "demo_run": (_keys("m", "enter"), SMALL),
    "history": (_keys("h"), SMALL),
    "history_large": (_keys("h"), LARGE),
    "history_trends": (_keys("h", "t"), SMALL),
    "compare": (_keys("h", "space", "down", "down", "space", "c"), SMALL),
    "compare_large": (_keys("h", "space", "down", "down", "space", "c", "down", "down"), LARGE),
    "model_answer_large": (_answer("u", "ctrl+s", "a"), LARGE),
    "drill_paused": (_answer("d", "ctrl+t", advance=20), SMALL),
    "drill_leave": (_answer("d", "escape"), SMALL),
    "dispute": (_answer("u", "ctrl+s", "down", "d"), SMALL),
    "help": (_keys("question_mark"), SMALL),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_snapshot(
    name: str, seeded: None, make_app: AppFactory, snap_compare: SnapCompare
) -> None:
    step, size = SCREENS[name]
    assert snap_compare(make_app(), terminal_size=size, run_before=step)


@pytest.mark.parametrize("keys", [("h",), ("h", "t")], ids=["history", "trends"])
def test_empty_history_snapshot(
    keys: tuple[str, ...], utc: None, make_app: AppFactory, snap_compare: SnapCompare
) -> None:
    """An empty history and trends say which key starts a drill."""
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_keys(*keys))


def test_drill_reading_moment_snapshot(
    db_path: Path, utc: None, make_app: AppFactory, snap_compare: SnapCompare
) -> None:
    settings = Settings(db=db_path, drill=DrillSettings(reading_seconds=5))
    assert snap_compare(make_app(settings=settings), terminal_size=SMALL, run_before=_keys("d"))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_feedback_long_feedback_snapshot(
    size: tuple[int, int], utc: None, make_app: AppFactory, snap_compare: SnapCompare
) -> None:
    """Wrapped in full at 120 columns, cut with '…' at 80."""
    app = make_app(grader=WordyGrader)
    assert snap_compare(app, terminal_size=size, run_before=_answer("u", "ctrl+s"))


def test_recover_draft_snapshot(
    db_path: Path, clock: ManualClock, utc: None, make_app: AppFactory, snap_compare: SnapCompare
) -> None:
    from mockround.store import Store

    with Store.open(db_path, clock=clock.now) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
        store.save_draft(attempt_id, ANSWER)
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=_keys())
