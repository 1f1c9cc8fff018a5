"""Statistics over the whole history: a handful of aggregate queries, no row-by-row Python.

Main-question figures (trend, criteria) leave follow-up attempts out: their rubrics
differ, so mixing them would blur the picture.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from mockround.store.db import from_db_time, to_db_time
from mockround.store.models import QuestionStats, Stats

PER_QUESTION_SQL = """
SELECT a.question_id, count(*), count(a.latest_overall), avg(a.latest_overall),
       max(a.latest_overall), max(a.submitted_at)
FROM attempts a
WHERE a.submitted_at IS NOT NULL
GROUP BY a.question_id
ORDER BY count(*) DESC, a.question_id
"""
LAST_OVERALL_SQL = """
SELECT a.latest_overall FROM attempts a
WHERE a.question_id = ? AND a.submitted_at IS NOT NULL AND a.latest_overall IS NOT NULL
ORDER BY a.submitted_at DESC, a.rowid DESC LIMIT 1
"""
RECENT_MAIN_SQL = """
SELECT a.latest_overall FROM attempts a
WHERE a.submitted_at IS NOT NULL AND a.mode <> 'followup' AND a.latest_overall IS NOT NULL
ORDER BY a.submitted_at DESC, a.rowid DESC LIMIT 10
"""
CRITERIA_SQL = """
SELECT criterion_id, avg(score) FROM criterion_scores
WHERE latest_main = 1
GROUP BY criterion_id
ORDER BY criterion_id
"""
FOLLOWUPS_SQL = "SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL AND mode = 'followup'"
FULL_MARKS = 2
"""Every criterion's top score (the schema's CHECK holds scores to 0-2)."""
DAY_HAS_ATTEMPT_SQL = "SELECT 1 FROM attempts WHERE submitted_at >= ? AND submitted_at < ? LIMIT 1"


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _local_day_bounds(day: date) -> tuple[str, str]:
    # Naive midnight read as local time, then stored-format UTC text for an index range.
    start = datetime(day.year, day.month, day.day).astimezone()
    end = datetime.combine(day + timedelta(days=1), datetime.min.time()).astimezone()
    return to_db_time(start), to_db_time(end)


def streak_days(conn: sqlite3.Connection, now: datetime) -> int:
    """Consecutive local days with a submitted attempt, ending today.

    A day not yet practised does not break the streak until it is over: with nothing
    today, the count ends yesterday. One indexed probe per day of the streak.
    """
    day = now.astimezone().date()
    if conn.execute(DAY_HAS_ATTEMPT_SQL, _local_day_bounds(day)).fetchone() is None:
        day -= timedelta(days=1)
    count = 0
    while conn.execute(DAY_HAS_ATTEMPT_SQL, _local_day_bounds(day)).fetchone() is not None:
        count += 1
        day -= timedelta(days=1)
    return count


def compute_stats(conn: sqlite3.Connection, now: datetime) -> Stats:
    """Attempts per question, averages, best, trend, per-criterion averages and the streak."""
    questions: list[QuestionStats] = []
    total = graded = 0
    for qid, attempts, graded_count, average, best, last_at in conn.execute(PER_QUESTION_SQL):
        last = conn.execute(LAST_OVERALL_SQL, (qid,)).fetchone()
        questions.append(
            QuestionStats(
                question_id=qid,
                attempts=attempts,
                average_overall=round(average, 1) if average is not None else None,
                best_overall=best,
                last_overall=last[0] if last else None,
                last_at=from_db_time(last_at) if last_at else None,
            )
        )
        total += attempts
        graded += graded_count
    recent = [row[0] for row in conn.execute(RECENT_MAIN_SQL)]
    criteria = {cid: round(avg, 2) for cid, avg in conn.execute(CRITERIA_SQL)}
    # A criterion already at full marks is nothing to work on, even if it is the lowest.
    short = {cid: avg for cid, avg in criteria.items() if avg < FULL_MARKS}
    weakest = min(short, key=lambda cid: (short[cid], cid)) if short else None
    return Stats(
        questions=questions,
        total_attempts=total,
        graded_attempts=graded,
        followup_attempts=conn.execute(FOLLOWUPS_SQL).fetchone()[0],
        trend_last5=_average(recent[:5]),
        trend_prev5=_average(recent[5:10]),
        criteria=criteria,
        weakest_criterion=weakest,
        streak_days=streak_days(conn, now),
    )
