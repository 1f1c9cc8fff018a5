"""Grading quality of the offline grader on labelled JSONL sets.

Usage: python benchmarks/grading_quality.py PATH... [--whole-process]

Each line: {"id", "text", "labels": {criterion: 0|1|2}, "red_flags": [...], "holistic": 1-5}
(optional "question", default imbalanced-data). Prints per-criterion precision / recall / F1 of
coverage (score >= 1), macro-F1, exact 0/1/2 agreement, red-flag precision and recall,
Spearman between `overall` and `holistic`, and p50/p95 latency per answer once loaded.
With --whole-process it also times `mockround grade` against `mockround --version`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mockround.bank import load_bank
from mockround.grading.offline import OfflineGrader


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman rank correlation with average ranks for ties."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(path: Path) -> dict[str, Any]:
    """Grade every labelled answer in `path` and compute the figures."""
    bank = load_bank()
    grader = OfflineGrader()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    # Warm-up: load and compile the cues once, as a running app would.
    grader.grade(bank.get("imbalanced-data"), "warm up")
    counts: dict[str, list[int]] = {}
    exact = total = 0
    flag_tp = flag_fp = flag_fn = 0
    overall: list[float] = []
    holistic: list[float] = []
    latencies: list[float] = []
    for row in rows:
        question = bank.get(row.get("question", "imbalanced-data"))
        start = time.perf_counter()
        grade = grader.grade(question, row["text"])
        latencies.append((time.perf_counter() - start) * 1000)
        scores = grade.scores()
        for cid, gold in row["labels"].items():
            tp_fp_fn = counts.setdefault(cid, [0, 0, 0])
            got = scores.get(cid, 0)
            tp_fp_fn[0] += got >= 1 and gold >= 1
            tp_fp_fn[1] += got >= 1 and gold == 0
            tp_fp_fn[2] += got == 0 and gold >= 1
            exact += got == gold
            total += 1
        raised = {f.id for f in grade.red_flags}
        gold_flags = set(row.get("red_flags", []))
        flag_tp += len(raised & gold_flags)
        flag_fp += len(raised - gold_flags)
        flag_fn += len(gold_flags - raised)
        overall.append(grade.overall)
        holistic.append(row["holistic"])
    per = {cid: _prf(*c) for cid, c in counts.items()}
    latencies.sort()
    return {
        "answers": len(rows),
        "per_criterion": per,
        "macro_f1": statistics.fmean(f for _, _, f in per.values()),
        "exact": exact / total if total else 0.0,
        "flags": _prf(flag_tp, flag_fp, flag_fn),
        "spearman": spearman(overall, holistic),
        "p50_ms": latencies[len(latencies) // 2],
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
    }


def report(path: Path, figures: dict[str, Any]) -> None:
    """Print the figures for one set."""
    print(f"== {path} ({figures['answers']} answers)")
    print(f"{'criterion':<12} {'P':>5} {'R':>5} {'F1':>5}")
    for cid, (p, r, f) in figures["per_criterion"].items():
        print(f"{cid:<12} {p:5.2f} {r:5.2f} {f:5.2f}")
    fp, fr, _ = figures["flags"]
    print(f"macro-F1 {figures['macro_f1']:.3f}   exact 0/1/2 agreement {figures['exact']:.3f}")
    print(f"red flags: precision {fp:.2f} recall {fr:.2f}")
    print(f"Spearman(overall, holistic) {figures['spearman']:.3f}")
    print(f"latency per answer: p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")


def _best_of(command: list[str], runs: int = 5, stdin: bytes = b"") -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def whole_process() -> None:
    """Time `mockround grade` on one answer against `mockround --version` (best of 5)."""
    answer = b"I would weigh a missed fraud against a false alarm, then use class weights."
    base = [sys.executable, "-m", "mockround"]
    version = _best_of([*base, "--version"])
    grade = _best_of([*base, "grade", "--grader", "offline", "-"], stdin=answer)
    print(
        f"== whole process: --version {version:.0f} ms, grade {grade:.0f} ms, "
        f"ratio {grade / version:.2f}x"
    )


def main(argv: list[str]) -> int:
    """Evaluate each labelled set given on the command line."""
    paths = [Path(a) for a in argv if not a.startswith("--")]
    if not paths:
        paths = [Path(__file__).parent / "data" / "own_answers.jsonl"]
    for path in paths:
        report(path, evaluate(path))
    if "--whole-process" in argv:
        whole_process()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
