"""Rows the store and the importer both write: a grade (with its scores) and an LLM exchange.

They run inside the caller's transaction, so an attempt and its grades commit together.
"""

from __future__ import annotations

import json
import sqlite3

from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange
from mockround.store.db import to_db_time
from mockround.store.scrub import scrub, scrub_text, scrub_url


def model_of(grader: str) -> str | None:
    """The model name inside an `llm:NAME` grader label, else None."""
    kind, sep, name = grader.partition(":")
    return name if sep and kind == "llm" and name else None


def insert_grade(conn: sqlite3.Connection, attempt_id: str, grade: Grade, created_at: str) -> int:
    """Insert a grade, its criterion scores and its second opinion; mark it latest.

    Runs inside the caller's transaction (the store and the importer share it).
    """
    previous, mode = conn.execute(
        "SELECT latest_grade_id, mode FROM attempts WHERE id = ?", (attempt_id,)
    ).fetchone()
    main = mode != "followup"
    grade_id = _insert_grade_row(conn, attempt_id, grade, created_at, None, latest_main=main)
    if grade.second_opinion is not None:
        _insert_grade_row(conn, attempt_id, grade.second_opinion, created_at, grade_id)
    if previous is not None and main:
        conn.execute("UPDATE criterion_scores SET latest_main = 0 WHERE grade_id = ?", (previous,))
    conn.execute(
        "UPDATE attempts SET latest_grade_id = ?, latest_overall = ? WHERE id = ?",
        (grade_id, grade.overall, attempt_id),
    )
    return grade_id


def _insert_grade_row(
    conn: sqlite3.Connection,
    attempt_id: str,
    grade: Grade,
    created_at: str,
    second_opinion_of: int | None,
    *,
    latest_main: bool = False,
) -> int:
    cursor = conn.execute(
        "INSERT INTO grades (attempt_id, grader, model, overall, band, second_opinion_of, "
        "grade_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            grade.grader,
            model_of(grade.grader),
            grade.overall,
            grade.band,
            second_opinion_of,
            grade.model_dump_json(),
            created_at,
        ),
    )
    grade_id = cursor.lastrowid
    assert grade_id is not None
    # A grade listing a criterion twice keeps the last score, as Grade.scores() does.
    conn.executemany(
        "INSERT OR REPLACE INTO criterion_scores (grade_id, criterion_id, score, latest_main) "
        "VALUES (?, ?, ?, ?)",
        [(grade_id, c.id, c.score, int(latest_main)) for c in grade.criteria],
    )
    return grade_id


def insert_exchange(
    conn: sqlite3.Connection, exchange: LLMExchange, attempt_id: str | None
) -> None:
    """Insert one scrubbed LLM exchange (shared by the store and the importer)."""
    conn.execute(
        "INSERT INTO llm_exchanges (attempt_id, model, server, mode, latency_ms, prompt_tokens, "
        "completion_tokens, request_json, response_json, error, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            exchange.model,
            scrub_url(exchange.server),
            exchange.mode,
            exchange.latency_ms,
            exchange.prompt_tokens,
            exchange.completion_tokens,
            json.dumps(scrub(exchange.request), ensure_ascii=False, default=str),
            json.dumps(scrub(exchange.response), ensure_ascii=False, default=str)
            if exchange.response is not None
            else None,
            scrub_text(exchange.error) if exchange.error is not None else None,
            to_db_time(exchange.created_at),
        ),
    )
