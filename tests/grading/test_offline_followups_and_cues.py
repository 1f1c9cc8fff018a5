"""Follow-up grading, cue coverage and grader selection."""

from __future__ import annotations

import pytest

from mockround.bank import load_bank
from mockround.config import load_settings
from mockround.grading.offline import OfflineGrader
from mockround.grading.offline.cues import load_cues
from mockround.grading.select import make_grader


def test_every_criterion_of_the_main_question_and_its_followups_has_cues() -> None:
    question = load_bank().get("imbalanced-data")
    for item in (question, *question.followups):
        cues = load_cues(item.rubric.id)
        missing = [cid for cid in item.rubric.criterion_ids if cid not in cues.criteria]
        assert missing == [], f"{item.rubric.id} has no cues for {missing}"


def test_followup_model_answers_score_well_against_their_own_rubrics() -> None:
    question = load_bank().get("imbalanced-data")
    for followup in question.followups:
        grade = OfflineGrader().grade(followup, followup.model_answer)
        assert grade.question_id == followup.id
        assert [c.id for c in grade.criteria] == list(followup.rubric.criterion_ids)
        assert grade.overall >= 60, (followup.id, grade.scores())


def test_followup_answer_off_its_point_scores_low() -> None:
    followup = load_bank().get("which-metric")
    grade = OfflineGrader().grade(followup, "I would collect more data and train a bigger model.")
    assert grade.overall <= 20


def test_rubric_without_a_cue_file_warns_instead_of_scoring_silently() -> None:
    bank = load_bank()
    uncovered = [
        q
        for q in bank.all_items()
        if not set(q.rubric.criterion_ids) <= set(load_cues(q.rubric.id).criteria)
    ]
    if not uncovered:
        pytest.skip("every rubric in the bank has cues")
    grade = OfflineGrader().grade(uncovered[0], "Some answer about data and models.")
    assert any(w.startswith("no_cues:") for w in grade.warnings)


def test_make_grader_offline_and_auto_without_llm_give_the_offline_grader() -> None:
    settings, _ = load_settings(environ={})
    assert isinstance(make_grader(settings, "offline"), OfflineGrader)
    assert isinstance(make_grader(settings, "auto"), OfflineGrader)
    assert isinstance(make_grader(settings), OfflineGrader)
