"""Card state in SQLite: one review per graded attempt, applied or replayed in time order.

`record_review` runs inside the store's grade transaction; `rebuild` replays every graded
attempt from scratch (after an import, or `mockround plan --rebuild`). Both go through
`_apply`, so the incremental state always equals what a replay would give.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from fsrs import Card, Rating, State

from mockround.plan import scheduler
from mockround.plan.catalog import CardCatalog
from mockround.store.db import from_db_time, to_db_time


@dataclass
class CardRow:
    """A card's FSRS state and what the plan shows about it."""

    card: Card
    reviews: int = 0
    last_grade: int | None = None
    weak: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Review:
    """A graded attempt as the scheduler sees it."""

    attempt_id: str
    card_id: str
    at: datetime
    overall: int
    timed_out: bool
    missed: tuple[str, ...]
    """Criteria scored 0 in the attempt's latest grade."""


# One row per graded attempt, oldest first, with the latest grade's missed criteria.
_REVIEWS_SQL = """SELECT a.id, a.question_id, a.submitted_at, a.latest_overall, a.timed_out,
  (SELECT group_concat(cs.criterion_id, ',') FROM criterion_scores cs
   WHERE cs.grade_id = a.latest_grade_id AND cs.score = 0)
FROM attempts a
WHERE a.latest_grade_id IS NOT NULL AND a.submitted_at IS NOT NULL"""

_COLUMNS = (
    "card_id, state, step, stability, difficulty, due, last_review, reviews, last_grade, "
    "weak_criteria"
)


def _review_from_row(row: tuple[str, str, str, int, int, str | None]) -> Review:
    return Review(
        attempt_id=row[0],
        card_id=row[1],
        at=from_db_time(row[2]),
        overall=row[3],
        timed_out=bool(row[4]),
        missed=tuple(sorted(row[5].split(","))) if row[5] else (),
    )


def _apply(rows: dict[str, CardRow], catalog: CardCatalog, review: Review) -> None:
    """One review: schedule the card, then pull forward follow-ups aimed at its misses."""
    row = rows.get(review.card_id) or CardRow(scheduler.new_card(review.at))
    rating = scheduler.rating_for(review.overall, timed_out=review.timed_out)
    row.card = scheduler.review(row.card, rating, review.at)
    row.reviews += 1
    row.last_grade = review.overall
    by_target = catalog.followups.get(review.card_id)
    if by_target is None:
        # A follow-up: the parent's misses stay behind it until it is answered well.
        row.weak = () if rating >= Rating.Good else row.weak
    else:
        row.weak = review.missed
    rows[review.card_id] = row
    targets = by_target or {}
    for followup_id in sorted({f for ids in targets.values() for f in ids}):
        weak = tuple(c for c in review.missed if followup_id in targets.get(c, ()))
        target = rows.get(followup_id)
        if not weak:
            if target is not None:
                target.weak = ()
            continue
        if target is None:
            target = rows[followup_id] = CardRow(scheduler.new_card(review.at))
        # A criterion just missed is practised now, not when the follow-up's own memory
        # curve says: FSRS keeps its stability, only the due time moves in.
        if target.card.due > review.at:
            target.card = replace(target.card, due=review.at)
        target.weak = weak


def _load(conn: sqlite3.Connection, card_ids: Iterable[str]) -> dict[str, CardRow]:
    ids = list(card_ids)
    marks = ",".join("?" * len(ids))
    rows: dict[str, CardRow] = {}
    for r in conn.execute(f"SELECT {_COLUMNS} FROM plan_cards WHERE card_id IN ({marks})", ids):
        card = Card(
            card_id=0,
            state=State(r[1]),
            step=r[2],
            stability=r[3],
            difficulty=r[4],
            due=from_db_time(r[5]),
            last_review=from_db_time(r[6]) if r[6] else None,
        )
        rows[r[0]] = CardRow(card, r[7], r[8], tuple(json.loads(r[9])))
    return rows


def _save(conn: sqlite3.Connection, rows: dict[str, CardRow]) -> None:
    # A follow-up never answered whose weak criteria were since answered well is new again.
    idle = [card_id for card_id, row in rows.items() if not row.reviews and not row.weak]
    conn.executemany("DELETE FROM plan_cards WHERE card_id = ?", [(c,) for c in idle])
    for card_id in idle:
        del rows[card_id]
    conn.executemany(
        f"INSERT OR REPLACE INTO plan_cards ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                card_id,
                int(row.card.state),
                row.card.step,
                row.card.stability,
                row.card.difficulty,
                to_db_time(row.card.due),
                to_db_time(row.card.last_review) if row.card.last_review else None,
                row.reviews,
                row.last_grade,
                json.dumps(list(row.weak)),
            )
            for card_id, row in rows.items()
        ],
    )


def rebuild(conn: sqlite3.Connection, catalog: CardCatalog) -> int:
    """Replace every card's state by a replay of the graded history; return the reviews."""
    rows: dict[str, CardRow] = {}
    count = 0
    cursor = conn.execute(_REVIEWS_SQL + " ORDER BY a.submitted_at, a.id")
    for raw in cursor:
        _apply(rows, catalog, _review_from_row(raw))
        count += 1
    conn.execute("DELETE FROM plan_cards")
    _save(conn, rows)
    return count


def record_review(
    conn: sqlite3.Connection, catalog: CardCatalog, attempt_id: str, *, regrade: bool
) -> None:
    """Apply the attempt's (just stored) grade as a review, inside the caller's transaction.

    A regrade, or a review older than the card's last one, cannot be appended: the card's
    past changed, so the whole plan is replayed instead (rare, and bounded by `rebuild`).
    """
    raw = conn.execute(_REVIEWS_SQL + " AND a.id = ?", (attempt_id,)).fetchone()
    if raw is None:
        return
    review = _review_from_row(raw)
    followups = {f for ids in catalog.followups.get(review.card_id, {}).values() for f in ids}
    rows = _load(conn, [review.card_id, *followups])
    own = rows.get(review.card_id)
    last = own.card.last_review if own is not None else None
    stale = last is not None and last > review.at
    if regrade or stale:
        rebuild(conn, catalog)
        return
    _apply(rows, catalog, review)
    _save(conn, rows)
