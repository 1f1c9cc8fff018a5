"""`mockround grade --jsonl` batch flags without an LLM: --resume, the progress bar, bad flags
(issue 16)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from mockround.cli import main
from mockround.cli.batch_progress import Progress

TEXT = "I'd weigh a missed fraud against a false alarm, then use class weights."


def _source(tmp_path: Path, ids: list[str], name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    lines = [json.dumps({"id": i, "text": f"{TEXT} ({i})"}) for i in ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _results(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class FakeTTY(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_resume_skips_the_ids_already_graded_and_appends_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a", "b", "c"])
    out = tmp_path / "out.jsonl"
    done = {"id": "b", "line": 2, "error": "graded by an earlier run"}
    out.write_text(json.dumps(done) + "\n", encoding="utf-8")
    args = ["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(out)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert [r["id"] for r in _results(out)] == ["b", "a", "c"]
    assert _results(out)[0] == done
    assert "2 result line(s) appended" in captured.err

    assert main(args) == 0  # everything done: nothing graded, nothing added
    assert [r["id"] for r in _results(out)] == ["b", "a", "c"]


def test_resume_creates_the_file_and_keys_lines_without_an_id_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text(f'{{"text": "{TEXT}"}}\n{{bad\n', encoding="utf-8")
    out = tmp_path / "new" / "out.jsonl"
    out.parent.mkdir()
    args = ["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(out)]
    assert main(args) == 0
    first = _results(out)
    assert [(r["id"], r["line"]) for r in first] == [(None, 1), (None, 2)]
    assert "grade" in first[0] and "error" in first[1]
    assert main(args) == 0
    assert _results(out) == first
    capsys.readouterr()


def test_a_cut_off_last_line_is_removed_and_graded_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a", "b", "c"])
    out = tmp_path / "out.jsonl"
    whole = json.dumps({"id": "a", "line": 1, "error": "kept"})
    out.write_text(whole + '\n{"id": "b", "line": 2, "gra', encoding="utf-8")
    code = main(["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(out)])
    assert code == 0
    assert "removed an incomplete last line" in capsys.readouterr().err
    results = _results(out)
    assert [r["id"] for r in results] == ["a", "b", "c"]
    assert results[0]["error"] == "kept" and "grade" in results[1]


def test_a_whole_last_line_without_its_newline_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a", "b"])
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "a", "line": 1, "error": "kept"}), encoding="utf-8")
    code = main(["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(out)])
    assert code == 0
    assert "removed" not in capsys.readouterr().err
    assert [r["id"] for r in _results(out)] == ["a", "b"]


def test_resume_refuses_a_file_that_is_not_batch_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a"])
    other = _source(tmp_path, ["z"], name="another-input.jsonl")
    before = other.read_bytes()
    code = main(["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(other)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "line 1 is not a result line" in err
    assert other.read_bytes() == before

    code = main(["grade", "--jsonl", "--grader", "offline", str(source), "--resume", str(source)])
    assert code == 2
    assert "--resume names the input file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--concurrency", "0"], "--concurrency must be between 1 and 64"),
        (["--concurrency", "65"], "--concurrency must be between 1 and 64"),
    ],
)
def test_bad_batch_flags_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    source = _source(tmp_path, ["a"])
    assert main(["grade", "--jsonl", "--grader", "offline", str(source), *flags]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_batch_flags_need_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(TEXT, encoding="utf-8")
    code = main(["grade", str(answer), "--unordered", "--resume", str(tmp_path / "o.jsonl")])
    assert code == 2
    assert "--unordered, --resume grade a batch: add --jsonl" in capsys.readouterr().err


def test_offline_grading_notes_that_concurrency_does_not_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a", "b"])
    assert main(["grade", "--jsonl", "--grader", "offline", "--concurrency", "8", str(source)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "b"]
    assert "--concurrency applies to LLM grading" in captured.err
    args = ["grade", "--jsonl", "--grader", "offline", "--concurrency", "8", "--quiet"]
    assert main([*args, str(source)]) == 0
    assert capsys.readouterr().err == ""


def test_no_progress_bar_in_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "--jsonl", "--grader", "offline", str(_source(tmp_path, ["a"]))]) == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_on_a_terminal_and_silence_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, ["a", "b"])
    tty = FakeTTY()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["grade", "--jsonl", "--grader", "offline", str(source)]) == 0
    drawn = tty.getvalue()
    assert drawn.startswith("\r") and drawn.endswith("\n")
    assert drawn.splitlines()[-1].split("\r")[-1].startswith("grading [" + "#" * 24 + "] 2/2")

    quiet = FakeTTY()
    monkeypatch.setattr("sys.stderr", quiet)
    assert main(["grade", "--jsonl", "--grader", "offline", "--quiet", str(source)]) == 0
    assert quiet.getvalue() == ""
    capsys.readouterr()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_shows_done_total_rate_and_time_left() -> None:
    clock = Clock()
    tty = FakeTTY()
    bar = Progress.on_stderr(tty, 10, quiet=False, clock=clock)
    bar.skipped(2)  # an earlier run's: not counted in the rate
    for _ in range(3):
        clock.now += 0.5
        bar.advance()
    assert bar.text() == "grading [############------------] 5/10  2.0/s  ETA 2s"
    clock.now = 100.0
    assert bar.text().endswith("5/10  0.0/s  ETA 2m47s")
    bar.finish()
    assert tty.getvalue().count("\x1b[K") >= 2 and tty.getvalue().endswith("\n")


def test_progress_without_a_total_and_off_a_terminal() -> None:
    clock = Clock()
    bar = Progress(FakeTTY(), None, clock)
    assert bar.text() == "grading: 0 done  -/s"
    piped = io.StringIO()
    silent = Progress.on_stderr(piped, 10, quiet=False, clock=clock)
    silent.advance()
    silent.finish()
    assert piped.getvalue() == "" and silent.done == 1


def test_a_failed_write_stops_the_batch_with_a_line_that_says_how_to_continue(
    tmp_path: Path,
) -> None:
    from mockround.cli.batch_output import LineWriter
    from mockround.errors import UserError

    target = tmp_path / "out.jsonl"
    target.write_text("", encoding="utf-8")
    fd = os.open(target, os.O_RDONLY)  # writing to it fails like a full disk would
    try:
        writer = LineWriter(fd, name=str(target))
        with pytest.raises(UserError, match=r"after 0 result line.*continue with --resume"):
            writer.write({"id": "a", "line": 1, "error": "x"})
    finally:
        os.close(fd)
