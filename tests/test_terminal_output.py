"""Text from answers, imports and question ids reaches the terminal without acting on it
(issue 12 case 3): escape sequences and bidi controls are shown, not obeyed; `--json` is as is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockround import locations
from mockround.cli import main
from mockround.grading.contract import CriterionScore, Evidence, Grade, band_for
from mockround.store import Store
from mockround.terminal import clean, one_line

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;owned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
RLO = "\u202e"
CSI_C1 = "\x9b31m"
HOSTILE = CLEAR + TITLE + CLIPBOARD + RLO + CSI_C1
ANSWER = (
    f"I would weigh the cost of a missed fraud case {HOSTILE} against a false alarm, then use "
    "class weights because they make minority errors cost more, and judge with PR AUC."
)
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def _assert_inert(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw {char!r} reached the terminal"


def test_clean_shows_every_control_and_bidi_character_as_a_visible_escape() -> None:
    assert clean("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert clean("x\u202ey\u2066z") == "x\\u202ey\\u2066z"
    assert clean("bell\x07 del\x7f c1\x9b") == "bell\\x07 del\\x7f c1\\x9b"
    assert clean("two\nlines\tand tab") == "two\nlines\tand tab"
    assert one_line("two\nlines\r") == "two lines\\x0d"
    # Joiners inside emoji and accents are text, not controls.
    assert clean("👩\u200d💻 café") == "👩\u200d💻 café"


def test_grade_prints_hostile_evidence_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    assert main(["grade", "--grader", "offline", str(path)]) == 0
    out = capsys.readouterr().out
    _assert_inert(out)
    assert "\\x1b[2J" in out


def test_grade_json_keeps_the_exact_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    assert main(["grade", "--json", "--grader", "offline", str(path)]) == 0
    grade = json.loads(capsys.readouterr().out)
    quoted = [e["text"] for c in grade["criteria"] for e in c["evidence"]]
    assert any(HOSTILE in text for text in quoted)


def test_unknown_question_ids_are_echoed_inert_in_error_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["grade", "--question", f"x{CLEAR}{RLO}", "-"]) == 2
    _assert_inert(capsys.readouterr().err)


@pytest.fixture
def hostile_history() -> str:
    """An attempt whose question id, answer, grade and warnings all carry control codes."""
    with Store.open(locations.default_db_path()) as store:
        attempt = store.start_attempt(f"imbalanced{CLEAR}", mode="untimed", time_limit=None)
        store.submit(attempt, ANSWER)
        start = ANSWER.index(HOSTILE)
        grade = Grade(
            question_id=f"imbalanced{CLEAR}",
            grader=f"llm:{TITLE}",
            overall=40,
            band=band_for(40),
            criteria=[
                CriterionScore(
                    id=f"context{RLO}",
                    score=1,
                    evidence=[Evidence.of(ANSWER, start - 5, start + len(HOSTILE))],
                    feedback=f"server says {CLIPBOARD}",
                )
            ],
            words=30,
            speaking_seconds=12.0,
            warnings=[f"llm_unavailable: {CLEAR}"],
            suggested_followup=f"Why? {RLO}",
        )
        store.add_grade(attempt, grade)
    return attempt


@pytest.mark.parametrize("command", ["show", "history", "stats"])
def test_history_commands_print_stored_text_inert(
    command: str, hostile_history: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["show", hostile_history] if command == "show" else [command]
    assert main(argv) == 0
    captured = capsys.readouterr()
    _assert_inert(captured.out + captured.err)
    assert "imbalanced\\x1b[2J" in captured.out


def test_show_json_is_unchanged_by_the_output_layer(
    hostile_history: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", hostile_history, "--json"]) == 0
    detail = json.loads(capsys.readouterr().out)
    assert detail["attempt"]["text"] == ANSWER
    assert detail["grades"][0]["grade"]["warnings"] == [f"llm_unavailable: {CLEAR}"]
