"""The `Grade` contract: shape, bounds, evidence consistency, band from overall."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Evidence, Grade, RedFlagHit, band_for
from mockround.grading.scoring import count_words, overall_score, speaking_seconds

ANSWER = "First I ask which error costs more, then I tune the threshold."


def _grade(**changes: object) -> Grade:
    data: dict[str, object] = {
        "question_id": "imbalanced-data",
        "grader": "offline",
        "overall": 55,
        "band": "developing",
        "criteria": [
            CriterionScore(
                id="context", score=2, evidence=[Evidence.of(ANSWER, 12, 34)], feedback="ok"
            )
        ],
        "red_flags": [RedFlagHit(id="tool_list", evidence=[])],
        "words": 12,
        "speaking_seconds": 4.8,
    }
    data.update(changes)
    return Grade.model_validate(data)


def test_a_grade_round_trips_through_json() -> None:
    grade = _grade()
    again = Grade.model_validate_json(grade.model_dump_json())
    assert again == grade
    assert again.criterion("context").evidence[0].text == "which error costs more"


def test_evidence_must_be_consistent_with_its_offsets() -> None:
    assert Evidence.of(ANSWER, 12, 34).matches(ANSWER)
    with pytest.raises(ValidationError):
        Evidence(text="which", start=0, end=3)
    assert not Evidence(text="which", start=0, end=5).matches(ANSWER)


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (100, "strong"),
        (80, "strong"),
        (79, "solid"),
        (60, "solid"),
        (59, "developing"),
        (40, "developing"),
        (39, "weak"),
        (0, "weak"),
    ],
)
def test_band_follows_from_overall(overall: int, band: str) -> None:
    assert band_for(overall) == band


def test_a_band_that_contradicts_overall_is_rejected() -> None:
    with pytest.raises(ValidationError, match="does not match overall"):
        _grade(overall=90, band="weak")


@pytest.mark.parametrize("field_value", [{"overall": 101}, {"overall": -1}])
def test_overall_stays_within_0_and_100(field_value: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _grade(**field_value)


def test_criterion_scores_stay_within_0_and_2() -> None:
    with pytest.raises(ValidationError):
        CriterionScore(id="context", score=3)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        _grade(score=3)


def test_words_and_speaking_time_at_150_words_a_minute() -> None:
    assert count_words("Don't resample before the split; it's a well-known leak.") == 9
    assert speaking_seconds(150) == 60.0
    assert speaking_seconds(225) == 90.0


def test_overall_is_the_weighted_share_less_red_flag_penalties() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    full = dict.fromkeys(rubric.criterion_ids, 2)
    assert overall_score(rubric, full) == 100
    assert overall_score(rubric, {}) == 0
    # context weighs 2 of a total 10.5
    assert overall_score(rubric, {"context": 2}) == round(100 * 2 / rubric.total_weight)
    assert overall_score(rubric, full, ["accuracy_endorsed"]) == 80
    assert overall_score(rubric, {}, ["accuracy_endorsed"]) == 0
