"""Export the whole history: JSONL (lossless, re-importable), CSV (a sheet), Markdown (a journal).

JSONL carries one attempt per line with its session, draft, grades (the full Grade JSON,
second opinions nested inside) and LLM exchanges; `import` rebuilds the same rows from it.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import TextIO

from pydantic import BaseModel, ConfigDict, Field

from mockround.bounds import Moment
from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange
from mockround.store import queries
from mockround.store.db import from_db_time
from mockround.store.display import seconds_text
from mockround.store.models import Attempt, Dispute

FORMATS = ("jsonl", "csv", "md")


class ExportedSession(BaseModel):
    """The practice session an attempt belongs to."""

    model_config = ConfigDict(extra="forbid")

    id: str
    started_at: Moment
    app_version: str


class ExportedDraft(BaseModel):
    """An unsubmitted attempt's autosaved text."""

    model_config = ConfigDict(extra="forbid")

    text: str
    saved_at: Moment


class ExportedGrade(BaseModel):
    """A primary grade; its second opinion, if any, is inside `grade`."""

    model_config = ConfigDict(extra="forbid")

    grader: str
    model: str | None = None
    created_at: Moment
    grade: Grade


class ExportRecord(Attempt):
    """One JSONL line: an attempt and everything attached to it."""

    session: ExportedSession | None = None
    draft: ExportedDraft | None = None
    grades: list[ExportedGrade] = Field(default_factory=list)
    exchanges: list[LLMExchange] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    """The user's own labels: `{criterion, level, sentence, offsets}`, usable as labelled data."""


ALL_ATTEMPTS_SQL = (
    f"SELECT {queries.ATTEMPT_COLUMNS}, a.session_id, a.latest_grade_id FROM attempts a "
    "ORDER BY a.started_at, a.rowid"
)
# Where the columns selected after ATTEMPT_COLUMNS start in a row.
EXTRA = len(queries.ATTEMPT_KEYS)


def iter_records(conn: sqlite3.Connection) -> Iterator[ExportRecord]:
    """Every attempt, oldest first, as an ExportRecord (parents come before follow-ups)."""
    sessions = {
        row[0]: ExportedSession(id=row[0], started_at=from_db_time(row[1]), app_version=row[2])
        for row in conn.execute("SELECT id, started_at, app_version FROM sessions")
    }
    for row in conn.execute(ALL_ATTEMPTS_SQL):
        attempt_id = row[0]
        draft_row = conn.execute(
            "SELECT text, saved_at FROM drafts WHERE attempt_id = ?", (attempt_id,)
        ).fetchone()
        grades = [
            ExportedGrade(
                grader=g[0],
                model=g[1],
                created_at=from_db_time(g[2]),
                grade=Grade.model_validate_json(g[3]),
            )
            for g in conn.execute(
                "SELECT grader, model, created_at, grade_json FROM grades "
                "WHERE attempt_id = ? AND second_opinion_of IS NULL ORDER BY id",
                (attempt_id,),
            )
        ]
        exchanges = [
            queries.exchange_from_row(e) for e in conn.execute(queries.EXCHANGES_SQL, (attempt_id,))
        ]
        yield ExportRecord(
            **queries.attempt_from_row(row).model_dump(),
            session=sessions.get(row[EXTRA]),
            draft=ExportedDraft(text=draft_row[0], saved_at=from_db_time(draft_row[1]))
            if draft_row
            else None,
            grades=grades,
            exchanges=exchanges,
            disputes=queries.disputes_of(conn, attempt_id),
        )


def write_jsonl(conn: sqlite3.Connection, out: TextIO) -> int:
    """One JSON object per attempt; returns the number written."""
    count = 0
    for record in iter_records(conn):
        out.write(record.model_dump_json())
        out.write("\n")
        count += 1
    return count


def _criterion_ids(conn: sqlite3.Connection) -> list[str]:
    # Columns in the order criteria first appear, so they follow the rubric's own order.
    rows = conn.execute(
        "SELECT criterion_id FROM criterion_scores GROUP BY criterion_id ORDER BY min(grade_id)"
    )
    return [row[0] for row in rows]


CSV_COLUMNS = (
    "id", "question_id", "parent_id", "mode", "time_limit", "started_at", "submitted_at",
    "duration_seconds", "timed_out", "words", "grader", "overall", "band", "prompt",
    "paused", "disputes",
)  # fmt: skip


_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def sheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a `'` first.

    Answers and prompts are typed by people (or imported): `=HYPERLINK(...)` in a cell would
    run as a formula when the sheet is opened. Numbers are ours and are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_LEADS):
        return "'" + value
    return value


def disputes_cell(disputes: list[Dispute]) -> str:
    """A CSV cell of the user's labels as JSON (`[]` when none): one cell a sheet keeps whole."""
    return json.dumps(
        [d.model_dump(mode="json", exclude={"created_at"}) for d in disputes], ensure_ascii=False
    )


def write_csv(conn: sqlite3.Connection, out: TextIO) -> int:
    """One row per attempt with its latest grade and a score column per criterion."""
    criteria = _criterion_ids(conn)
    writer = csv.writer(out, lineterminator="\n")
    header = [*CSV_COLUMNS, *(f"score_{c}" for c in criteria), "text"]
    writer.writerow([sheet_cell(cell) for cell in header])
    count = 0
    sql = (
        f"SELECT {queries.ATTEMPT_COLUMNS}, g.id, g.grader, g.overall, g.band "
        "FROM attempts a LEFT JOIN grades g ON g.id = a.latest_grade_id "
        "ORDER BY a.started_at, a.rowid"
    )
    for row in conn.execute(sql):
        grade_id, grader, overall, band = row[EXTRA : EXTRA + 4]
        scores: dict[str, int] = {}
        if grade_id is not None:
            scores = dict(
                conn.execute(
                    "SELECT criterion_id, score FROM criterion_scores WHERE grade_id = ?",
                    (grade_id,),
                ).fetchall()
            )
        cells = [
            *row[0:5],
            row[5],
            row[6] or "",
            "" if row[7] is None else row[7],
            int(row[8]),
            row[10],
            grader or "",
            "" if overall is None else overall,
            band or "",
            row[11] or "",
            int(row[12]),
            disputes_cell(queries.disputes_of(conn, row[0])),
            *(scores.get(c, "") for c in criteria),
            row[9],
        ]
        writer.writerow([sheet_cell(cell) for cell in cells])
        count += 1
    return count


def _top_feedback(grade: Grade, limit: int = 3) -> list[str]:
    # The weakest criteria first: that is where the next attempt gains most.
    ranked = sorted(
        (c for c in grade.criteria if c.feedback and c.score < c.max), key=lambda c: c.score
    )
    return [f"{c.id}: {c.feedback}" for c in ranked[:limit]]


def write_markdown(
    conn: sqlite3.Connection, out: TextIO, prompts: Mapping[str, str] | None = None
) -> int:
    """A practice journal: submitted attempts grouped by local day, oldest first."""
    prompts = prompts or {}
    out.write("# MockRound practice journal\n")
    day = ""
    count = 0
    for record in iter_records(conn):
        if record.submitted_at is None:
            continue
        local = record.submitted_at.astimezone()
        if local.strftime("%Y-%m-%d") != day:
            day = local.strftime("%Y-%m-%d")
            out.write(f"\n## {day} ({local.strftime('%A')})\n")
        prompt = record.prompt or prompts.get(record.question_id, record.question_id)
        limit = f", {record.time_limit} s limit" if record.time_limit else ""
        ran_out = ", time ran out" if record.timed_out else ""
        ran_out += ", clock paused" if record.paused else ""
        out.write(f"\n### {local.strftime('%H:%M')} · {prompt}\n\n")
        duration = seconds_text(record.duration_seconds)
        out.write(
            f"*{record.mode}{limit}{ran_out} · {record.words} words in {duration}"
            f" · attempt `{record.id[:8]}`*\n\n"
        )
        for line in (record.text.strip() or "(no answer)").splitlines():
            out.write(f"> {line}\n" if line.strip() else ">\n")
        if record.grades:
            latest = record.grades[-1].grade
            out.write(f"\n**{latest.overall}/100, {latest.band}** (graded by {latest.grader})\n")
            feedback = _top_feedback(latest)
            if feedback:
                out.write("\n" + "".join(f"- {item}\n" for item in feedback))
            for flag in latest.red_flags:
                out.write(f"- red flag: {flag.id}\n")
            for dispute in record.disputes:
                sentence = " ".join(dispute.sentence.split())
                out.write(
                    f"- you dispute {dispute.criterion}: you claim {dispute.level}/2 for "
                    f'"{sentence}" (the grade above is unchanged)\n'
                )
        else:
            out.write("\n*not graded*\n")
        count += 1
    if count == 0:
        out.write("\nNo submitted attempts yet.\n")
    return count
