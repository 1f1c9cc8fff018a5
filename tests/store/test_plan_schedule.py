"""The practice plan: FSRS reviews from grades, weak criteria pulling follow-ups forward."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from fsrs import Rating
from store_helpers import CRITERIA, FakeClock, add_graded, build_grade

from mockround.plan.models import PlanItem
from mockround.plan.scheduler import rating_for
from mockround.store import Store
from mockround.store.export import write_jsonl
from mockround.store.importer import import_jsonl

STRONG = dict.fromkeys(CRITERIA, 2)


def _weak(*missed: str) -> dict[str, int]:
    return {c: 0 if c in missed else 2 for c in CRITERIA}


def _history(store: Store, clock: FakeClock) -> None:
    """A week of mixed practice: main question, a follow-up, a related question."""
    for day, overall in enumerate((35, 55, 72, 88, 91)):
        add_graded(store, clock, overall, scores=_weak("threshold") if overall < 60 else STRONG)
        add_graded(store, clock, overall - 5, question_id="change-threshold", mode="followup")
        if day % 2:
            add_graded(store, clock, 65, question_id="data-leakage")
        clock.advance(days=1)


def _card(store: Store, card_id: str) -> PlanItem:
    return next(i for i in store.plan(include_all=True) if i.card_id == card_id)


def test_ratings_follow_the_grade_bands_and_a_timed_out_drill_is_at_best_hard() -> None:
    assert [rating_for(s) for s in (0, 39, 40, 59, 60, 79, 80, 100)] == [
        Rating.Again,
        Rating.Again,
        Rating.Hard,
        Rating.Hard,
        Rating.Good,
        Rating.Good,
        Rating.Easy,
        Rating.Easy,
    ]
    assert rating_for(95, timed_out=True) == Rating.Hard
    assert rating_for(20, timed_out=True) == Rating.Again


def test_replaying_the_same_history_gives_the_same_plan(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    start = clock.now
    _history(store, clock)
    before = store.plan(include_all=True, now=clock.now)
    assert store.rebuild_plan() == 12
    assert store.plan(include_all=True, now=clock.now) == before
    twin_clock = FakeClock(start)
    with Store.open(tmp_path / "twin.db", clock=twin_clock) as twin:
        _history(twin, twin_clock)
        assert twin.plan(include_all=True, now=clock.now) == before


def test_due_dates_move_out_after_good_grades(store: Store, clock: FakeClock) -> None:
    intervals = []
    for _ in range(4):
        add_graded(store, clock, 90, scores=STRONG)
        card = _card(store, "imbalanced-data")
        assert card.due is not None
        intervals.append(card.due - clock.now)
        clock.now = card.due
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0] > timedelta(days=1)


def test_a_weak_grade_brings_the_due_date_back_in(store: Store, clock: FakeClock) -> None:
    for _ in range(3):
        add_graded(store, clock, 90, scores=STRONG)
        clock.now = _card(store, "imbalanced-data").due or clock.now
    add_graded(store, clock, 25, scores=STRONG)
    card = _card(store, "imbalanced-data")
    assert card.due is not None and card.due - clock.now < timedelta(hours=1)
    assert card.state == "relearning" and card.last_grade == 25


def test_a_weak_threshold_answer_makes_the_threshold_followup_due_today(
    store: Store, clock: FakeClock
) -> None:
    # The follow-up was answered well before, so its own schedule would put it days away.
    add_graded(store, clock, 90, question_id="change-threshold", mode="followup")
    before = _card(store, "change-threshold").due
    assert before is not None and before > clock.now + timedelta(days=1)
    add_graded(store, clock, 55, scores=_weak("threshold"))
    due = {item.card_id: item for item in store.plan(now=clock.now)}
    assert due["change-threshold"].weak_criteria == ["threshold"]
    assert due["change-threshold"].is_due
    # Every follow-up aimed at threshold is due; none aimed only at strong criteria is.
    assert "explain-tradeoff" in due and "which-metric" not in due
    assert _card(store, "imbalanced-data").weak_criteria == ["threshold"]


def test_answering_the_followup_well_clears_its_weak_criteria(
    store: Store, clock: FakeClock
) -> None:
    add_graded(store, clock, 55, scores=_weak("threshold"))
    add_graded(store, clock, 85, question_id="change-threshold", mode="followup")
    card = _card(store, "change-threshold")
    assert card.weak_criteria == [] and not card.is_due


def test_the_reason_counts_recent_misses_of_the_weak_criterion(
    store: Store, clock: FakeClock
) -> None:
    for missed in (True, True, False, True):
        add_graded(store, clock, 50, scores=_weak("threshold") if missed else STRONG)
    item = _card(store, "change-threshold")
    reason = store.plan_reason(item, clock.now)
    assert reason.startswith("Threshold missed in 3 of your last 4; due ")


def test_export_then_import_gives_the_same_plan(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    _history(store, clock)
    out = io.StringIO()
    with store.lock() as conn:
        write_jsonl(conn, out)
    source = tmp_path / "export.jsonl"
    source.write_text(out.getvalue(), encoding="utf-8")
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        import_jsonl(copy, source)
        assert copy.plan(include_all=True) == store.plan(include_all=True)


def test_a_history_from_before_the_plan_gets_one_when_opened(
    db_path: Path, store: Store, clock: FakeClock
) -> None:
    _history(store, clock)
    before = store.plan(include_all=True)
    store.connection.execute("DROP TABLE plan_cards")
    store.connection.execute("DELETE FROM _migrations WHERE name = '006_plan_cards'")
    store.close()
    with Store.open(db_path, clock=clock) as again:
        assert again.plan(include_all=True) == before


def test_unpractised_cards_are_listed_as_new_only_with_all(store: Store, clock: FakeClock) -> None:
    add_graded(store, clock, 30, scores=STRONG)
    assert [i.card_id for i in store.plan(now=clock.now + timedelta(days=1))] == ["imbalanced-data"]
    everything = store.plan(include_all=True)
    assert {i.state for i in everything if i.card_id != "imbalanced-data"} == {"new"}
    assert len(everything) == len(store.plan_catalog().cards)


def test_regrading_an_old_attempt_replays_the_plan(store: Store, clock: FakeClock) -> None:
    first = add_graded(store, clock, 30, scores=STRONG)
    clock.advance(days=2)
    add_graded(store, clock, 90, scores=STRONG)
    store.add_grade(first, build_grade(95, scores=STRONG))
    regraded = store.plan(include_all=True)
    store.rebuild_plan()
    assert store.plan(include_all=True) == regraded
    assert _card(store, "imbalanced-data").reviews == 2


def test_a_weak_criterion_answered_well_next_time_leaves_its_untried_followups_new(
    store: Store, clock: FakeClock
) -> None:
    add_graded(store, clock, 55, scores=_weak("threshold"))
    add_graded(store, clock, 90, scores=STRONG)
    assert _card(store, "change-threshold").state == "new"
    assert [i.card_id for i in store.plan(now=clock.now + timedelta(days=30))] == [
        "imbalanced-data"
    ]
