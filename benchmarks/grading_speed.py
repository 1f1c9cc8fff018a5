"""Speed of the offline grader with its semantic layer: model load, per answer, a 1,000 batch.

Usage: python benchmarks/grading_speed.py
Targets (issue 11): the model loads lazily (never before the app's first paint) in <= 1.5 s;
p95 <= 150 ms per answer once loaded; a 1,000-answer `grade --jsonl` batch < 60 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mockround.bank import load_bank
from mockround.evaluation.corpus import load_corpus
from mockround.grading.offline import OfflineGrader


def main() -> int:
    """Print the three figures."""
    code = (
        "import time; t = time.perf_counter(); "
        "from mockround.grading.semantic.model import load; load(); "
        "print(time.perf_counter() - t)"
    )
    loads = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    print(f"semantic model + encoder load (fresh process, best of 3): {min(loads):.2f} s")
    bank, grader = load_bank(), OfflineGrader()
    items = load_corpus()
    grader.grade(bank.get("imbalanced-data"), items[0].text)
    latencies = []
    for item in items:
        start = time.perf_counter()
        grader.grade(bank.get(item.question), item.text)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
    print(f"per answer, {len(items)} real answers: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        lines = [
            json.dumps(
                {
                    "id": n,
                    "text": items[n % len(items)].text,
                    "question": items[n % len(items)].question,
                }
            )
            for n in range(1000)
        ]
        batch.write_text("\n".join(lines) + "\n")
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mockround",
                "grade",
                "--grader",
                "offline",
                "--jsonl",
                str(batch),
            ],
            capture_output=True,
            check=True,
        )
        print(f"1,000-answer grade --jsonl, whole process: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
