"""The schema, as an ordered list of named migrations recorded in `_migrations`.

Append new migrations to MIGRATIONS; never edit or reorder an applied one. Each runs in
one transaction together with its record, so a crash leaves it either applied or not.
A database that records a migration this version does not know came from a newer
MockRound and is refused untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mockround.store.db import StoreError, describe_sqlite_error, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATIONS_TABLE = "_migrations"

Migration = Callable[["Database"], None]


def m001_sessions_and_attempts(db: Database) -> None:
    """Sessions, attempts (committed before any grader runs) and their autosaved drafts."""
    # latest_grade_id / latest_overall copy the newest primary grade's key and score, so
    # history joins one grade per attempt and stats read a covering index, never the text.
    db.execute(
        """CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    app_version TEXT NOT NULL
)"""
    )
    db.execute(
        """CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    question_id TEXT NOT NULL,
    parent_id TEXT REFERENCES attempts(id) ON DELETE SET NULL,
    mode TEXT NOT NULL CHECK (mode IN ('drill', 'untimed', 'followup')),
    time_limit INTEGER CHECK (time_limit IS NULL OR time_limit > 0),
    started_at TEXT NOT NULL,
    submitted_at TEXT,
    duration_seconds REAL,
    timed_out INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)),
    text TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    latest_grade_id INTEGER REFERENCES grades(id) ON DELETE SET NULL,
    latest_overall INTEGER
)"""
    )
    # History is newest-first, optionally per question; follow-ups are found by parent.
    db.table("attempts").create_index(["submitted_at"], index_name="attempts_submitted")
    db.table("attempts").create_index(
        ["question_id", "submitted_at", "mode", "latest_overall"],
        index_name="attempts_question_submitted",
    )
    db.table("attempts").create_index(["parent_id"], index_name="attempts_parent")
    db.table("attempts").create_index(["session_id"], index_name="attempts_session")
    db.execute(
        """CREATE TABLE drafts (
    attempt_id TEXT PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
)"""
    )


def m002_grades(db: Database) -> None:
    """Grades with the whole Grade as JSON, and per-criterion scores for queries."""
    db.execute(
        """CREATE TABLE grades (
    id INTEGER PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    grader TEXT NOT NULL,
    model TEXT,
    overall INTEGER NOT NULL CHECK (overall BETWEEN 0 AND 100),
    band TEXT NOT NULL,
    second_opinion_of INTEGER REFERENCES grades(id) ON DELETE CASCADE,
    grade_json TEXT NOT NULL,
    created_at TEXT NOT NULL
)"""
    )
    db.table("grades").create_index(["attempt_id"], index_name="grades_attempt")
    # Child-key index for attempts.latest_grade_id: without it every grade insert or delete
    # that SQLite must check against that foreign key scans the whole attempts table.
    db.table("attempts").create_index(["latest_grade_id"], index_name="attempts_latest_grade")
    db.table("grades").create_index(["second_opinion_of"], index_name="grades_second_opinion")
    # WITHOUT ROWID: the (grade, criterion) key is the row, so no second b-tree is kept.
    db.execute(
        """CREATE TABLE criterion_scores (
    grade_id INTEGER NOT NULL REFERENCES grades(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 2),
    latest_main INTEGER NOT NULL DEFAULT 0 CHECK (latest_main IN (0, 1)),
    PRIMARY KEY (grade_id, criterion_id)
) WITHOUT ROWID"""
    )
    # latest_main marks the scores of each main-question attempt's latest grade: stats read
    # per-criterion averages from this covering index, in criterion order, with no join.
    db.table("criterion_scores").create_index(
        ["latest_main", "criterion_id", "score"], index_name="criterion_scores_latest_main"
    )


def m003_llm_exchanges(db: Database) -> None:
    """Every LLM request and response (never a key)."""
    db.execute(
        """CREATE TABLE llm_exchanges (
    id INTEGER PRIMARY KEY,
    attempt_id TEXT REFERENCES attempts(id) ON DELETE SET NULL,
    model TEXT NOT NULL,
    server TEXT NOT NULL,
    mode TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    request_json TEXT NOT NULL,
    response_json TEXT,
    error TEXT,
    created_at TEXT NOT NULL
)"""
    )
    db.table("llm_exchanges").create_index(["attempt_id"], index_name="llm_exchanges_attempt")


def m004_attempt_prompt(db: Database) -> None:
    """The exact question shown for an attempt (an LLM's follow-up wording, or the bank's)."""
    # Nullable: rows from before this migration keep NULL and readers fall back to the bank.
    db.execute("ALTER TABLE attempts ADD COLUMN prompt TEXT")


def m005_finite_durations(db: Database) -> None:
    """Durations and latencies an older import let in as infinity (or absurdly large) cleared."""
    # Reads now validate these as finite and bounded; a stored infinity would break them.
    db.execute(
        "UPDATE attempts SET duration_seconds = NULL WHERE duration_seconds IS NOT NULL "
        "AND NOT (duration_seconds BETWEEN 0 AND 1e7)"
    )
    db.execute("UPDATE llm_exchanges SET latency_ms = 0 WHERE NOT (latency_ms BETWEEN 0 AND 1e10)")


def m006_plan_cards(db: Database) -> None:
    """The practice plan's FSRS state per card (question or follow-up id)."""
    # Derived data: `mockround plan --rebuild` recreates every row from the graded history,
    # and Store.open replays it once right after this migration so old histories get a plan.
    db.execute(
        """CREATE TABLE plan_cards (
    card_id TEXT PRIMARY KEY,
    state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    reviews INTEGER NOT NULL DEFAULT 0,
    last_grade INTEGER,
    weak_criteria TEXT NOT NULL DEFAULT '[]'
)"""
    )
    # The plan reads "what is due now": a range on due, not a scan of every card.
    db.table("plan_cards").create_index(["due"], index_name="plan_cards_due")


def m007_attempt_paused(db: Database) -> None:
    """Whether a timed attempt's clock was paused: then it is not a clean timed drill."""
    db.execute(
        "ALTER TABLE attempts ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))"
    )


def m008_disputes(db: Database) -> None:
    """The user's own label for a criterion ("I did say that"), kept beside, never in, a grade."""
    # The sentence is the answer's own words at [start, end); the grader's score is untouched.
    db.execute(
        """CREATE TABLE disputes (
    id INTEGER PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 2),
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL CHECK (span_start >= 0),
    span_end INTEGER NOT NULL CHECK (span_end > span_start),
    created_at TEXT NOT NULL
)"""
    )
    db.table("disputes").create_index(["attempt_id"], index_name="disputes_attempt")


def m009_draft_worked_seconds(db: Database) -> None:
    """Seconds the clock really ran on a draft, as the drill counted them at its last save.

    A draft's save time less its attempt's start counts the hours a resumed draft's app was
    closed and any pause; the drill knows the time actually worked. NULL: an older draft.
    """
    db.execute(
        "ALTER TABLE drafts ADD COLUMN worked_seconds REAL "
        "CHECK (worked_seconds IS NULL OR worked_seconds >= 0)"
    )


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("001_sessions_and_attempts", m001_sessions_and_attempts),
    ("002_grades", m002_grades),
    ("003_llm_exchanges", m003_llm_exchanges),
    ("004_attempt_prompt", m004_attempt_prompt),
    ("005_finite_durations", m005_finite_durations),
    ("006_plan_cards", m006_plan_cards),
    ("007_attempt_paused", m007_attempt_paused),
    ("008_disputes", m008_disputes),
    ("009_draft_worked_seconds", m009_draft_worked_seconds),
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names recorded in `_migrations`, in the order they were applied (read-only)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if exists is None:
        return []
    return [row[0] for row in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY id")]


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_compatible(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Refuse a newer or foreign database without writing; return the pending names."""
    try:
        applied = applied_migrations(conn)
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from None
    if not applied and (tables or _user_version(conn)):
        # An empty file stamped with another program's user_version is that program's.
        raise StoreError(
            f"{path} is an SQLite database but not a MockRound history database: "
            "move it away or pass --db"
        )
    known = {name for name, _ in MIGRATIONS}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            f"{path} was created by a newer MockRound (unknown migration {unknown[0]}); "
            "upgrade, or use --db to pick another file"
        )
    return [name for name, _ in MIGRATIONS if name not in applied]


def migrate(conn: sqlite3.Connection, path: Path, clock_now: str) -> list[str]:
    """Apply pending migrations in order; return the names applied."""
    pending = check_compatible(conn, path)
    if not pending:
        return []
    # sqlite-utils is only needed to build the schema; importing it lazily keeps start-up fast.
    from sqlite_utils import Database

    db = Database(conn, execute_plugins=False)
    steps = dict(MIGRATIONS)
    done: list[str] = []
    try:
        with write_transaction(conn):
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} ("
                "id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
            )
        for name in pending:
            with write_transaction(conn):
                # Another process may have migrated while this one waited for the lock.
                if conn.execute(
                    f"SELECT 1 FROM {MIGRATIONS_TABLE} WHERE name = ?", (name,)
                ).fetchone():
                    continue
                steps[name](db)
                conn.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                    (name, clock_now),
                )
            done.append(name)
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from None
    return done
