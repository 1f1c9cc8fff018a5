"""Import a JSONL export: idempotent by attempt uuid, bad lines reported and skipped.

Lines are committed in batches, so a large file neither holds one huge transaction nor
pays for a commit per line; an interrupted import keeps the batches already committed,
and running it again adds only what is missing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mockround.store.db import StoreError, to_db_time, write_transaction
from mockround.store.export import ExportRecord
from mockround.store.store import Store, insert_exchange, insert_grade

BATCH_LINES = 2000
PROGRESS_EVERY = 5000

Progress = Callable[[int, int, int], None]
"""Called with (lines read, bytes read, total bytes) every PROGRESS_EVERY lines and at the end."""


@dataclass
class ImportResult:
    """What an import did."""

    imported: int = 0
    already_present: int = 0
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    lines: int = 0


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "line"
        return f"{where}: {first['msg']}"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(exc)


def _parse(raw: bytes) -> ExportRecord:
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object (expected one attempt per line)")
    return ExportRecord.model_validate(data)


def _insert(
    conn: sqlite3.Connection, record: ExportRecord, line: int, result: ImportResult
) -> None:
    if conn.execute("SELECT 1 FROM attempts WHERE id = ?", (record.id,)).fetchone():
        result.already_present += 1
        return
    parent = record.parent_id
    if (
        parent is not None
        and not conn.execute("SELECT 1 FROM attempts WHERE id = ?", (parent,)).fetchone()
    ):
        result.warnings.append((line, f"parent attempt {parent} not found; imported without it"))
        parent = None
    session_id = None
    if record.session is not None:
        session_id = record.session.id
        conn.execute(
            "INSERT OR IGNORE INTO sessions (id, started_at, app_version) VALUES (?, ?, ?)",
            (session_id, to_db_time(record.session.started_at), record.session.app_version),
        )
    conn.execute(
        "INSERT INTO attempts (id, session_id, question_id, parent_id, mode, time_limit, "
        "started_at, submitted_at, duration_seconds, timed_out, text, words, prompt) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.id,
            session_id,
            record.question_id,
            parent,
            record.mode,
            record.time_limit,
            to_db_time(record.started_at),
            to_db_time(record.submitted_at) if record.submitted_at else None,
            record.duration_seconds,
            int(record.timed_out),
            record.text,
            record.words,
            record.prompt,
        ),
    )
    if record.draft is not None:
        conn.execute(
            "INSERT INTO drafts (attempt_id, text, saved_at) VALUES (?, ?, ?)",
            (record.id, record.draft.text, to_db_time(record.draft.saved_at)),
        )
    for stored in record.grades:
        insert_grade(conn, record.id, stored.grade, to_db_time(stored.created_at))
    for exchange in record.exchanges:
        insert_exchange(conn, exchange, record.id)
    result.imported += 1


def import_jsonl(store: Store, source: Path, progress: Progress | None = None) -> ImportResult:
    """Add every attempt of a JSONL export that the database does not have yet."""
    try:
        total = source.stat().st_size
        handle = source.open("rb")
    except OSError as exc:
        raise StoreError(f"{source}: cannot read ({exc.strerror}); check the path") from None
    result = ImportResult()
    done_bytes = 0
    conn = store.connection
    with handle, store.lock():
        batch: list[tuple[int, ExportRecord]] = []

        def flush() -> None:
            with write_transaction(conn):
                for number, record in batch:
                    # A savepoint per line: a row the schema rejects skips that line only.
                    conn.execute("SAVEPOINT line")
                    try:
                        _insert(conn, record, number, result)
                    except sqlite3.IntegrityError as exc:
                        conn.execute("ROLLBACK TO line")
                        result.bad_lines.append((number, f"rejected by the database ({exc})"))
                    conn.execute("RELEASE line")
            batch.clear()

        try:
            for number, raw in enumerate(handle, start=1):
                done_bytes += len(raw)
                result.lines = number
                if raw.strip():
                    try:
                        batch.append((number, _parse(raw)))
                    except (ValueError, UnicodeDecodeError) as exc:
                        result.bad_lines.append((number, _describe(exc)))
                if len(batch) >= BATCH_LINES:
                    flush()
                if progress is not None and number % PROGRESS_EVERY == 0:
                    progress(number, done_bytes, total)
            if batch:
                flush()
        except sqlite3.Error as exc:
            raise store.error_from(exc) from None
    if progress is not None:
        progress(result.lines, done_bytes, total)
    result.bad_lines.sort()
    return result
