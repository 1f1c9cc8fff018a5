"""Home's stats line: the weakest criterion by its label, never one at full marks; counts agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Grade, band_for
from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock

AppFactory = Callable[..., MockRoundApp]


def _graded(
    store: Store, question_id: str, mode: str, scores: dict[str, int], parent: str | None = None
) -> str:
    """Store one submitted attempt graded with `scores` (criteria not named score 2)."""
    question = load_bank().get(question_id)
    attempt_id = store.start_attempt(
        question_id,
        mode=mode,  # type: ignore[arg-type]
        time_limit=90,
        parent_id=parent,
    )
    store.submit(attempt_id, "an answer")
    criteria = [
        CriterionScore(id=c.id, score=scores.get(c.id, 2)) for c in question.rubric.criteria
    ]
    store.add_grade(
        attempt_id,
        Grade(
            question_id=question_id,
            grader="offline",
            overall=70,
            band=band_for(70),
            criteria=criteria,
            words=2,
            speaking_seconds=1.0,
        ),
    )
    return attempt_id


async def _stats_line(app: MockRoundApp) -> str:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return str(app.screen.query_one("#home-stats", Static).render())


async def test_weakest_names_the_criterion_label_not_its_id(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    with Store.open(db_path, clock=clock.now) as store:
        _graded(store, "which-metric", "drill", {"cost_link": 1})
    line = await _stats_line(make_app())
    assert "Weakest: Cost link" in line
    assert "cost_link" not in line


async def test_weakest_is_not_shown_when_every_criterion_is_at_full_marks(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    with Store.open(db_path, clock=clock.now) as store:
        _graded(store, "imbalanced-data", "drill", {})
    line = await _stats_line(make_app())
    assert "Weakest" not in line
    assert "1 attempt" in line


async def test_attempt_count_separates_follow_ups_like_the_trend_does(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    with Store.open(db_path, clock=clock.now) as store:
        parent = _graded(store, "imbalanced-data", "drill", {"context": 0})
        _graded(store, "which-metric", "followup", {}, parent=parent)
    line = await _stats_line(make_app())
    assert "1 attempt + 1 follow-up · last 5 avg 70" in line
