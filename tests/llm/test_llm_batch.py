"""Batch grading with an LLM: workers in flight, order, 429 storms, per-line failures (issue 16).

Graded through `grade_batch` with the stub offline grader, so the timing is the server's and
the batch machinery's, not the offline analysis's CPU time.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from llm_fake_server import MODEL, FakeOpenAI, Scripted, Seen, completion, error
from llm_helpers import StubOffline, settings_for, zero_reply

from mockround.bank import load_bank
from mockround.cli.grade_batch import BatchOptions, grade_batch
from mockround.grading.base import Grader
from mockround.grading.llm import LLMGrader
from mockround.grading.llm.backoff import shared_backoff

REPLY = zero_reply()
_CASE = re.compile(r"case (\d+)")


def _case(seen: Seen) -> int:
    """Which input answer a request grades (each answer says "case <n>")."""
    found = _CASE.search(json.dumps(seen.body))
    assert found, "every test answer names its case"
    return int(found.group(1))


def _batch(count: int, extra: Sequence[str] = ()) -> io.BytesIO:
    lines = [
        json.dumps({"id": f"a{n}", "text": f"I'd use class weights, case {n}."})
        for n in range(count)
    ]
    return io.BytesIO("\n".join([*lines, *extra]).encode())


def _run(
    server: FakeOpenAI,
    stream: io.BytesIO,
    capsys: pytest.CaptureFixture[str],
    *,
    workers: int,
    ordered: bool = True,
    retries: int = 0,
) -> list[dict[str, Any]]:
    def graders() -> Grader:
        return LLMGrader(settings_for(server, retries=retries), StubOffline())

    options = BatchOptions(workers=workers, ordered=ordered, quiet=True)
    grade_batch(load_bank(), graders, "imbalanced-data", stream, options)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _delayed(delay: Callable[[int], float]) -> Callable[[Seen], Scripted]:
    def script(seen: Seen) -> Scripted:
        reply = completion(REPLY)
        reply.delay = delay(_case(seen))
        return reply

    return script


def test_results_come_out_in_input_order_with_n_requests_in_flight(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    # Earlier answers take longer: they finish last, and are still written first.
    fake_server.script = _delayed(lambda n: 0.1 + (9 - n) * 0.04)
    fake_server.latency = 0.2
    out = _run(fake_server, _batch(9), capsys, workers=3)
    assert [o["id"] for o in out] == [f"a{n}" for n in range(9)]
    assert [o["line"] for o in out] == list(range(1, 10))
    assert all(o["grade"]["grader"] == f"llm:{MODEL}" for o in out)
    # The server saw three requests at once, and never more.
    assert fake_server.max_in_flight == 3
    assert len(fake_server.requests) == 9


def test_one_worker_keeps_one_request_in_flight(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.script = [completion(REPLY)]
    fake_server.latency = 0.05
    out = _run(fake_server, _batch(4), capsys, workers=1)
    assert [o["id"] for o in out] == ["a0", "a1", "a2", "a3"]
    assert fake_server.max_in_flight == 1


def test_unordered_writes_each_result_as_it_finishes(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    # Line 1 is far slower than the rest: unordered, it is written last.
    fake_server.script = _delayed(lambda n: 1.5 if n == 0 else 0.05)
    out = _run(fake_server, _batch(6), capsys, workers=3, ordered=False)
    assert sorted(o["id"] for o in out) == [f"a{n}" for n in range(6)]
    assert out[-1]["id"] == "a0" and out[-1]["line"] == 1


def test_a_429_pauses_every_worker_and_no_line_fails(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.script = [completion(REPLY)]
    # 40 answers at 50 ms on 4 workers: half a second of requests, were nobody to wait.
    fake_server.latency = 0.05
    fake_server.rate_limit(1, retry_after="1")
    out = _run(fake_server, _batch(40), capsys, workers=4, retries=2)
    assert [o["grade"]["grader"] for o in out] == [f"llm:{MODEL}"] * 40
    gate = shared_backoff(fake_server.url)
    assert gate.pauses == 1 and gate.last_closed is not None
    since = [t - gate.last_closed for t in fake_server.arrivals]
    # At most one request per worker had passed the gate before the 429 came back; then
    # nothing until the Retry-After has passed: every worker waited, not only the one.
    assert len([s for s in since if s <= 0.2]) <= 4 + 1
    assert [s for s in since if 0.2 < s < 0.95] == []


def test_a_429_storm_slows_the_batch_instead_of_failing_lines(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.script = [completion(REPLY)]
    fake_server.rate_limit(6, retry_after="0.1")
    out = _run(fake_server, _batch(8), capsys, workers=4, retries=4)
    assert all(o["grade"]["grader"] == f"llm:{MODEL}" for o in out)
    assert all(not w.startswith("llm_unavailable") for o in out for w in o["grade"]["warnings"])
    statuses = len(fake_server.requests)
    assert statuses == 8 + 6  # every 429 was retried, once each


def test_every_failure_stays_on_its_own_line(
    fake_server: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    def script(seen: Seen) -> Scripted:
        return error(500, "model crashed") if _case(seen) == 1 else completion(REPLY)

    fake_server.script = script
    extra = [
        "{not json",
        json.dumps({"id": "q", "text": "case 9", "question": "no-such-question"}),
        json.dumps({"id": "t", "text": 42}),
    ]
    out = _run(fake_server, _batch(3, extra), capsys, workers=2)
    assert [o["id"] for o in out] == ["a0", "a1", "a2", None, "q", "t"]
    assert out[0]["grade"]["grader"] == f"llm:{MODEL}"
    failed = out[1]["grade"]
    assert failed["grader"] == "offline"
    assert (
        failed["warnings"][-1].startswith("llm_unavailable: ")
        and "HTTP 500" in failed["warnings"][-1]
    )
    assert out[2]["grade"]["grader"] == f"llm:{MODEL}"
    assert out[3] == {"id": None, "line": 4, "error": out[3]["error"]}
    assert out[3]["error"].startswith("line 4: not JSON")
    assert out[4]["error"] == "line 5: unknown question id 'no-such-question'"
    assert out[5]["error"] == "line 6: 'text' must be a string"


def test_a_grader_that_raises_costs_only_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    class Flaky(StubOffline):
        def grade(self, question: Any, answer: str) -> Any:
            if "case 1" in answer:
                raise RuntimeError("boom")
            return super().grade(question, answer)

    grade_batch(load_bank(), Flaky, "imbalanced-data", _batch(3), BatchOptions(quiet=True))
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a0", "a1", "a2"]
    assert out[1]["error"] == "line 2: grading failed (RuntimeError: boom)"
    assert "grade" in out[0] and "grade" in out[2]
