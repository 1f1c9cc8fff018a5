"""The Store API the TUI and the CLI share: attempts, drafts, grades, exchanges, queries."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, GradeFactory, add_graded

from mockround.grading.exchange import LLMExchange
from mockround.grading.scoring import count_words
from mockround.store import Store, StoreError


def test_submit_stores_the_answer_with_duration_words_and_timeout(
    store: Store, clock: FakeClock
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    started = clock.now
    clock.advance(seconds=91.5)
    attempt = store.submit(attempt_id, ANSWER, timed_out=True)
    assert attempt.id == attempt_id
    assert attempt.started_at == started
    assert attempt.submitted_at == started + timedelta(seconds=91.5)
    assert attempt.duration_seconds == 91.5
    assert attempt.timed_out is True
    assert attempt.words == count_words(ANSWER) == 27
    assert attempt.text == ANSWER


def test_the_attempt_is_committed_before_any_grade_exists(store: Store, db_path: Path) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
    store.submit(attempt_id, "class weights first")
    # A second connection sees it at once: nothing waits for the grader.
    other = sqlite3.connect(db_path)
    row = other.execute("SELECT text FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    other.close()
    assert row == ("class weights first",)


def test_add_grade_keeps_the_whole_grade_and_queryable_criterion_scores(
    store: Store, make_grade: GradeFactory
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.submit(attempt_id, ANSWER)
    grade = make_grade(82, scores={"context": 2, "metrics": 0}, red_flags=("tool_list",))
    store.add_grade(attempt_id, grade)
    detail = store.get_attempt(attempt_id)
    assert [g.grade for g in detail.grades] == [grade]
    assert detail.grades[0].grader == "offline" and detail.grades[0].model is None
    scores = store.connection.execute(
        "SELECT criterion_id, score FROM criterion_scores ORDER BY criterion_id"
    ).fetchall()
    assert scores == [("context", 2), ("metrics", 0)]


def test_a_second_opinion_is_stored_as_its_own_grade_row(
    store: Store, make_grade: GradeFactory
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.submit(attempt_id, ANSWER)
    second = make_grade(40, grader="llm:gpt-4o-mini")
    store.add_grade(attempt_id, make_grade(75, second_opinion=second))
    grades = store.get_attempt(attempt_id).grades
    assert [(g.grader, g.model, g.grade.overall) for g in grades] == [
        ("offline", None, 75),
        ("llm:gpt-4o-mini", "gpt-4o-mini", 40),
    ]
    assert grades[1].second_opinion_of == grades[0].id
    # The history row shows the primary grade, not the second opinion.
    assert store.list_attempts()[0].overall == 75


def test_the_latest_grade_is_the_one_history_shows(store: Store, make_grade: GradeFactory) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.submit(attempt_id, ANSWER)
    store.add_grade(attempt_id, make_grade(30))
    store.add_grade(attempt_id, make_grade(88, grader="llm:m"))
    summary = store.list_attempts()[0]
    assert (summary.overall, summary.band, summary.grader) == (88, "strong", "llm:m")
    assert [g.grade.overall for g in store.get_attempt(attempt_id).grades] == [30, 88]


def test_grading_an_unsubmitted_or_unknown_attempt_is_refused(
    store: Store, make_grade: GradeFactory
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    with pytest.raises(StoreError, match="not submitted"):
        store.add_grade(attempt_id, make_grade())
    with pytest.raises(StoreError, match="no attempt"):
        store.add_grade("nope", make_grade())


def test_submitting_twice_is_refused_and_keeps_the_first_answer(store: Store) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.submit(attempt_id, "first")
    with pytest.raises(StoreError, match="already submitted"):
        store.submit(attempt_id, "second")
    assert store.get_attempt(attempt_id).attempt.text == "first"


def test_an_unknown_mode_or_parent_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown mode"):
        store.start_attempt("imbalanced-data", mode="sprint", time_limit=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="no attempt"):
        store.start_attempt("which-metric", mode="followup", time_limit=None, parent_id="nope")


def test_drafts_are_upserted_recovered_and_cleared_on_submit(
    store: Store, clock: FakeClock
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.save_draft(attempt_id, "It dep")
    clock.advance(seconds=2)
    store.save_draft(attempt_id, "It depends on the cost")
    drafts = store.unfinished_drafts()
    assert [(d.attempt_id, d.text, d.saved_at) for d in drafts] == [
        (attempt_id, "It depends on the cost", clock.now)
    ]
    assert (drafts[0].mode, drafts[0].time_limit) == ("drill", 90)
    store.submit(attempt_id, "It depends on the cost.")
    assert store.unfinished_drafts() == []
    store.save_draft(attempt_id, "late autosave after submit")
    assert store.get_attempt(attempt_id).attempt.text == "It depends on the cost."


def test_blank_drafts_are_not_offered_for_recovery(store: Store) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.save_draft(attempt_id, "   \n")
    assert store.unfinished_drafts() == []


def test_a_discarded_draft_is_not_offered_again(store: Store) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.save_draft(attempt_id, "half an answer")
    store.discard_draft(attempt_id)
    assert store.unfinished_drafts() == []


def test_saving_a_draft_for_an_unknown_attempt_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no attempt"):
        store.save_draft("missing", "text")


def test_list_attempts_is_newest_first_submitted_only_and_filterable(
    store: Store, clock: FakeClock
) -> None:
    first = add_graded(store, clock, 50)
    second = add_graded(store, clock, 60, question_id="which-metric", mode="followup",
                        parent_id=first)  # fmt: skip
    third = add_graded(store, clock, 70)
    store.start_attempt("imbalanced-data", mode="drill", time_limit=90)  # never submitted
    assert [a.id for a in store.list_attempts()] == [third, second, first]
    assert [a.id for a in store.list_attempts(question_id="imbalanced-data")] == [third, first]
    assert [a.id for a in store.list_attempts(limit=1, offset=1)] == [second]


def test_get_attempt_accepts_a_unique_prefix_and_lists_follow_ups(
    store: Store, clock: FakeClock
) -> None:
    parent = add_graded(store, clock, 55)
    child = add_graded(store, clock, 65, question_id="which-metric", mode="followup",
                       parent_id=parent)  # fmt: skip
    detail = store.get_attempt(parent[:8].upper())
    assert detail.attempt.id == parent
    assert [(f.id, f.overall) for f in detail.followups] == [(child, 65)]
    assert store.get_attempt(child).attempt.parent_id == parent


def test_get_attempt_reports_missing_and_ambiguous_ids(store: Store) -> None:
    ids = [store.start_attempt("q", mode="untimed", time_limit=None) for _ in range(40)]
    with pytest.raises(StoreError, match="no attempt 'zzz'"):
        store.get_attempt("zzz")
    shared = next(
        a[0] for a in ids if sum(1 for other in ids if other[0] == a[0]) > 1
    )  # 40 uuids over 16 hex digits: some first digit repeats
    with pytest.raises(StoreError, match="several start with it"):
        store.get_attempt(shared)


def test_exchanges_are_logged_with_anything_key_like_scrubbed(store: Store) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.log_exchange(
        LLMExchange(
            model="gpt-4o-mini",
            server="https://user:hunter2@api.example/v1?api_key=sk-live-abcdefghijklmnop",
            mode="json_schema",
            latency_ms=420.0,
            request={"messages": [{"role": "user", "content": "hi"}], "Api-Key": "k-123"},
            response={"choices": [], "headers": {"Authorization": "Bearer abcdefghijklmnop"}},
            error="401: Bearer abcdefghijklmnop rejected",
        ),
        attempt_id,
    )
    store.log_exchange(
        LLMExchange(
            model="m", server="http://127.0.0.1:8000/v1", mode="plain", latency_ms=1.0, request={}
        )
    )
    dump = "\n".join(str(row) for row in store.connection.execute("SELECT * FROM llm_exchanges"))
    for secret in ("hunter2", "sk-live", "k-123", "abcdefghijklmnop"):
        assert secret not in dump
    exchanges = store.get_attempt(attempt_id).exchanges
    assert len(exchanges) == 1
    assert exchanges[0].request["messages"] == [{"role": "user", "content": "hi"}]
    assert exchanges[0].server == "https://api.example/v1?api_key=[redacted]"


def test_the_store_works_from_a_worker_thread(store: Store, make_grade: GradeFactory) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.submit(attempt_id, ANSWER)
    errors: list[BaseException] = []

    def grade_in_thread() -> None:
        try:
            store.add_grade(attempt_id, make_grade(77))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    worker = threading.Thread(target=grade_in_thread)
    worker.start()
    for _ in range(20):
        store.save_draft(store.start_attempt("q", mode="untimed", time_limit=None), "typing")
    worker.join()
    assert errors == []
    assert store.list_attempts()[0].overall == 77


def test_open_creates_missing_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "history.db"
    Store.open(path).close()
    assert path.is_file()
