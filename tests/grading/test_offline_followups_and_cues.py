"""Follow-up grading, cue coverage and grader selection."""

from __future__ import annotations

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


def test_make_grader_offline_and_auto_without_llm_give_the_offline_grader() -> None:
    settings, _ = load_settings(environ={})
    assert isinstance(make_grader(settings, "offline"), OfflineGrader)
    assert isinstance(make_grader(settings, "auto"), OfflineGrader)
    assert isinstance(make_grader(settings), OfflineGrader)
