"""Compare: both answers beside each other, what changed, flags by title, evidence per row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest_data import ATTEMPTS, seed_history
from textual.widgets import DataTable

from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.compare import CompareScreen
from mockround.tui.widgets.evidence import SELECTED_STYLE

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]


async def _compare(app: MockRoundApp, pilot: object) -> CompareScreen:
    await pilot.press("h", "space", "down", "down", "space", "c")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, CompareScreen)
    return app.screen


async def test_compare_shows_both_answers_the_changes_and_flag_titles_not_ids(
    make_app: AppFactory, screen_text: ScreenText, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _compare(app, pilot)
        text = screen_text(app)
        older, newer = ATTEMPTS[0][2], ATTEMPTS[2][2]
        assert "I would oversample with SMOTE" in text
        assert "First the cost of each error." in text
        assert str(screen.shown["a"]).endswith(older)
        assert str(screen.shown["b"]).endswith(newer)
        assert "Relies on plain accuracy" in text
        assert "accuracy_endorsed" not in text
        assert "Changed: Cost first +2" in text


async def test_the_highlighted_criterion_lights_up_its_evidence_in_each_answer(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _compare(app, pilot)
        table = screen.query_one("#compare", DataTable)
        table.move_cursor(row=[r.key for r in screen.rows].index("context"))
        await pilot.pause()
        assert screen.selected_key() == "context"
        newer = screen.shown["b"]
        start = str(newer).index(ATTEMPTS[2][2])
        lit = [s for s in newer.spans if s.style == SELECTED_STYLE]
        # The seeded grade's evidence for Cost first is the answer's first five characters.
        assert [(s.start - start, s.end - start) for s in lit] == [(0, 5)]
        assert not [s for s in screen.shown["a"].spans if s.style == SELECTED_STYLE]
