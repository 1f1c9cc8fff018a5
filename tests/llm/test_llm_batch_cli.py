"""`mockround grade --jsonl --resume` with an LLM, killed mid-batch and run again (issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from llm_fake_server import MODEL, FakeOpenAI, completion
from llm_helpers import zero_reply

COUNT = 12


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_a_killed_batch_resumes_where_it_stopped(fake_server: FakeOpenAI, tmp_path: Path) -> None:
    fake_server.script = [completion(zero_reply())]
    fake_server.latency = 0.3
    source = tmp_path / "cohort.jsonl"
    ids = [f"s{n}" for n in range(COUNT)]
    source.write_text(
        "".join(json.dumps({"id": i, "text": f"I'd use class weights ({i})."}) + "\n" for i in ids),
        encoding="utf-8",
    )
    out = tmp_path / "graded.jsonl"
    command = [sys.executable, "-m", "mockround", "grade", "--jsonl", str(source)]
    command += ["--resume", str(out), "--grader", "llm", "--base-url", fake_server.url]
    command += ["--model", MODEL, "--concurrency", "2"]
    env = {**os.environ, "MOCKROUND_HOME": str(tmp_path / "home")}

    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(_lines(out)) < 3:
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the batch wrote nothing in time"
        time.sleep(0.02)
    first.kill()
    first.communicate()
    before = [json.loads(line) for line in _lines(out)]  # every line whole
    assert 3 <= len(before) < COUNT
    assert [r["id"] for r in before] == ids[: len(before)]

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout == ""  # with --resume the results go to the file only
    after = [json.loads(line) for line in _lines(out)]
    assert [r["id"] for r in after] == ids
    assert after[: len(before)] == before
    assert all(r["grade"]["grader"] == f"llm:{MODEL}" for r in after)
    assert f"{COUNT - len(before)} result line(s) appended" in again.stderr
    # Only the answers in flight at the kill (at most 2) were asked for twice.
    assert COUNT <= len(fake_server.requests) <= COUNT + 2
