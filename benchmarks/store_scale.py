"""Store at scale: 100,000 graded attempts; history, show, stats, import timings and DB size.

Builds the database in a temporary folder with executemany in one transaction, then times
the Store API against the bare SQL it runs. Usage: python benchmarks/store_scale.py [N]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mockround.grading.contract import CriterionScore, Evidence, Grade, band_for
from mockround.store import Store, queries
from mockround.store.db import to_db_time, write_transaction
from mockround.store.export import write_jsonl
from mockround.store.importer import import_jsonl

RANDOM_STATE = 7
CRITERIA = (
    "context", "diagnosis", "weighting", "resampling", "leakage", "threshold", "metrics",
    "validation",
)  # fmt: skip
FOLLOWUPS = ("which-metric", "smote-vs-weights", "avoid-leakage", "change-threshold")
ANSWER = (
    "It depends on what each mistake costs, so I start there: a missed fraud case may cost a "
    "hundred times a false alarm. Then I check how many positives there really are. Class "
    "weights are my baseline; SMOTE only inside the training folds of a pipeline. I tune the "
    "threshold against the costs and judge with precision, recall and PR AUC, never accuracy, "
    "comparing every remedy to the baseline under the same stratified folds."
)


def _grade(rng: random.Random, question_id: str) -> Grade:
    scores = {c: rng.choice((0, 1, 1, 2, 2)) for c in CRITERIA}
    overall = round(100 * sum(scores.values()) / (2 * len(CRITERIA)))
    return Grade(
        question_id=question_id,
        grader="offline",
        overall=overall,
        band=band_for(overall),
        criteria=[
            CriterionScore(
                id=c,
                score=s,
                evidence=[Evidence.of(ANSWER, 40, 80)] if s else [],
                feedback=f"Say when {c} changes your choice, with the reason.",
            )
            for c, s in scores.items()
        ],
        words=70,
        speaking_seconds=28.0,
    )


def build(store: Store, n: int) -> None:
    """Insert n submitted, graded attempts (a tenth of them follow-ups) in one transaction."""
    rng = random.Random(RANDOM_STATE)
    start = datetime.now(UTC) - timedelta(days=400)
    step = timedelta(days=400) / n
    attempts, grades, scores = [], [], []
    mains: list[str] = []
    for i in range(n):
        attempt_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        followup = bool(mains) and rng.random() < 0.1
        question = rng.choice(FOLLOWUPS) if followup else "imbalanced-data"
        began = start + step * i
        ended = began + timedelta(seconds=rng.randint(40, 90))
        grade = _grade(rng, question)
        grade_id = i + 1
        attempts.append((
            attempt_id, question, rng.choice(mains) if followup else None,
            "followup" if followup else "drill", None if followup else 90,
            to_db_time(began), to_db_time(ended), (ended - began).total_seconds(), 0,
            ANSWER, 70, grade_id, grade.overall,
        ))  # fmt: skip
        grades.append((grade_id, attempt_id, "offline", None, grade.overall, grade.band,
                       grade.model_dump_json(), to_db_time(ended)))  # fmt: skip
        scores.extend((grade_id, c.id, c.score, int(not followup)) for c in grade.criteria)
        if not followup:
            mains.append(attempt_id)
    conn = store.connection
    with store.lock(), write_transaction(conn):
        # Foreign keys are checked per row; deferring them lets attempts point at grades
        # inserted a moment later in the same transaction.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.executemany(
            "INSERT INTO attempts (id, question_id, parent_id, mode, time_limit, started_at, "
            "submitted_at, duration_seconds, timed_out, text, words, latest_grade_id, "
            "latest_overall) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            attempts,
        )
        conn.executemany(
            "INSERT INTO grades (id, attempt_id, grader, model, overall, band, grade_json, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            grades,
        )
        conn.executemany("INSERT INTO criterion_scores VALUES (?, ?, ?, ?)", scores)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of fn() in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> int:
    """Build, measure, print the table of figures."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.db"
        store = Store.open(path)
        began = time.perf_counter()
        build(store, n)
        build_s = time.perf_counter() - began
        conn = store.connection
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        rows.append(("build (executemany, one transaction)", f"{build_s:.1f} s", "-", ""))
        rows.append(("DB size per graded attempt", f"{size / n:,.0f} B", "reported", ""))

        bare_history = median_ms(lambda: conn.execute(queries.HISTORY_SQL, (50, 0)).fetchall(), 200)
        api_history = median_ms(lambda: store.list_attempts(limit=50), 200)
        ratio = api_history / bare_history
        rows.append(("history --limit 50: bare SQL", f"{bare_history:.3f} ms", "", ""))
        rows.append(("history --limit 50: Store.list_attempts", f"{api_history:.3f} ms",
                     "<= 2x bare", f"{ratio:.2f}x {'ok' if ratio <= 2 else 'MISSED'}"))  # fmt: skip

        parent = conn.execute(
            "SELECT parent_id FROM attempts WHERE parent_id IS NOT NULL "
            "GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]

        def bare_show() -> None:
            conn.execute(queries.ATTEMPT_SQL, (parent,)).fetchone()
            conn.execute(queries.GRADES_SQL, (parent,)).fetchall()
            conn.execute(queries.FOLLOWUPS_SQL, (parent,)).fetchall()
            conn.execute(queries.EXCHANGES_SQL, (parent,)).fetchall()

        bare_show_ms = median_ms(bare_show, 500)
        api_show_ms = median_ms(lambda: store.get_attempt(parent), 500)
        ratio = api_show_ms / bare_show_ms
        rows.append(("show: bare SQL (4 queries)", f"{bare_show_ms:.3f} ms", "", ""))
        rows.append(("show: Store.get_attempt", f"{api_show_ms:.3f} ms", "<= 2x bare",
                     f"{ratio:.2f}x {'ok' if ratio <= 2 else 'MISSED'}"))  # fmt: skip

        stats_ms = median_ms(store.stats, 5)
        rows.append(("stats: Store.stats", f"{stats_ms:.0f} ms", "<= 300 ms",
                     "ok" if stats_ms <= 300 else "MISSED"))  # fmt: skip

        export_path = Path(tmp) / "export.jsonl"
        began = time.perf_counter()
        with export_path.open("w", encoding="utf-8") as out, store.lock():
            write_jsonl(conn, out)
        rows.append(("export JSONL", f"{time.perf_counter() - began:.1f} s", "-", ""))
        store.close()

        with Store.open(Path(tmp) / "imported.db") as target:
            began = time.perf_counter()
            result = import_jsonl(target, export_path)
            import_s = time.perf_counter() - began
        assert result.imported == n and not result.bad_lines
        rows.append((f"import {n:,} JSONL lines", f"{import_s:.1f} s", "< 60 s",
                     "ok" if import_s < 60 else "MISSED"))  # fmt: skip

    print(f"store_scale: {n:,} graded attempts, SQLite {__import__('sqlite3').sqlite_version}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    widths = [max(len(r[i]) for r in [("figure", "value", "target", "result"), *rows])
              for i in range(4)]  # fmt: skip
    for row in [("figure", "value", "target", "result"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
