"""Reading the plan: due cards in order, and a one-line reason for the top one."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

from mockround.plan.catalog import CardCatalog
from mockround.plan.models import CardState, PlanItem
from mockround.store.db import from_db_time, to_db_time

_STATES: dict[int, CardState] = {1: "learning", 2: "review", 3: "relearning"}
RECENT = 4
"""How many of the parent question's latest answers the reason counts misses over."""


def plan_items(
    conn: sqlite3.Connection, catalog: CardCatalog, now: datetime, *, include_all: bool = False
) -> list[PlanItem]:
    """Cards due at `now`, most overdue first; with include_all every card, new ones last."""
    sql = (
        "SELECT card_id, state, stability, difficulty, due, reviews, last_grade, weak_criteria "
        "FROM plan_cards"
    )
    params: tuple[str, ...] = ()
    if not include_all:
        # plan_cards_due makes this a range scan: the few due cards, not the whole table.
        sql += " WHERE due <= ?"
        params = (to_db_time(now),)
    items = [
        PlanItem(
            card_id=r[0],
            title=catalog.title(r[0]),
            parent_id=catalog.parent_of(r[0]),
            state=_STATES.get(r[1], "learning"),
            due=from_db_time(r[4]),
            is_due=r[4] <= to_db_time(now),
            stability=r[2],
            difficulty=r[3],
            reviews=r[5],
            last_grade=r[6],
            weak_criteria=json.loads(r[7]),
        )
        for r in conn.execute(sql + " ORDER BY due, card_id", params)
    ]
    if include_all:
        seen = {item.card_id for item in items}
        items += [
            PlanItem(card_id=c, title=catalog.title(c), parent_id=catalog.parent_of(c), state="new")
            for c in catalog.cards
            if c not in seen
        ]
    return items


def practised_today(conn: sqlite3.Connection, now: datetime) -> int:
    """Answers submitted since local midnight (what the daily goal counts)."""
    local = now.astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    row = conn.execute(
        "SELECT count(*) FROM attempts WHERE submitted_at >= ? AND submitted_at <= ?",
        (to_db_time(midnight), to_db_time(now)),
    ).fetchone()
    return int(row[0])


def _missed_recently(
    conn: sqlite3.Connection, question_id: str, criterion_id: str
) -> tuple[int, int]:
    """(misses, answers) of `criterion_id` over the question's last RECENT graded answers."""
    scores = [
        row[0]
        for row in conn.execute(
            "SELECT (SELECT cs.score FROM criterion_scores cs WHERE cs.grade_id = a.latest_grade_id"
            " AND cs.criterion_id = ?) FROM attempts a WHERE a.question_id = ? AND "
            "a.latest_grade_id IS NOT NULL ORDER BY a.submitted_at DESC LIMIT ?",
            (criterion_id, question_id, RECENT),
        )
    ]
    return sum(1 for s in scores if not s), len(scores)


def _since(due: datetime, now: datetime) -> str:
    local_due, local_now = due.astimezone(), now.astimezone()
    if local_due.date() == local_now.date():
        return "due now" if now - due < timedelta(minutes=1) else f"due since {local_due:%H:%M}"
    if local_now - local_due < timedelta(days=7):
        return f"due since {local_due:%A}"
    return f"due since {local_due:%d %b}"


def reason(conn: sqlite3.Connection, catalog: CardCatalog, item: PlanItem, now: datetime) -> str:
    """Why this card is due, in a line: the weak criterion's recent record and since when."""
    parts: list[str] = []
    if item.weak_criteria:
        criterion = item.weak_criteria[0]
        question = item.parent_id or item.card_id
        misses, answers = _missed_recently(conn, question, criterion)
        label = catalog.criterion_label(question, criterion)
        parts.append(f"{label} missed in {misses} of your last {answers}")
    elif item.last_grade is not None:
        parts.append(f"last grade {item.last_grade}")
    if item.due is not None:
        parts.append(_since(item.due, now))
    return "; ".join(parts)
