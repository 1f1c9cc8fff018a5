"""The next follow-up is decided without the UI, from the grade and the stored main attempt."""

from __future__ import annotations

from datetime import UTC, datetime

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Grade, band_for
from mockround.review.followup import next_followup
from mockround.store import Attempt, AttemptDetail, AttemptSummary, StoredGrade

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def _grade(question_id: str, scores: dict[str, int], suggestion: str | None = None) -> Grade:
    return Grade(
        question_id=question_id,
        grader="offline",
        overall=50,
        band=band_for(50),
        criteria=[CriterionScore(id=k, score=v) for k, v in scores.items()],
        words=10,
        speaking_seconds=4.0,
        suggested_followup=suggestion,
    )


def _detail(grade: Grade, asked: list[str]) -> AttemptDetail:
    attempt = Attempt(id="main", question_id="imbalanced-data", mode="drill", started_at=NOW)
    followups = [
        AttemptSummary(id=f"f{i}", question_id=q, mode="followup", started_at=NOW)
        for i, q in enumerate(asked)
    ]
    stored = StoredGrade(id=1, attempt_id="main", grader="offline", created_at=NOW, grade=grade)
    return AttemptDetail(attempt=attempt, grades=[stored], followups=followups)


def _full_marks(question_id: str) -> dict[str, int]:
    return dict.fromkeys(load_bank().get(question_id).rubric.criterion_ids, 2)


def test_a_main_answer_gets_the_followup_aimed_at_its_weakest_criterion_not_asked_yet() -> None:
    main = load_bank().get("imbalanced-data")
    scores = _full_marks(main.id) | {"metrics": 0}
    grade = _grade(main.id, scores)
    first = next_followup(main, grade, main, _detail(grade, []))
    assert first is not None and "metrics" in first.targets
    second = next_followup(main, grade, main, _detail(grade, [first.id]))
    assert second is not None and second.id != first.id


def test_a_followup_answer_is_followed_by_the_main_answers_next_gap() -> None:
    main = load_bank().get("imbalanced-data")
    root_grade = _grade(main.id, _full_marks(main.id) | {"threshold": 0})
    asked = next_followup(main, root_grade, main, _detail(root_grade, []))
    assert asked is not None
    own = _grade(asked.id, {})
    nxt = next_followup(asked, own, main, _detail(root_grade, [asked.id]))
    assert nxt is not None and nxt.id != asked.id


def test_the_graders_suggested_wording_replaces_the_prompt_of_a_main_answers_followup() -> None:
    main = load_bank().get("imbalanced-data")
    grade = _grade(main.id, _full_marks(main.id) | {"metrics": 0}, suggestion="Which number?")
    chosen = next_followup(main, grade, main, None)
    assert chosen is not None and chosen.prompt == "Which number?"
    plain = next_followup(main, _grade(main.id, grade.scores()), main, None)
    assert plain is not None and plain.id == chosen.id and plain.prompt != "Which number?"
