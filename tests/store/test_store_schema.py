"""Migrations: the exact schema they build, their records, and refusing what they don't know."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mockround.store import Store, StoreError
from mockround.store import migrations as migrations_module
from mockround.store.migrations import MIGRATIONS

EXPECTED_SCHEMA = [
    (
        "table",
        "_migrations",
        "CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
        "applied_at TEXT NOT NULL)",
    ),
    ("index", "sqlite_autoindex__migrations_1", None),
    (
        "table",
        "sessions",
        "CREATE TABLE sessions ( id TEXT PRIMARY KEY, started_at TEXT NOT NULL, app_version "
        "TEXT NOT NULL )",
    ),
    ("index", "sqlite_autoindex_sessions_1", None),
    (
        "table",
        "attempts",
        "CREATE TABLE attempts ( id TEXT PRIMARY KEY, session_id TEXT REFERENCES sessions(id)"
        " ON DELETE SET NULL, question_id TEXT NOT NULL, parent_id TEXT REFERENCES "
        "attempts(id) ON DELETE SET NULL, mode TEXT NOT NULL CHECK (mode IN ('drill', "
        "'untimed', 'followup')), time_limit INTEGER CHECK (time_limit IS NULL OR time_limit "
        "> 0), started_at TEXT NOT NULL, submitted_at TEXT, duration_seconds REAL, timed_out "
        "INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)), text TEXT NOT NULL DEFAULT "
        "'', words INTEGER NOT NULL DEFAULT 0, latest_grade_id INTEGER REFERENCES grades(id) "
        "ON DELETE SET NULL, latest_overall INTEGER , prompt TEXT, paused INTEGER NOT NULL "
        "DEFAULT 0 CHECK (paused IN (0, 1)))",
    ),
    ("index", "sqlite_autoindex_attempts_1", None),
    (
        "index",
        "attempts_submitted",
        'CREATE INDEX "attempts_submitted" ON "attempts" ("submitted_at")',
    ),
    (
        "index",
        "attempts_question_submitted",
        'CREATE INDEX "attempts_question_submitted" ON "attempts" ("question_id", '
        '"submitted_at", "mode", "latest_overall")',
    ),
    (
        "index",
        "attempts_parent",
        'CREATE INDEX "attempts_parent" ON "attempts" ("parent_id")',
    ),
    (
        "index",
        "attempts_session",
        'CREATE INDEX "attempts_session" ON "attempts" ("session_id")',
    ),
    (
        "table",
        "drafts",
        "CREATE TABLE drafts ( attempt_id TEXT PRIMARY KEY REFERENCES attempts(id) ON DELETE "
        "CASCADE, text TEXT NOT NULL, saved_at TEXT NOT NULL , worked_seconds REAL CHECK "
        "(worked_seconds IS NULL OR worked_seconds >= 0))",
    ),
    ("index", "sqlite_autoindex_drafts_1", None),
    (
        "table",
        "grades",
        "CREATE TABLE grades ( id INTEGER PRIMARY KEY, attempt_id TEXT NOT NULL REFERENCES "
        "attempts(id) ON DELETE CASCADE, grader TEXT NOT NULL, model TEXT, overall INTEGER "
        "NOT NULL CHECK (overall BETWEEN 0 AND 100), band TEXT NOT NULL, second_opinion_of "
        "INTEGER REFERENCES grades(id) ON DELETE CASCADE, grade_json TEXT NOT NULL, "
        "created_at TEXT NOT NULL )",
    ),
    (
        "index",
        "grades_attempt",
        'CREATE INDEX "grades_attempt" ON "grades" ("attempt_id")',
    ),
    (
        "index",
        "attempts_latest_grade",
        'CREATE INDEX "attempts_latest_grade" ON "attempts" ("latest_grade_id")',
    ),
    (
        "index",
        "grades_second_opinion",
        'CREATE INDEX "grades_second_opinion" ON "grades" ("second_opinion_of")',
    ),
    (
        "table",
        "criterion_scores",
        "CREATE TABLE criterion_scores ( grade_id INTEGER NOT NULL REFERENCES grades(id) ON "
        "DELETE CASCADE, criterion_id TEXT NOT NULL, score INTEGER NOT NULL CHECK (score "
        "BETWEEN 0 AND 2), latest_main INTEGER NOT NULL DEFAULT 0 CHECK (latest_main IN (0, "
        "1)), PRIMARY KEY (grade_id, criterion_id) ) WITHOUT ROWID",
    ),
    (
        "index",
        "criterion_scores_latest_main",
        'CREATE INDEX "criterion_scores_latest_main" ON "criterion_scores" ("latest_main", '
        '"criterion_id", "score")',
    ),
    (
        "table",
        "llm_exchanges",
        "CREATE TABLE llm_exchanges ( id INTEGER PRIMARY KEY, attempt_id TEXT REFERENCES "
        "attempts(id) ON DELETE SET NULL, model TEXT NOT NULL, server TEXT NOT NULL, mode "
        "TEXT NOT NULL, latency_ms REAL NOT NULL, prompt_tokens INTEGER, completion_tokens "
        "INTEGER, request_json TEXT NOT NULL, response_json TEXT, error TEXT, created_at TEXT"
        " NOT NULL )",
    ),
    (
        "index",
        "llm_exchanges_attempt",
        'CREATE INDEX "llm_exchanges_attempt" ON "llm_exchanges" ("attempt_id")',
    ),
    (
        "table",
        "plan_cards",
        "CREATE TABLE plan_cards ( card_id TEXT PRIMARY KEY, state INTEGER NOT NULL CHECK "
        "(state IN (1, 2, 3)), step INTEGER, stability REAL, difficulty REAL, due TEXT NOT "
        "NULL, last_review TEXT, reviews INTEGER NOT NULL DEFAULT 0, last_grade INTEGER, "
        "weak_criteria TEXT NOT NULL DEFAULT '[]' )",
    ),
    ("index", "sqlite_autoindex_plan_cards_1", None),
    ("index", "plan_cards_due", 'CREATE INDEX "plan_cards_due" ON "plan_cards" ("due")'),
    (
        "table",
        "disputes",
        "CREATE TABLE disputes ( id INTEGER PRIMARY KEY, attempt_id TEXT NOT NULL REFERENCES "
        "attempts(id) ON DELETE CASCADE, criterion_id TEXT NOT NULL, level INTEGER NOT NULL "
        "CHECK (level BETWEEN 0 AND 2), sentence TEXT NOT NULL, span_start INTEGER NOT NULL "
        "CHECK (span_start >= 0), span_end INTEGER NOT NULL CHECK (span_end > span_start), "
        "created_at TEXT NOT NULL )",
    ),
    (
        "index",
        "disputes_attempt",
        'CREATE INDEX "disputes_attempt" ON "disputes" ("attempt_id")',
    ),
]


def _schema(path: Path) -> list[tuple[str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    finally:
        conn.close()
    return [(kind, name, " ".join(sql.split()) if sql else None) for kind, name, sql in rows]


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY id")]
    finally:
        conn.close()


def test_a_new_database_gets_exactly_the_migrated_schema(db_path: Path) -> None:
    Store.open(db_path).close()
    assert _schema(db_path) == EXPECTED_SCHEMA


def test_every_migration_is_recorded_once_in_order(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    assert _applied(db_path) == [name for name, _ in MIGRATIONS]
    assert _applied(db_path) == [
        "001_sessions_and_attempts",
        "002_grades",
        "003_llm_exchanges",
        "004_attempt_prompt",
        "005_finite_durations",
        "006_plan_cards",
        "007_attempt_paused",
        "008_disputes",
        "009_draft_worked_seconds",
    ]


def test_open_sets_wal_foreign_keys_and_a_busy_timeout(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_partly_migrated_database_gets_only_the_missing_migrations(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS[:1])
    Store.open(db_path).close()
    assert _applied(db_path) == ["001_sessions_and_attempts"]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS)
    Store.open(db_path).close()
    assert _schema(db_path) == EXPECTED_SCHEMA


def test_a_failing_migration_leaves_neither_its_tables_nor_its_record(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: object) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")  # type: ignore[attr-defined]
        db.execute("CREATE TABLE half_done (x INTEGER)")  # type: ignore[attr-defined]

    monkeypatch.setattr(migrations_module, "MIGRATIONS", (*MIGRATIONS, ("099_broken", broken)))
    with pytest.raises(StoreError):
        Store.open(db_path)
    assert "099_broken" not in _applied(db_path)
    assert "half_done" not in [name for _, name, _ in _schema(db_path)]


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _migrations (name, applied_at) VALUES ('099_from_the_future', 'later')"
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match=r"newer MockRound.*upgrade, or use --db"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_an_unrelated_sqlite_database_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a MockRound history database"):
        Store.open(db_path)
    assert db_path.read_bytes() == before
