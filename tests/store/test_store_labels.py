"""Disputes and the paused mark: stored beside the grade, exported, imported back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, add_graded

from mockround.store import Store, StoreError
from mockround.store.export import write_csv, write_jsonl, write_markdown
from mockround.store.importer import import_jsonl

SENTENCE = "It depends on what a missed fraud case costs."


def _disputed(store: Store, clock: FakeClock) -> str:
    attempt_id = add_graded(store, clock, 40, scores={"context": 1, "metrics": 0})
    store.add_dispute(attempt_id, "context", 2, 0, len(SENTENCE))
    return attempt_id


def test_a_dispute_is_stored_with_the_answers_own_words_and_the_grade_is_unchanged(
    store: Store, clock: FakeClock
) -> None:
    attempt_id = add_graded(store, clock, 40, scores={"context": 1, "metrics": 0})
    before = store.get_attempt(attempt_id)
    dispute = store.add_dispute(attempt_id, "context", 2, 0, len(SENTENCE))
    assert (dispute.criterion, dispute.level, dispute.sentence) == ("context", 2, SENTENCE)
    assert dispute.offsets == (0, len(SENTENCE)) and dispute.matches(ANSWER)
    after = store.get_attempt(attempt_id)
    assert after.disputes == [dispute]
    assert after.grades == before.grades
    assert after.latest_grade is not None and after.latest_grade.grade.overall == 40
    assert after.latest_grade.grade.criterion("context").score == 1
    assert store.list_attempts()[0].overall == 40
    assert store.stats().criteria["context"] == 1.0


@pytest.mark.parametrize(("level", "start", "end"), [(3, 0, 5), (2, 5, 5), (2, 0, 10_000)])
def test_a_dispute_outside_the_answer_or_the_scale_is_refused(
    store: Store, clock: FakeClock, level: int, start: int, end: int
) -> None:
    attempt_id = add_graded(store, clock, 40)
    with pytest.raises(StoreError):
        store.add_dispute(attempt_id, "context", level, start, end)
    assert store.disputes(attempt_id) == []


def test_an_unsubmitted_attempt_cannot_be_disputed(store: Store) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    with pytest.raises(StoreError, match="not submitted"):
        store.add_dispute(attempt_id, "context", 2, 0, 3)


def test_exports_carry_disputes_and_the_paused_mark_as_labelled_data(
    store: Store, clock: FakeClock
) -> None:
    attempt_id = _disputed(store, clock)
    paused = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.mark_paused(paused)
    store.submit(paused, ANSWER)
    conn = store.connection
    lines = io.StringIO()
    write_jsonl(conn, lines)
    records = {r["id"]: r for r in map(json.loads, lines.getvalue().splitlines())}
    assert records[attempt_id]["disputes"] == [
        {
            "criterion": "context",
            "level": 2,
            "sentence": SENTENCE,
            "offsets": [0, len(SENTENCE)],
            "created_at": records[attempt_id]["disputes"][0]["created_at"],
        }
    ]
    assert records[paused]["paused"] is True and records[attempt_id]["paused"] is False
    sheet = io.StringIO()
    write_csv(conn, sheet)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(sheet.getvalue()))}
    assert json.loads(rows[attempt_id]["disputes"]) == [
        {"criterion": "context", "level": 2, "sentence": SENTENCE, "offsets": [0, len(SENTENCE)]}
    ]
    assert rows[paused]["paused"] == "1" and rows[paused]["disputes"] == "[]"
    journal = io.StringIO()
    write_markdown(conn, journal)
    assert f'you dispute context: you claim 2/2 for "{SENTENCE}"' in journal.getvalue()
    assert "clock paused" in journal.getvalue()


def test_import_round_trips_disputes_and_the_paused_mark(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    attempt_id = _disputed(store, clock)
    paused = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.mark_paused(paused)
    store.submit(paused, ANSWER)
    source = tmp_path / "export.jsonl"
    with source.open("w", encoding="utf-8") as out:
        write_jsonl(store.connection, out)
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        result = import_jsonl(copy, source)
        assert result.imported == 2 and not result.bad_lines
        assert copy.get_attempt(attempt_id).disputes == store.get_attempt(attempt_id).disputes
        assert copy.get_attempt(paused).attempt.paused
        assert not copy.get_attempt(attempt_id).attempt.paused


def test_import_refuses_a_dispute_that_quotes_words_not_in_the_answer(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    _disputed(store, clock)
    lines = io.StringIO()
    write_jsonl(store.connection, lines)
    record = json.loads(lines.getvalue())
    record["disputes"][0]["sentence"] = "I never said this at all, not once, not ever."
    record["disputes"][0]["offsets"] = [0, len(record["disputes"][0]["sentence"])]
    source = tmp_path / "forged.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        result = import_jsonl(copy, source)
        assert result.imported == 0
        assert result.bad_lines and "dispute" in result.bad_lines[0][1]
        assert copy.count_attempts() == 0


def test_paused_is_kept_only_for_an_unsubmitted_attempt(store: Store, clock: FakeClock) -> None:
    attempt_id = add_graded(store, clock, 40)
    with pytest.raises(StoreError):
        store.mark_paused(attempt_id)
    assert not store.get_attempt(attempt_id).attempt.paused


def test_history_command_marks_a_paused_attempt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clock: FakeClock
) -> None:
    from mockround.cli import main

    db = tmp_path / "cli.db"
    with Store.open(db, clock=clock) as opened:
        paused = opened.start_attempt("imbalanced-data", mode="drill", time_limit=90)
        opened.mark_paused(paused)
        opened.submit(paused, ANSWER)
        add_graded(opened, clock, 40)
    assert main(["history", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    marked = [line for line in lines if "(paused)" in line]
    assert len(marked) == 1 and paused[:8] in marked[0]
