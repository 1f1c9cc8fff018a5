"""`mockround check` and the bank loader: the shipped bank passes, each breakage is named."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mockround import locations
from mockround.bank import BankError, check_bank, load_bank
from mockround.cli import main

MAIN_CRITERIA = (
    "context",
    "diagnosis",
    "weighting",
    "resampling",
    "leakage",
    "threshold",
    "metrics",
    "validation",
)


@pytest.fixture
def bank_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the shipped bank and rubrics (with their cue files: check reads them)."""
    bank = tmp_path / "question_bank"
    rubrics = tmp_path / "rubrics"
    shutil.copytree(locations.question_bank_dir(), bank)
    shutil.copytree(locations.rubrics_dir(), rubrics)
    return bank, rubrics


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_bank_has_no_problems() -> None:
    assert check_bank() == []


def test_main_question_has_the_contract_criteria_and_red_flags() -> None:
    question = load_bank().get("imbalanced-data")
    assert question.prompt == "How do you handle imbalanced data?"
    assert question.rubric.criterion_ids == MAIN_CRITERIA
    assert [f.id for f in question.rubric.red_flags] == [
        "accuracy_endorsed",
        "resample_before_split",
        "tool_list",
    ]
    assert question.deep_answer


def test_main_question_has_the_six_required_followups_and_each_has_its_own_rubric() -> None:
    question = load_bank().get("imbalanced-data")
    ids = {f.id for f in question.followups}
    assert {
        "which-metric",
        "smote-vs-weights",
        "avoid-leakage",
        "change-threshold",
        "why-not-smote",
        "explain-tradeoff",
    } <= ids
    for followup in question.followups:
        assert followup.parent_id == "imbalanced-data"
        assert followup.model_answer
        assert followup.rubric.id == followup.id
        assert set(followup.rubric.criterion_ids).isdisjoint(MAIN_CRITERIA)


def test_every_main_criterion_is_targeted_by_some_followup() -> None:
    question = load_bank().get("imbalanced-data")
    targeted = {t for f in question.followups for t in f.targets}
    assert targeted == set(MAIN_CRITERIA)


def test_related_questions_exist_with_model_answers() -> None:
    bank = load_bank()
    for question_id in ("data-leakage", "messy-data", "model-evaluation"):
        question = bank.get(question_id)
        assert question.model_answer and question.deep_answer
    assert bank.questions[0].id == "imbalanced-data"


def test_90_second_model_answers_can_be_said_in_about_90_seconds() -> None:
    from mockround.grading.scoring import count_words

    for question in load_bank().questions:
        assert count_words(question.model_answer) <= 225, question.id


def _blank_model_answer(path: Path, followup_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = rf'(id = "{followup_id}".*?model_answer = )""".*?"""'
    path.write_text(re.sub(pattern, r'\1"   "', text, count=1, flags=re.S), encoding="utf-8")


Breakage = Callable[[Path, Path], None]

BREAKAGES: dict[str, tuple[Breakage, str]] = {
    "invalid toml": (
        lambda b, r: (r / "imbalanced-data.toml").write_text("id = [unclosed", encoding="utf-8"),
        "imbalanced-data.toml: file: toml: not valid TOML",
    ),
    "unknown criterion in a follow-up": (
        lambda b, r: _edit(
            b / "imbalanced-data.toml", 'targets = ["metrics", "context"]', 'targets = ["metric"]'
        ),
        "followup 'which-metric': targets: unknown criterion 'metric'",
    ),
    "duplicate criterion id": (
        lambda b, r: _edit(r / "imbalanced-data.toml", 'id = "diagnosis"', 'id = "context"'),
        "criterion 'context': id: duplicate criterion id",
    ),
    "duplicate follow-up id": (
        lambda b, r: _edit(
            b / "imbalanced-data.toml", 'id = "why-not-smote"', 'id = "which-metric"'
        ),
        "followup 'which-metric': id: duplicate id",
    ),
    "missing model answer": (
        lambda b, r: _edit(
            b / "imbalanced-data.toml", "[model_answers]\nshort = ", "[model_answers]\nold_short = "
        ),
        "'imbalanced-data': model_answers.short: Field required",
    ),
    "blank model answer": (
        lambda b, r: _blank_model_answer(b / "imbalanced-data.toml", "why-not-smote"),
        "followup 'why-not-smote': model_answer: String should have at least 1 character",
    ),
    "weight not positive": (
        lambda b, r: _edit(r / "imbalanced-data.toml", "weight = 2.0", "weight = 0"),
        "criterion 'context': weight: Value error, weight must be positive",
    ),
    "unknown field": (
        lambda b, r: _edit(
            r / "imbalanced-data.toml", 'label = "Cost first"', 'label = "Cost first"\nlabal = "x"'
        ),
        "criterion 'context': labal: Extra inputs are not permitted",
    ),
    "question names a missing rubric": (
        lambda b, r: _edit(
            b / "imbalanced-data.toml", 'rubric = "imbalanced-data"', 'rubric = "nope"'
        ),
        "'imbalanced-data': rubric: no rubric 'nope' in rubrics/",
    ),
    "id differs from file name": (
        lambda b, r: _edit(
            r / "imbalanced-data.toml", 'id = "imbalanced-data"', 'id = "imbalanced"'
        ),
        "'imbalanced': id: must match the file name 'imbalanced-data'",
    ),
    "label too long": (
        lambda b, r: _edit(
            r / "imbalanced-data.toml", 'label = "Cost first"', 'label = "' + "x" * 40 + '"'
        ),
        "criterion 'context': label: String should have at most 24 characters",
    ),
    "negative red-flag penalty": (
        lambda b, r: _edit(r / "imbalanced-data.toml", "penalty = 20", "penalty = -5"),
        "red flag 'accuracy_endorsed': penalty:",
    ),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_check_names_file_entry_and_field_for_each_breakage(
    kind: str, bank_copy: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bank, rubrics = bank_copy
    breakage, expected = BREAKAGES[kind]
    breakage(bank, rubrics)

    code = main(["check", "--bank", str(bank), "--rubrics", str(rubrics)])

    out = capsys.readouterr().out
    assert code == 1
    assert expected in out
    problem_lines = [line for line in out.splitlines() if not line.endswith("problem(s) found")]
    assert all(line.count(": ") >= 3 for line in problem_lines), out


def test_check_reports_a_demo_link_that_does_not_exist(bank_copy: tuple[Path, Path]) -> None:
    bank, rubrics = bank_copy
    _edit(
        rubrics / "imbalanced-data.toml", 'demos = ["threshold-cost"]', 'demos = ["no-such-demo"]'
    )
    problems = check_bank(bank, rubrics, demo_ids={"threshold-cost", "accuracy-paradox"})
    assert any("unknown demo 'no-such-demo'" in str(p) for p in problems)


def test_check_passes_on_the_shipped_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_load_bank_raises_with_the_first_problem(bank_copy: tuple[Path, Path]) -> None:
    bank, rubrics = bank_copy
    _edit(rubrics / "imbalanced-data.toml", "weight = 2.0", "weight = -1")
    with pytest.raises(BankError, match="weight must be positive"):
        load_bank(bank, rubrics)


def test_check_on_a_missing_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--bank", str(tmp_path / "nope")]) == 1
    assert "not a directory" in capsys.readouterr().out
