"""Import a JSONL export: idempotent by attempt uuid, bad lines reported and skipped.

Lines are committed in batches, so a large file neither holds one huge transaction nor
pays for a commit per line; an interrupted import keeps the batches already committed,
and running it again adds only what is missing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mockround.grading.contract import Grade
from mockround.lines import InputTooLarge, iter_lines, loads
from mockround.store.db import StoreError, to_db_time, write_transaction
from mockround.store.export import ExportRecord
from mockround.store.labels import insert_dispute
from mockround.store.rows import insert_exchange, insert_grade
from mockround.store.store import Store

BATCH_LINES = 2000
PROGRESS_EVERY = 5000
MAX_LINE_BYTES = 32 * 1024 * 1024
"""One attempt with its grades and logged LLM exchanges; far above any real export line."""
MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024
"""Read at most this much of one file (`import /dev/zero` must end); the rest is refused."""

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
    truncated: str | None = None
    """Why reading stopped before the end of the file, when it did."""


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "line"
        return f"{where}: {first['msg']}"
    return str(exc)


def _check_evidence(record: ExportRecord) -> None:
    """Every quoted span of every grade must be the attempt's own words at its offsets."""
    for stored in record.grades:
        grade: Grade | None = stored.grade
        while grade is not None:
            spans = [e for c in grade.criteria for e in c.evidence]
            spans += [e for f in grade.red_flags for e in f.evidence]
            for span in spans:
                if not span.matches(record.text):
                    raise ValueError(
                        f"a grade quotes {span.text[:40]!r} at {span.start}-{span.end}, "
                        "which is not in the answer text"
                    )
            grade = grade.second_opinion
    for dispute in record.disputes:
        if not dispute.matches(record.text):
            raise ValueError(
                f"a dispute quotes {dispute.sentence[:40]!r} at {dispute.offsets[0]}-"
                f"{dispute.offsets[1]}, which is not in the answer text"
            )


def _parse(raw: bytes) -> ExportRecord:
    data = loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object (expected one attempt per line)")
    try:
        record = ExportRecord.model_validate(data)
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    _check_evidence(record)
    return record


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
        "started_at, submitted_at, duration_seconds, timed_out, text, words, prompt, paused) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            int(record.paused),
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
    for dispute in record.disputes:
        insert_dispute(conn, record.id, dispute)
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
                    except (sqlite3.IntegrityError, OverflowError, UnicodeEncodeError) as exc:
                        # A value the models let through but SQLite cannot hold: this line only.
                        conn.execute("ROLLBACK TO line")
                        reason = " ".join(str(exc).split())[:160]
                        result.bad_lines.append((number, f"rejected by the database ({reason})"))
                    conn.execute("RELEASE line")
            batch.clear()

        try:
            for line in iter_lines(handle, MAX_LINE_BYTES, MAX_IMPORT_BYTES):
                number = line.number
                done_bytes = line.consumed
                result.lines = number
                if line.raw is None:
                    result.bad_lines.append((number, f"over {MAX_LINE_BYTES:,} bytes; skipped"))
                elif line.raw.strip():
                    try:
                        batch.append((number, _parse(line.raw)))
                    except ValueError as exc:
                        result.bad_lines.append((number, _describe(exc)))
                if len(batch) >= BATCH_LINES:
                    flush()
                if progress is not None and number % PROGRESS_EVERY == 0:
                    progress(number, done_bytes, total)
            if batch:
                flush()
        except InputTooLarge as exc:
            if batch:
                flush()
            result.truncated = f"{source} is {exc}; the rest was not read: split the file"
        except OSError as exc:
            if batch:
                flush()
            result.truncated = f"{source}: reading stopped ({exc.strerror or exc})"
        except sqlite3.Error as exc:
            raise store.error_from(exc) from None
    if result.imported:
        # Imported reviews interleave with the ones already kept: replay rather than append.
        store.rebuild_plan()
    if progress is not None:
        progress(result.lines, done_bytes, total)
    result.bad_lines.sort()
    return result
