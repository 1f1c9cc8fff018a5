"""Statistics: per question, trend, per-criterion averages, weakest criterion, daily streak."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from store_helpers import FakeClock, GradeFactory, add_graded

from mockround.store import Store


def test_an_empty_history_has_empty_stats(store: Store) -> None:
    stats = store.stats()
    assert stats.total_attempts == 0
    assert stats.questions == []
    assert (stats.trend_last5, stats.trend_prev5, stats.weakest_criterion) == (None, None, None)
    assert stats.criteria == {}
    assert stats.streak_days == 0


def test_per_question_figures_count_every_submitted_attempt(store: Store, clock: FakeClock) -> None:
    add_graded(store, clock, 40)
    add_graded(store, clock, 90)
    add_graded(store, clock, 65)
    ungraded = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
    store.submit(ungraded, "not graded yet")
    add_graded(store, clock, 50, question_id="which-metric", mode="followup")
    stats = store.stats()
    assert stats.total_attempts == 5
    assert stats.graded_attempts == 4
    main, followup = stats.questions
    assert (main.question_id, main.attempts, main.average_overall) == ("imbalanced-data", 4, 65.0)
    assert (main.best_overall, main.last_overall) == (90, 65)
    assert (followup.question_id, followup.attempts, followup.best_overall) == (
        "which-metric",
        1,
        50,
    )


def test_trend_compares_the_last_five_main_attempts_with_the_five_before(
    store: Store, clock: FakeClock
) -> None:
    for overall in (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100):
        add_graded(store, clock, overall)
    add_graded(store, clock, 0, question_id="which-metric", mode="followup")
    stats = store.stats()
    assert stats.trend_last5 == 88.0  # 100, 100, 90, 80, 70
    assert stats.trend_prev5 == 40.0  # 60, 50, 40, 30, 20


def test_criteria_average_the_latest_grade_of_main_attempts_only(
    store: Store, clock: FakeClock, make_grade: GradeFactory
) -> None:
    first = add_graded(store, clock, 50, scores={"context": 0, "metrics": 2, "leakage": 1})
    # Regrading replaces the attempt's figures: only its latest grade counts.
    store.add_grade(first, make_grade(60, scores={"context": 2, "metrics": 2, "leakage": 0}))
    add_graded(store, clock, 50, scores={"context": 1, "metrics": 1, "leakage": 0})
    add_graded(store, clock, 10, question_id="which-metric", mode="followup",
               scores={"context": 0, "metrics": 0, "leakage": 0})  # fmt: skip
    stats = store.stats()
    assert stats.criteria == {"context": 1.5, "leakage": 0.0, "metrics": 1.5}
    assert stats.weakest_criterion == "leakage"


def test_streak_counts_consecutive_days_ending_today(db_path: Path, clock: FakeClock) -> None:
    today = clock.now
    with Store.open(db_path, clock=clock) as store:
        for days_ago in (5, 3, 2, 1, 0):
            clock.now = today - timedelta(days=days_ago)
            add_graded(store, clock, 50)
        clock.now = today
        assert store.stats().streak_days == 4


def test_a_streak_survives_until_today_ends(db_path: Path, clock: FakeClock) -> None:
    today = clock.now
    with Store.open(db_path, clock=clock) as store:
        clock.advance(days=-2)
        add_graded(store, clock, 50)
        clock.now = today
        clock.advance(days=-1)
        add_graded(store, clock, 50)
        clock.now = today
        assert store.stats().streak_days == 2
        clock.advance(days=1)
        assert store.stats().streak_days == 0
