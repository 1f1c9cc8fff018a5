"""The follow-up is aimed at the weakest criterion, as an interviewer would."""

from __future__ import annotations

from mockround.bank import load_bank
from mockround.bank.followups import choose_followup, weakest_criteria


def test_weakest_criterion_picks_the_lowest_score_then_the_heaviest_weight() -> None:
    question = load_bank().get("imbalanced-data")
    scores = dict.fromkeys(question.rubric.criterion_ids, 2)
    scores["diagnosis"] = 0
    scores["threshold"] = 0
    # Same score: threshold weighs 1.5, diagnosis 1.0, so threshold is weaker.
    assert weakest_criteria(question, scores)[:2] == ["threshold", "diagnosis"]


def test_followup_targets_the_weakest_criterion() -> None:
    question = load_bank().get("imbalanced-data")
    scores = dict.fromkeys(question.rubric.criterion_ids, 2)
    scores["leakage"] = 0
    chosen = choose_followup(question, scores)
    assert chosen is not None
    assert chosen.targets[0] == "leakage"


def test_followups_already_asked_are_skipped() -> None:
    question = load_bank().get("imbalanced-data")
    scores = dict.fromkeys(question.rubric.criterion_ids, 2)
    scores["leakage"] = 0
    first = choose_followup(question, scores)
    assert first is not None
    second = choose_followup(question, scores, asked={first.id})
    assert second is not None and second.id != first.id
    assert "leakage" in second.targets


def test_a_followup_has_no_followups_of_its_own() -> None:
    followup = load_bank().get("which-metric")
    assert choose_followup(followup, {}) is None
