"""The exact prompt asked is kept with each attempt: migration, export/import, show, history."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, build_grade

from mockround import locations
from mockround.bank import load_bank
from mockround.cli import main
from mockround.store import Store
from mockround.store import migrations as migrations_module
from mockround.store.export import write_jsonl
from mockround.store.importer import import_jsonl
from mockround.store.migrations import MIGRATIONS
from mockround.store.store import utc_now

LLM_WORDING = "Your fraud team pays 50 times more for a miss: which number do you report?"


def _at_previous_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database as the release before the prompt column left it: a graded attempt, a draft."""
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS[:3])
    Store.open(db_path).close()
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS)
    # The rows are written as that release wrote them: without the (then absent) column.
    grade = build_grade(64)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO attempts (id, question_id, mode, time_limit, started_at, submitted_at,"
            " duration_seconds, text, words, latest_overall) VALUES"
            " ('a-old', 'imbalanced-data', 'drill', 90, '2026-11-20T12:00:00.000000+00:00',"
            " '2026-11-20T12:00:30.000000+00:00', 30.0, ?, 27, 64)",
            (ANSWER,),
        )
        cursor = conn.execute(
            "INSERT INTO grades (attempt_id, grader, overall, band, grade_json, created_at)"
            " VALUES ('a-old', 'offline', 64, ?, ?, '2026-11-20T12:00:31.000000+00:00')",
            (grade.band, grade.model_dump_json()),
        )
        conn.execute("UPDATE attempts SET latest_grade_id = ? WHERE id = 'a-old'",
                     (cursor.lastrowid,))  # fmt: skip
        conn.execute(
            "INSERT INTO attempts (id, question_id, mode, started_at) VALUES"
            " ('b-draft', 'imbalanced-data', 'untimed', '2026-11-20T12:01:00.000000+00:00')"
        )
        conn.execute(
            "INSERT INTO drafts (attempt_id, text, saved_at) VALUES"
            " ('b-draft', 'half typed', '2026-11-20T12:01:10.000000+00:00')"
        )
    conn.close()
    return "a-old"


def test_migrating_from_the_previous_version_keeps_every_row(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempt_id = _at_previous_version(db_path, monkeypatch)
    conn = sqlite3.connect(db_path)
    before = conn.execute("SELECT * FROM attempts ORDER BY id").fetchall()
    conn.close()
    with Store.open(db_path, clock=clock) as store:
        after = store.connection.execute(
            "SELECT * FROM attempts ORDER BY id"  # the new columns come last
        ).fetchall()
        assert [row[:-2] for row in after] == before
        assert [row[-2:] for row in after] == [(None, 0), (None, 0)]
        detail = store.get_attempt(attempt_id)
        assert detail.attempt.text == ANSWER and detail.attempt.prompt is None
        assert [g.grade.overall for g in detail.grades] == [64]
        assert [d.text for d in store.unfinished_drafts()] == ["half typed"]
        assert store.list_attempts()[0].overall == 64
        # New attempts in the migrated file keep their prompt.
        new_id = store.start_attempt("which-metric", mode="followup", time_limit=90,
                                     parent_id=attempt_id, prompt=LLM_WORDING)  # fmt: skip
        store.submit(new_id, "PR AUC")
        assert store.get_attempt(new_id).attempt.prompt == LLM_WORDING


def test_the_prompt_is_stored_listed_and_offered_with_its_draft(
    store: Store, clock: FakeClock
) -> None:
    asked = store.start_attempt("which-metric", mode="drill", time_limit=90, prompt=LLM_WORDING)
    store.save_draft(asked, "recall at")
    assert [d.prompt for d in store.unfinished_drafts()] == [LLM_WORDING]
    store.submit(asked, "recall at a fixed precision")
    assert [a.prompt for a in store.list_attempts()] == [LLM_WORDING]


def test_the_prompt_round_trips_through_export_and_import(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    asked = store.start_attempt("which-metric", mode="drill", time_limit=90, prompt=LLM_WORDING)
    store.submit(asked, "PR AUC, because positives are rare")
    legacy = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
    store.submit(legacy, ANSWER)
    out = io.StringIO()
    with store.lock() as conn:
        write_jsonl(conn, out)
    source = tmp_path / "export.jsonl"
    source.write_text(out.getvalue(), encoding="utf-8")
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        result = import_jsonl(copy, source)
        assert (result.imported, result.bad_lines) == (2, [])
        assert copy.get_attempt(asked).attempt.prompt == LLM_WORDING
        assert copy.get_attempt(legacy).attempt.prompt is None


def test_an_export_made_before_the_prompt_was_kept_still_imports(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90, prompt="Q?")
    store.submit(attempt_id, ANSWER)
    out = io.StringIO()
    with store.lock() as conn:
        write_jsonl(conn, out)
    record = json.loads(out.getvalue())
    del record["prompt"]
    source = tmp_path / "old-export.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        result = import_jsonl(copy, source)
        assert (result.imported, result.bad_lines) == (1, [])
        restored = copy.get_attempt(attempt_id).attempt
        assert (restored.text, restored.prompt) == (ANSWER, None)


@pytest.fixture
def asked_and_legacy() -> dict[str, str]:
    """In the default database: a follow-up asked in an LLM's words, and an old row without it."""
    clock = FakeClock(utc_now())
    with Store.open(locations.default_db_path(), clock=clock) as store:
        legacy = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
        store.submit(legacy, ANSWER)
        asked = store.start_attempt("which-metric", mode="followup", time_limit=90,
                                    parent_id=legacy, prompt=LLM_WORDING)  # fmt: skip
        clock.advance(seconds=5)
        store.submit(asked, "PR AUC")
    return {"legacy": legacy, "asked": asked}


def test_show_prints_the_prompt_that_was_asked(
    asked_and_legacy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", asked_and_legacy["asked"]]) == 0
    out = capsys.readouterr().out
    bank_prompt = load_bank().get("which-metric").prompt
    assert f"asked      {LLM_WORDING}\n" in out
    assert bank_prompt not in out


def test_show_falls_back_to_the_bank_prompt_for_an_old_attempt(
    asked_and_legacy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", asked_and_legacy["legacy"]]) == 0
    out = capsys.readouterr().out
    assert f"asked      {load_bank().get('imbalanced-data').prompt}\n" in out


def test_history_json_includes_the_prompt(
    asked_and_legacy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["prompt"]) for r in rows] == [
        (asked_and_legacy["asked"], LLM_WORDING),
        (asked_and_legacy["legacy"], None),
    ]
