"""The Store's methods for what the user says about an attempt: disputes and a paused clock.

Kept apart from the history so each file has one job. A dispute is the user's label for a
criterion; it is stored beside the grades and never changes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from mockround.store import queries
from mockround.store.db import StoreError, to_db_time, write_transaction
from mockround.store.models import Dispute


class LabelAccess:
    """Mixed into `Store`: disputes and the paused mark, under the store's lock."""

    _clock: Callable[[], datetime]

    def _guard(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def mark_paused(self, attempt_id: str) -> None:
        """Record that an unsubmitted attempt's clock was paused (it stays marked)."""
        with self._guard() as conn:
            cursor = conn.execute(
                "UPDATE attempts SET paused = 1 WHERE id = ? AND submitted_at IS NULL",
                (attempt_id,),
            )
            if cursor.rowcount == 0:
                raise StoreError(f"no unsubmitted attempt {attempt_id!r} to mark as paused")

    def add_dispute(
        self, attempt_id: str, criterion: str, level: int, start: int, end: int
    ) -> Dispute:
        """Keep the user's claim that answer[start:end] earns `level` on `criterion`.

        The sentence is read from the stored answer, so it always is the answer's own words.
        """
        if not 0 <= level <= 2:
            raise StoreError(f"level {level} is not a score: use 0, 1 or 2")
        now = self._clock()
        with self._guard() as conn, write_transaction(conn):
            row = conn.execute(
                "SELECT text, submitted_at FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no attempt {attempt_id!r} to dispute")
            text, submitted = row
            if submitted is None:
                raise StoreError(f"attempt {attempt_id} is not submitted yet: nothing to dispute")
            if not 0 <= start < end <= len(text):
                raise StoreError(
                    f"span {start}-{end} is not in the answer ({len(text)} characters)"
                )
            insert_dispute(
                conn,
                attempt_id,
                Dispute(
                    criterion=criterion,
                    level=level,
                    sentence=text[start:end],
                    offsets=(start, end),
                    created_at=now,
                ),
            )
        return self.disputes(attempt_id)[-1]

    def disputes(self, attempt_id: str) -> list[Dispute]:
        """An attempt's disputes, oldest first."""
        with self._guard() as conn:
            return queries.disputes_of(conn, attempt_id)


def insert_dispute(conn: sqlite3.Connection, attempt_id: str, dispute: Dispute) -> None:
    """Insert one dispute (shared by the store and the importer; in the caller's transaction)."""
    conn.execute(
        "INSERT INTO disputes (attempt_id, criterion_id, level, sentence, span_start, span_end, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            dispute.criterion,
            dispute.level,
            dispute.sentence,
            dispute.offsets[0],
            dispute.offsets[1],
            to_db_time(dispute.created_at),
        ),
    )
