"""Batch LLM grading against a server that takes 200 ms per request: N = 8 against N = 1.

Usage: python benchmarks/batch_llm.py [--quick]
Target (issue 16): 1,000 answers with --concurrency 8 finish within 1.3x of the ideal
1,000 x 0.2 s / 8 = 25 s; the same run with N = 1 (about 200 s) is reported beside it.
--quick grades 100 answers instead (a few seconds, for a smoke check).

The server is the tests' fake OpenAI-compatible server (tests/llm/llm_fake_server.py,
imported, not copied) with a fixed delay per request, run in a process of its own (this
script with --serve) so that, like a real server, it does not share the client's CPU time.
Answers go through `grade_batch`, the code `mockround grade --jsonl --resume OUT` runs, into
a temporary file.

Two graders. The main figures use the LLM grader over the offline grader's cues only (its
semantic layer off): they measure the batch machinery and the server. A last figure uses the
default offline grader (semantic layer on) beside the LLM, as `mockround grade` does: every
LLM grade runs that analysis first, CPU time that threads do not overlap, so it shows where
a real batch's time goes on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "llm"))

from llm_fake_server import FakeOpenAI, completion  # noqa: E402
from llm_helpers import settings_for, zero_reply  # noqa: E402

from mockround.bank import load_bank  # noqa: E402
from mockround.cli.grade_batch import BatchOptions, grade_batch  # noqa: E402
from mockround.evaluation.corpus import load_corpus  # noqa: E402
from mockround.grading.base import Grader  # noqa: E402
from mockround.grading.llm import LLMGrader  # noqa: E402
from mockround.grading.offline import OfflineGrader  # noqa: E402

DELAY = 0.2
TARGET_RATIO = 1.3


def _answers(count: int, tmp: Path) -> Path:
    items = load_corpus()
    path = tmp / f"answers-{count}.jsonl"
    lines = [
        json.dumps(
            {"id": f"s{n}", "text": items[n % len(items)].text, "question": "imbalanced-data"}
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def serve() -> int:
    """The fake server until stdin closes; prints its URL, then the most requests in flight."""
    server = FakeOpenAI().start()
    server.script = [completion(zero_reply())]
    server.latency = DELAY
    print(server.url, flush=True)
    sys.stdin.read()
    print(server.max_in_flight, flush=True)
    server.stop()
    return 0


@contextmanager
def _server() -> Iterator[tuple[str, list[int]]]:
    """The URL of a fake server in another process, and (after) the most requests in flight."""
    script = str(Path(__file__).resolve())
    with subprocess.Popen(
        [sys.executable, script, "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        peak: list[int] = []
        try:
            yield process.stdout.readline().strip(), peak
        finally:
            process.stdin.close()
            peak.append(int(process.stdout.readline() or 0))


def _run(url: str, answers: Path, workers: int, offline: Callable[[], Grader], tmp: Path) -> float:
    """Seconds to grade `answers` with `workers`; checks every line got an LLM grade."""
    out = tmp / f"out-{workers}-{time.monotonic_ns()}.jsonl"
    settings = settings_for(url, timeout=30, retries=2)
    bank = load_bank()

    def graders() -> Grader:
        return LLMGrader(settings, offline())

    options = BatchOptions(workers=workers, resume=out, quiet=True)
    start = time.perf_counter()
    with answers.open("rb") as stream:
        grade_batch(bank, graders, "imbalanced-data", stream, options)
    seconds = time.perf_counter() - start
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    llm = sum(1 for r in results if str(r.get("grade", {}).get("grader", "")).startswith("llm:"))
    if llm != len(results):
        raise SystemExit(f"unexpected: {llm}/{len(results)} LLM grades")
    return seconds


def _report(label: str, count: int, workers: int, seconds: float) -> float:
    ideal = count * DELAY / workers
    ratio = seconds / ideal
    print(
        f"{label}: {count} answers, N = {workers}: {seconds:.1f} s "
        f"(ideal {ideal:.1f} s, ratio {ratio:.2f}, {count / seconds:.1f} answers/s)"
    )
    return ratio


def main() -> int:
    """Print wall time, ideal time and their ratio for each run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 answers instead of 1,000")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve()
    count = 100 if args.quick else 1000
    sample = 12 if args.quick else 32
    cues_only = lambda: OfflineGrader(use_model=False, use_semantic=False)  # noqa: E731
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["MOCKROUND_HOME"] = str(tmp / "home")  # mode memory, logs: not the user's
        answers = _answers(count, tmp)
        print(f"fake server: {DELAY * 1000:.0f} ms per request; offline checks: cues only")
        with _server() as (url, peak):
            _run(url, _answers(8, tmp), 8, cues_only, tmp)  # warm-up: imports, mode memory
            ratio = _report("batch", count, 8, _run(url, answers, 8, cues_only, tmp))
        print(f"  most requests in flight at the server: {peak[0]}")
        with _server() as (url, peak):
            _report("batch", count, 1, _run(url, answers, 1, cues_only, tmp))
        print(f"  most requests in flight at the server: {peak[0]}")
        print("with the default offline grader (semantic layer on) beside the LLM:")
        with _server() as (url, peak):
            _run(url, _answers(2, tmp), 1, OfflineGrader, tmp)  # loads the semantic model
            for workers in (8, 1):
                seconds = _run(url, _answers(sample, tmp), workers, OfflineGrader, tmp)
                _report("batch", sample, workers, seconds)
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"N = 8, cues only: ratio {ratio:.2f} {verdict} the target of {TARGET_RATIO}x the ideal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
