"""`mockround grade` on hostile input: bounded reads, isolated batch lines, valid JSON out
(issue 12 cases 8, 10 and 11).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mockround.cli import grade_batch as batch_module
from mockround.cli import main

ANSWER = "I'd weigh a missed fraud against a false alarm, then use class weights."


def _strict(line: str) -> dict[str, object]:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    value = json.loads(line, parse_constant=refuse)
    assert isinstance(value, dict)
    return value


def _batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> list[dict[str, object]]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(raw)
    assert main(["grade", "--jsonl", "--grader", "offline", str(path)]) == 0
    return [_strict(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"id": ' + b"7" * 4300 + b', "text": "x"}', "too large a number"),
        (b'{"id": ' + b"7" * 4301 + b', "text": "x"}', "digits"),
        (b'{"id": "deep", "text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "nested too deeply"),
        (b'{"id": "s\\ud800", "text": "class weights"}', "lone surrogate"),
        (b'{"id": "t", "text": "class weights \\udfff"}', "lone surrogate"),
        (b'{"id": NaN, "text": "class weights"}', "NaN is not a JSON number"),
        (b'{"id": Infinity, "text": "class weights"}', "Infinity is not a JSON number"),
        (b'{"id": 1e999, "text": "class weights"}', "out of range"),
    ],
    ids=[
        "4300-digits",
        "4301-digits",
        "deep",
        "surrogate-id",
        "surrogate-text",
        "nan",
        "inf",
        "1e999",
    ],
)
def test_one_bad_batch_line_becomes_an_error_line_and_the_batch_goes_on(
    line: bytes, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "ok", "text": ANSWER}).encode()
    out = _batch(tmp_path, capsys, good + b"\n" + line + b"\n" + good + b"\n")
    assert [o.get("id") for o in out] == ["ok", None, "ok"]
    assert "grade" in out[0] and "grade" in out[2]
    assert str(out[1]["error"]).startswith("line 2: ") and reason in str(out[1]["error"])


def test_a_null_question_means_the_default_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _batch(tmp_path, capsys, json.dumps({"id": 1, "text": ANSWER, "question": None}).encode())
    grade = out[0]["grade"]
    assert isinstance(grade, dict) and grade["question_id"] == "imbalanced-data"


def test_an_over_long_batch_line_is_skipped_and_the_next_one_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = b'{"id": "huge", "text": "' + b"a" * (batch_module.MAX_LINE_BYTES + 10) + b'"}'
    out = _batch(tmp_path, capsys, huge + b"\n" + json.dumps({"id": "n", "text": ANSWER}).encode())
    assert out[0] == {
        "id": None,
        "line": 1,
        "error": f"line 1: over {batch_module.MAX_LINE_BYTES:,} bytes; skipped",
    }
    assert out[1]["id"] == "n" and "grade" in out[1]


def test_an_endless_batch_is_refused_after_a_bounded_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(batch_module, "MAX_BATCH_BYTES", 8 * 1024 * 1024)
    assert main(["grade", "--jsonl", "--grader", "offline", "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert "the rest was not read" in err and err.count("\n") == 1


def test_grading_dev_zero_stops_at_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    assert main(["grade", "--grader", "offline", "/dev/zero"]) == 2
    assert time.perf_counter() - started < 5
    assert "the limit is 20,000 characters" in capsys.readouterr().err


def _entry(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mockround", *args],
        capture_output=True,
        check=False,
        timeout=60,
        **kwargs,  # type: ignore[arg-type]
    )


def test_an_endless_pipe_into_grade_is_refused_not_buffered() -> None:
    writer = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = _entry("grade", "--grader", "offline", "-", stdin=writer.stdout)
    finally:
        writer.kill()
        writer.wait()
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"the limit is 20,000" in result.stderr


def test_grade_with_standard_input_closed_is_a_one_line_error() -> None:
    result = _entry("grade", "--grader", "offline", "-", preexec_fn=lambda: os.close(0))
    assert result.returncode == 2
    assert result.stderr.decode().startswith("mockround: error: standard input is closed")
