"""The model answer's missed parts, found with the real offline grader."""

from __future__ import annotations

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Evidence, Grade, band_for
from mockround.grading.offline import OfflineGrader
from mockround.review.model_answer import missed_criteria, missed_parts, uncovered


def _grade(scores: dict[str, int], evidence: dict[str, list[Evidence]] | None = None) -> Grade:
    return Grade(
        question_id="imbalanced-data",
        grader="offline",
        overall=40,
        band=band_for(40),
        criteria=[
            CriterionScore(id=k, score=v, evidence=(evidence or {}).get(k, []))
            for k, v in scores.items()
        ],
        words=5,
        speaking_seconds=2.0,
    )


def test_offline_grader_finds_model_answer_parts_only_for_what_a_weak_answer_missed() -> None:
    question = load_bank().get("imbalanced-data")
    grader = OfflineGrader()
    user = grader.grade(question, "I would use SMOTE on the data and check the accuracy.")
    model = grader.grade(question, question.model_answer)
    parts = missed_parts(question.rubric, user, question.model_answer, model)
    missed = set(missed_criteria(user))
    assert parts
    for part in parts:
        assert part.criterion_id in missed
        assert model.criterion(part.criterion_id).score > user.criterion(part.criterion_id).score
        assert question.model_answer[part.evidence.start : part.evidence.end] == part.evidence.text
    assert [p.evidence.start for p in parts] == sorted(p.evidence.start for p in parts)


def test_a_criterion_the_model_does_not_beat_and_a_span_off_the_text_are_left_out() -> None:
    question = load_bank().get("imbalanced-data")
    text = question.model_answer
    at = text.index("class weights")
    good = Evidence.of(text, at, at + len("class weights"))
    wrong = Evidence(text="not in the answer", start=0, end=17)
    user = _grade({"weighting": 0, "threshold": 1, "context": 2})
    model = _grade(
        {"weighting": 2, "threshold": 1, "context": 2},
        {"weighting": [good, wrong], "threshold": [good], "context": [good]},
    )
    parts = missed_parts(question.rubric, user, text, model)
    assert [(p.criterion_id, p.label, p.evidence) for p in parts] == [
        ("weighting", "Weighting", good)
    ]
    assert uncovered(user, parts) == ["threshold"]
