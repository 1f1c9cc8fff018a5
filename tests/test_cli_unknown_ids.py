"""Mistyped ids get a "did you mean", unknown ids are named as unknown, bad numbers one line."""

from __future__ import annotations

import pytest

from mockround.cli import main
from mockround.cli.unknown_id import did_you_mean


def _error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_close_misspellings_are_suggested() -> None:
    known = ["imbalanced-data", "change-threshold", "threshold-cost"]
    assert did_you_mean("imbalanced-dta", known) == " (did you mean 'imbalanced-data'?)"
    assert did_you_mean("zzz", known) == ""


def test_drill_with_a_misspelt_question_suggests_the_right_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(capsys, "drill", "--question", "imbalanced-dta")
    assert "did you mean 'imbalanced-data'?" in err


def test_grade_with_a_misspelt_question_suggests_the_right_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(capsys, "grade", "--question", "imbalanced-dta", "-")
    assert "did you mean 'imbalanced-data'?" in err


def test_demo_with_a_misspelt_id_suggests_the_right_demo(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(capsys, "demo", "thresold-cost")
    assert "did you mean 'threshold-cost'?" in err


def test_history_for_an_unknown_question_says_the_id_is_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _error(capsys, "history", "--question", "nope")
    assert "unknown question id 'nope'" in err
    assert "No attempts" not in err


def test_drill_with_zero_seconds_is_one_plain_line(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(capsys, "drill", "--seconds", "0")
    assert err == "mockround: error: --seconds must be from 10 to 3600 (got 0)\n"
