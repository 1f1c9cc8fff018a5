"""Comparison rows are built without the UI: labels not ids, the change per criterion."""

from __future__ import annotations

from mockround.bank import load_bank
from mockround.grading import CriterionScore, Grade, RedFlagHit, band_for
from mockround.review.compare import changed_criteria, changes_line, compare_rows


def _grade(scores: dict[str, int], flags: tuple[str, ...] = (), overall: int = 50) -> Grade:
    return Grade(
        question_id="imbalanced-data",
        grader="offline",
        overall=overall,
        band=band_for(overall),
        criteria=[CriterionScore(id=k, score=v) for k, v in scores.items()],
        red_flags=[RedFlagHit(id=f) for f in flags],
        words=10,
        speaking_seconds=4.0,
    )


def test_rows_carry_labels_and_flag_titles_never_raw_ids() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    left = _grade({"context": 0, "metrics": 1}, ("accuracy_endorsed",), 12)
    right = _grade({"context": 2, "metrics": 1}, (), 60)
    rows = compare_rows(left, right, [rubric], (8, 23))
    by_key = {r.key: r for r in rows}
    assert [r.key for r in rows] == ["overall", "words", "context", "metrics", "red_flags"]
    assert by_key["context"].label == "Cost first"
    assert by_key["red_flags"].left_flags == ("Relies on plain accuracy",)
    assert by_key["red_flags"].right_flags == ()
    assert by_key["overall"].change == 48
    assert by_key["context"].change == 2 and by_key["metrics"].change == 0


def test_only_moved_criteria_are_listed_as_changed_biggest_first() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    left = _grade({"context": 0, "metrics": 2, "threshold": 1})
    right = _grade({"context": 2, "metrics": 1, "threshold": 1})
    rows = compare_rows(left, right, [rubric], (1, 1))
    assert [r.key for r in changed_criteria(rows)] == ["context", "metrics"]
    assert changes_line(rows) == "Changed: Cost first +2, Metrics -1"


def test_an_ungraded_side_gives_no_change_and_an_unknown_id_keeps_its_id() -> None:
    right = _grade({"made_up": 1})
    rows = compare_rows(None, right, [], (0, 5))
    row = next(r for r in rows if r.key == "made_up")
    assert row.label == "made_up" and row.left is None and row.change is None
    assert changes_line([r for r in rows if r.key != "made_up"]) == "No criterion changed."
