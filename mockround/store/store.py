"""The `Store`: the one object the TUI and the CLI use to keep and read history.

One connection, shared by the UI thread and grading workers behind a lock. Every write
commits before the method returns, so what a method stored survives a crash right after.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from mockround import __version__
from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange
from mockround.grading.scoring import count_words
from mockround.store import queries
from mockround.store.db import (
    StoreError,
    connect,
    describe_sqlite_error,
    enable_wal,
    to_db_time,
    write_transaction,
)
from mockround.store.labels import LabelAccess
from mockround.store.migrations import check_compatible, migrate
from mockround.store.models import (
    MODES,
    Attempt,
    AttemptDetail,
    AttemptSummary,
    Draft,
    Mode,
    Stats,
)
from mockround.store.planning import PlanAccess
from mockround.store.rows import insert_exchange, insert_grade
from mockround.store.stats import compute_stats

if TYPE_CHECKING:
    from mockround.plan.catalog import CardCatalog

Clock = Callable[[], datetime]
T = TypeVar("T")


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


class Store(PlanAccess, LabelAccess):
    """Scored history in SQLite: attempts, drafts, grades, LLM exchanges, statistics, plan."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Clock,
        catalog: CardCatalog | None = None,
    ) -> None:
        """Use `Store.open`; this wraps an already opened and migrated connection."""
        self._conn = conn
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        self._session_id: str | None = None
        self._catalog = catalog

    @classmethod
    def open(
        cls, path: Path, *, clock: Clock | None = None, catalog: CardCatalog | None = None
    ) -> Store:
        """Open (creating and migrating if needed) the database at `path`.

        `catalog` tells the practice plan which follow-ups target which criterion; by
        default it is read from the installed bank the first time the plan needs it.
        """
        path = Path(path).expanduser()
        now = clock or utc_now
        conn = connect(path)
        try:
            # Refuse newer or foreign files before WAL mode rewrites the header.
            check_compatible(conn, path)
            enable_wal(conn, path)
            applied = migrate(conn, path, to_db_time(now()))
        except BaseException:
            conn.close()
            raise
        store = cls(conn, path, now, catalog)
        if "006_plan_cards" in applied and store.count_attempts():
            # A history from before the plan existed: give it one by replaying it once.
            store.rebuild_plan()
        return store

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for exports and benchmarks; hold no transaction open on it."""
        return self._conn

    @contextmanager
    def lock(self) -> Iterator[sqlite3.Connection]:
        """Hold the store's lock for a multi-step job (export, import) on `connection`."""
        with self._lock:
            yield self._conn

    def error_from(self, exc: sqlite3.Error) -> StoreError:
        """A one-line StoreError for an sqlite3 error raised while using this store."""
        return describe_sqlite_error(self.path, exc)

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """The lock, with sqlite3 errors turned into one-line StoreErrors."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise describe_sqlite_error(self.path, exc) from None

    def _now(self) -> str:
        return to_db_time(self._clock())

    def _ensure_session(self, conn: sqlite3.Connection) -> str:
        if self._session_id is None:
            session_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO sessions (id, started_at, app_version) VALUES (?, ?, ?)",
                (session_id, self._now(), __version__),
            )
            self._session_id = session_id
        return self._session_id

    def start_attempt(
        self,
        question_id: str,
        *,
        mode: Mode,
        time_limit: int | None,
        parent_id: str | None = None,
        prompt: str | None = None,
    ) -> str:
        """Record that an attempt began; return its uuid.

        `prompt` is the exact question shown (the app always passes it: an LLM's follow-up
        wording differs from the bank prompt of `question_id`).
        """
        if mode not in MODES:
            raise StoreError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        attempt_id = str(uuid.uuid4())
        with self._guard() as conn, write_transaction(conn):
            if parent_id is not None and not self._exists(conn, parent_id):
                raise StoreError(f"no attempt {parent_id!r} to follow up on")
            session_id = self._ensure_session(conn)
            conn.execute(
                "INSERT INTO attempts (id, session_id, question_id, parent_id, mode, time_limit,"
                " started_at, prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    session_id,
                    question_id,
                    parent_id,
                    mode,
                    time_limit,
                    self._now(),
                    prompt,
                ),
            )
        return attempt_id

    @staticmethod
    def _exists(conn: sqlite3.Connection, attempt_id: str) -> bool:
        return (
            conn.execute("SELECT 1 FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            is not None
        )

    def save_draft(
        self, attempt_id: str, text: str, *, worked_seconds: float | None = None
    ) -> None:
        """Autosave the text typed so far: one atomic upsert; ignored once submitted.

        `worked_seconds`: the time the clock really ran on the attempt so far (pauses and
        earlier closed-app time left out), when the caller knows it.
        """
        if worked_seconds is not None and not (
            math.isfinite(worked_seconds) and worked_seconds >= 0
        ):
            raise StoreError(f"worked_seconds must be a finite number >= 0, not {worked_seconds}")
        with self._guard() as conn:
            # A single statement commits atomically: a kill mid-save keeps the previous draft.
            cursor = conn.execute(
                "INSERT INTO drafts (attempt_id, text, saved_at, worked_seconds) "
                "SELECT id, ?, ?, ? FROM attempts WHERE id = ? AND submitted_at IS NULL "
                "ON CONFLICT (attempt_id) DO UPDATE SET text = excluded.text, "
                "saved_at = excluded.saved_at, worked_seconds = excluded.worked_seconds",
                (text, self._now(), worked_seconds, attempt_id),
            )
            if cursor.rowcount == 0 and not self._exists(conn, attempt_id):
                raise StoreError(f"no attempt {attempt_id!r} to save a draft for")

    def submit(
        self,
        attempt_id: str,
        text: str,
        *,
        timed_out: bool = False,
        duration_seconds: float | None = None,
    ) -> Attempt:
        """Store the final answer (before any grader runs) and drop its draft.

        `duration_seconds` is the time spent answering when the caller knows it better than the
        wall clock does: a draft resumed after the app was closed.
        """
        now = self._clock()
        with self._guard() as conn, write_transaction(conn):
            row = conn.execute(
                "SELECT started_at, submitted_at FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no attempt {attempt_id!r} to submit")
            if row[1] is not None:
                raise StoreError(f"attempt {attempt_id} was already submitted")
            started = datetime.fromisoformat(row[0])
            spent = (
                (now - started).total_seconds() if duration_seconds is None else duration_seconds
            )
            duration = round(max(spent, 0.0), 3)
            conn.execute(
                "UPDATE attempts SET submitted_at = ?, duration_seconds = ?, timed_out = ?, "
                "text = ?, words = ? WHERE id = ?",
                (to_db_time(now), duration, int(timed_out), text, count_words(text), attempt_id),
            )
            conn.execute("DELETE FROM drafts WHERE attempt_id = ?", (attempt_id,))
            stored = conn.execute(queries.ATTEMPT_SQL, (attempt_id,)).fetchone()
        return queries.attempt_from_row(stored)

    def add_grade(self, attempt_id: str, grade: Grade) -> None:
        """Keep a grade (and its second opinion, as its own row) for a submitted attempt."""
        with self._guard() as conn, write_transaction(conn):
            row = conn.execute(
                "SELECT submitted_at, latest_grade_id FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no attempt {attempt_id!r} to grade")
            if row[0] is None:
                raise StoreError(
                    f"attempt {attempt_id} is not submitted yet: submit before grading"
                )
            regrade = row[1] is not None
            insert_grade(conn, attempt_id, grade, self._now())
            # In the grade's transaction: the plan never disagrees with the history.
            from mockround.plan.records import record_review

            record_review(conn, self.plan_catalog(), attempt_id, regrade=regrade)

    def log_exchange(self, exchange: LLMExchange, attempt_id: str | None = None) -> None:
        """Log one LLM request/response, with anything key-like scrubbed first."""
        with self._guard() as conn:
            insert_exchange(conn, exchange, attempt_id)

    def unfinished_drafts(self) -> list[Draft]:
        """Attempts started but never submitted that have draft text to recover."""
        with self._guard() as conn:
            return queries.unfinished_drafts(conn)

    def discard_draft(self, attempt_id: str) -> None:
        """Forget a draft the user chose not to recover."""
        with self._guard() as conn:
            conn.execute("DELETE FROM drafts WHERE attempt_id = ?", (attempt_id,))

    def list_attempts(
        self, *, question_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[AttemptSummary]:
        """Submitted attempts, newest first, with their latest grade's figures."""
        with self._guard() as conn:
            return queries.list_attempts(conn, question_id, max(limit, 0), max(offset, 0))

    def get_attempt(self, attempt_id: str) -> AttemptDetail:
        """One attempt by id or unique id prefix, with grades, follow-ups and exchanges."""
        with self._guard() as conn:
            return queries.get_attempt(conn, attempt_id)

    def stats(self) -> Stats:
        """Figures over the whole history."""
        with self._guard() as conn:
            return compute_stats(conn, self._clock())

    def count_attempts(self) -> int:
        """How many attempts are stored (submitted or not)."""
        with self._guard() as conn:
            return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
