"""Read queries: plain SQL on the hot paths, rows converted to the store's models."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange
from mockround.store.db import StoreError, from_db_time
from mockround.store.models import (
    Attempt,
    AttemptDetail,
    AttemptSummary,
    Dispute,
    Draft,
    StoredGrade,
)

ATTEMPT_COLUMNS = (
    "a.id, a.question_id, a.parent_id, a.mode, a.time_limit, a.started_at, a.submitted_at, "
    "a.duration_seconds, a.timed_out, a.text, a.words, a.prompt, a.paused"
)
SUMMARY_COLUMNS = f"{ATTEMPT_COLUMNS}, g.overall, g.band, g.grader"
SUMMARY_FROM = "attempts a LEFT JOIN grades g ON g.id = a.latest_grade_id"

# Newest first; rowid breaks ties between attempts submitted in the same microsecond.
HISTORY_SQL = (
    f"SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE a.submitted_at IS NOT NULL "
    "ORDER BY a.submitted_at DESC, a.rowid DESC LIMIT ? OFFSET ?"
)
HISTORY_BY_QUESTION_SQL = (
    f"SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} "
    "WHERE a.question_id = ? AND a.submitted_at IS NOT NULL "
    "ORDER BY a.submitted_at DESC, a.rowid DESC LIMIT ? OFFSET ?"
)
ATTEMPT_SQL = f"SELECT {ATTEMPT_COLUMNS} FROM attempts a WHERE a.id = ?"
GRADES_SQL = (
    "SELECT id, attempt_id, grader, model, created_at, grade_json, second_opinion_of "
    "FROM grades WHERE attempt_id = ? ORDER BY coalesce(second_opinion_of, id), id"
)
FOLLOWUPS_SQL = (
    f"SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE a.parent_id = ? "
    "ORDER BY a.started_at, a.rowid"
)
EXCHANGES_SQL = (
    "SELECT model, server, mode, latency_ms, prompt_tokens, completion_tokens, request_json, "
    "response_json, error, created_at FROM llm_exchanges WHERE attempt_id = ? ORDER BY id"
)
DISPUTES_SQL = (
    "SELECT criterion_id, level, sentence, span_start, span_end, created_at FROM disputes "
    "WHERE attempt_id = ? ORDER BY id"
)
DRAFTS_SQL = (
    "SELECT a.id, a.question_id, a.parent_id, a.mode, a.time_limit, d.text, d.saved_at, "
    "a.started_at, a.prompt, d.worked_seconds FROM drafts d JOIN attempts a ON a.id = d.attempt_id "
    "WHERE a.submitted_at IS NULL AND trim(d.text, char(32, 9, 10, 13)) <> '' "
    "ORDER BY d.saved_at DESC"
)


ATTEMPT_KEYS = (
    "id", "question_id", "parent_id", "mode", "time_limit", "started_at", "submitted_at",
    "duration_seconds", "timed_out", "text", "words", "prompt", "paused",
)  # fmt: skip
SUMMARY_KEYS = (*ATTEMPT_KEYS, "overall", "band", "grader")


# Validating a whole list in one pydantic-core call is faster than building models one by
# one in Python (model_construct included): history stays close to the bare query's cost.
@cache
def _summaries() -> TypeAdapter[list[AttemptSummary]]:
    return TypeAdapter(list[AttemptSummary])


def attempt_from_row(row: Sequence[Any]) -> Attempt:
    """An Attempt from a row selected with ATTEMPT_COLUMNS."""
    return Attempt.model_validate(dict(zip(ATTEMPT_KEYS, row, strict=False)))


def summaries_from_rows(rows: Iterable[Sequence[Any]]) -> list[AttemptSummary]:
    """AttemptSummaries from rows selected with SUMMARY_COLUMNS."""
    return _summaries().validate_python([dict(zip(SUMMARY_KEYS, r, strict=True)) for r in rows])


def grade_from_row(row: Sequence[Any]) -> StoredGrade:
    """A StoredGrade from a row selected by GRADES_SQL."""
    return StoredGrade.model_validate(
        {
            "id": row[0],
            "attempt_id": row[1],
            "grader": row[2],
            "model": row[3],
            "created_at": row[4],
            "grade": Grade.model_validate_json(row[5]),
            "second_opinion_of": row[6],
        }
    )


def exchange_from_row(row: Sequence[Any]) -> LLMExchange:
    """An LLMExchange from a row selected by EXCHANGES_SQL."""
    return LLMExchange(
        model=row[0],
        server=row[1],
        mode=row[2],
        latency_ms=row[3],
        prompt_tokens=row[4],
        completion_tokens=row[5],
        request=json.loads(row[6]),
        response=json.loads(row[7]) if row[7] is not None else None,
        error=row[8],
        created_at=from_db_time(row[9]),
    )


def disputes_of(conn: sqlite3.Connection, attempt_id: str) -> list[Dispute]:
    """An attempt's disputes, oldest first."""
    return [
        Dispute(
            criterion=row[0],
            level=row[1],
            sentence=row[2],
            offsets=(row[3], row[4]),
            created_at=from_db_time(row[5]),
        )
        for row in conn.execute(DISPUTES_SQL, (attempt_id,))
    ]


def list_attempts(
    conn: sqlite3.Connection, question_id: str | None, limit: int, offset: int
) -> list[AttemptSummary]:
    """Submitted attempts, newest first."""
    if question_id is None:
        rows = conn.execute(HISTORY_SQL, (limit, offset)).fetchall()
    else:
        rows = conn.execute(HISTORY_BY_QUESTION_SQL, (question_id, limit, offset)).fetchall()
    return summaries_from_rows(rows)


def resolve_id(conn: sqlite3.Connection, prefix: str) -> str:
    """The one attempt id starting with `prefix`; StoreError if none or several."""
    wanted = prefix.strip().lower()
    if not wanted:
        raise StoreError("no attempt id given: pass an id from `mockround history`")
    # A range scan on the primary key: uuids are lowercase hex and '-', all below '~'.
    rows = conn.execute(
        "SELECT id FROM attempts WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
        (wanted, wanted + "~"),
    ).fetchall()
    if not rows:
        raise StoreError(f"no attempt {prefix!r}: list ids with `mockround history`")
    if len(rows) > 1:
        raise StoreError(
            f"no attempt {prefix!r} is unique (several start with it): give more of it"
        )
    return str(rows[0][0])


def get_attempt(conn: sqlite3.Connection, prefix: str) -> AttemptDetail:
    """One attempt with its grades, follow-ups and LLM exchanges."""
    # A full uuid needs no prefix search: one primary-key lookup, like the bare query.
    row = conn.execute(ATTEMPT_SQL, (prefix,)).fetchone() if len(prefix) == 36 else None
    if row is None:
        row = conn.execute(ATTEMPT_SQL, (resolve_id(conn, prefix),)).fetchone()
    attempt_id = row[0]
    grades = [grade_from_row(r) for r in conn.execute(GRADES_SQL, (attempt_id,))]
    followups = summaries_from_rows(conn.execute(FOLLOWUPS_SQL, (attempt_id,)))
    exchanges = [exchange_from_row(r) for r in conn.execute(EXCHANGES_SQL, (attempt_id,))]
    return AttemptDetail(
        attempt=attempt_from_row(row),
        grades=grades,
        followups=followups,
        exchanges=exchanges,
        disputes=disputes_of(conn, attempt_id),
    )


def unfinished_drafts(conn: sqlite3.Connection) -> list[Draft]:
    """Started, never submitted attempts with non-blank draft text, newest draft first."""
    return [
        Draft(
            attempt_id=row[0],
            question_id=row[1],
            parent_id=row[2],
            mode=row[3],
            time_limit=row[4],
            text=row[5],
            saved_at=from_db_time(row[6]),
            started_at=from_db_time(row[7]),
            prompt=row[8],
            worked_seconds=row[9],
        )
        for row in conn.execute(DRAFTS_SQL)
    ]
