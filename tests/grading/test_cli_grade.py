"""`mockround grade`: output formats, batches, and every exit code."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mockround.cli import main

ANSWER = (
    "A missed fraud costs far more than a false alarm. I'd use class weights because they keep "
    "the data intact, and tune the decision threshold to reach the recall target."
)


def write(tmp_path: Path, text: str, name: str = "answer.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_grade_prints_a_criteria_table_with_quoted_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["grade", str(write(tmp_path, ANSWER))]) == 0
    out = capsys.readouterr().out
    assert "Cost first" in out and "2/2" in out
    assert '"A missed fraud costs far more than a false alarm."' in out
    assert "feedback:" in out


def test_grade_json_prints_the_grade_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["grade", "--json", "--grader", "offline", str(write(tmp_path, ANSWER))]) == 0
    grade = json.loads(capsys.readouterr().out)
    assert grade["grader"] == "offline" and grade["question_id"] == "imbalanced-data"
    scores = {c["id"]: c["score"] for c in grade["criteria"]}
    assert scores["context"] == 2 and scores["threshold"] == 2
    for criterion in grade["criteria"]:
        for span in criterion["evidence"]:
            assert ANSWER[span["start"] : span["end"]] == span["text"]


def test_grade_reads_stdin_with_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ANSWER.encode())))
    assert main(["grade", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"] > 0


def test_grade_question_flag_grades_a_followup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "I'd optimise recall under a precision floor, and compare models with PR AUC."
    assert main(["grade", "--json", "--question", "which-metric", str(write(tmp_path, text))]) == 0
    grade = json.loads(capsys.readouterr().out)
    assert grade["question_id"] == "which-metric"
    assert {c["id"] for c in grade["criteria"]} >= {"operating_metric", "pr_auc"}


def test_jsonl_batch_writes_one_line_per_input_and_survives_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": ANSWER}),
        "{not json",
        json.dumps({"id": "c", "text": 5}),
        json.dumps({"id": "d", "text": "Use SMOTE.", "question": "no-such-question"}),
        json.dumps({"id": "e", "text": "x" * 20_001}),
        json.dumps({"id": "f", "text": "I'd use class weights.", "question": "smote-vs-weights"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "g", "text": "\xff"}\n')
    assert main(["grade", "--jsonl", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d", "e", "f", None]
    assert "grade" in out[0] and out[0]["grade"]["overall"] > 0
    assert all("error" in out[i] for i in (1, 2, 3, 4, 6))
    assert out[5]["grade"]["question_id"] == "smote-vs-weights"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["grade", "--question", "nope"], "unknown question id"),
        (["grade", "/no/such/file.txt"], "cannot read"),
    ],
)
def test_bad_usage_exits_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_invalid_utf8_answer_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"class weights \xff\xfe")
    assert main(["grade", str(path)]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


def test_answer_over_the_limit_is_refused_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["grade", str(write(tmp_path, "word " * 5000))]) == 2
    assert "limit is 20,000" in capsys.readouterr().err


def test_unknown_grader_choice_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["grade", "--grader", "magic", "-"])
    assert exc.value.code == 2


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mockround", *args], input=stdin, capture_output=True, check=False
    )


def test_real_entry_point_grades_stdin_as_json_and_exits_0() -> None:
    result = run_cli("grade", "--json", "-", stdin=ANSWER.encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["grader"] == "offline"


def test_real_entry_point_bad_input_exits_2_without_traceback() -> None:
    result = run_cli("grade", "-", stdin=b"\xff\xfe not utf-8")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"not valid UTF-8" in result.stderr


def test_human_output_quotes_the_whole_evidence_even_at_the_end_of_a_long_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = (
        "After looking at the data and talking to the team for quite a while about what we "
        "actually need, I would give the rare class a heavier weight in the loss function."
    )
    path = tmp_path / "answer.txt"
    path.write_text(answer, encoding="utf-8")
    assert main(["grade", str(path)]) == 0
    out = capsys.readouterr().out
    flat = " ".join(line.split("  ")[-1].strip() for line in out.splitlines())
    assert "heavier weight in the loss function." in flat
    assert "…" not in out


def test_grade_marks_the_criteria_it_is_unsure_of() -> None:
    answer = (
        b"I would tell the model that getting a sick patient wrong counts much more, and look "
        b"at how many positives we have first. Then SMOTE inside the folds."
    )
    as_json = json.loads(
        run_cli("grade", "--grader", "offline", "--json", "-", stdin=answer).stdout
    )
    unsure = [
        c["id"]
        for c in as_json["criteria"]
        if c["confidence"] is not None and c["confidence"] < 0.7
    ]
    assert unsure
    shown = run_cli("grade", "--grader", "offline", "-", stdin=answer).stdout.decode()
    assert "? unsure: check these yourself:" in shown
    marked = [
        line.split()[0] for line in shown.splitlines() if " ? " in f"{line} " and "/2 ?" in line
    ]
    assert len(marked) == len(unsure)


def test_explain_says_what_fired_what_was_set_aside_and_why_each_level() -> None:
    answer = (
        b"Missing a sick patient costs far more than a false alarm. I would never bother with "
        b"SMOTE. Then I'd tune the threshold on a validation set."
    )
    result = run_cli("grade", "--grader", "offline", "--explain", "-", stdin=answer)
    assert result.returncode == 0
    shown = result.stdout.decode()
    # The cost framing: the cue that fired, where it lives, the reason behind the 2.
    assert "Cost first (context): 2/2" in shown
    assert "imbalanced-data.toml: criterion 'context'" in shown
    assert 'reason: "Missing a sick patient costs far more than a false alarm"' in shown
    # The denied remedy: matched, set aside, and the level says so.
    assert '"SMOTE" · denied or dismissed nearby' in shown
    assert "Resampling (resampling): 0/2" in shown
    # The semantic layer's reading is shown for every criterion.
    assert shown.count("  model: p ") == 8
    assert shown.count("  why: ") == 8


def test_explain_refuses_json_output_in_one_line() -> None:
    result = run_cli("grade", "--explain", "--json", "-", stdin=b"class weights")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert "--explain" in result.stderr.decode()
