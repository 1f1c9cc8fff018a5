"""A red flag's penalty is shown against what the rubric gave, so a 0 floor hides nothing."""

from __future__ import annotations

from collections.abc import Callable

from pilot_steps import answer_from_home
from textual.widgets import Static

from mockround.bank import load_bank
from mockround.grading.scoring import (
    breakdown_line,
    flag_penalties,
    flags_penalty,
    overall_score,
    rubric_points,
)
from mockround.tui.app import MockRoundApp

AppFactory = Callable[..., MockRoundApp]


def test_the_overall_is_the_rubric_points_less_the_flags_penalty_floored_at_zero() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    scores = {"context": 1, "metrics": 1}
    flags = ["accuracy_endorsed", "tool_list"]
    given = round(rubric_points(rubric, scores))
    taken = flags_penalty(rubric, flags)
    assert given > 0 and taken > given
    assert overall_score(rubric, scores, flags) == 0


def test_each_flag_is_named_with_its_own_penalty_once_and_unknown_ids_take_nothing() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    raised = ["tool_list", "accuracy_endorsed", "tool_list", "not_a_flag"]
    penalties = flag_penalties(rubric, raised)
    assert [(p.id, p.penalty) for p in penalties] == [("tool_list", 5), ("accuracy_endorsed", 20)]
    line = breakdown_line(rubric, {"context": 2}, raised)
    given = round(rubric_points(rubric, {"context": 2}))
    assert line == (
        f"rubric gave {given}, red flags took 25 "
        "(A tool list, not a decision −5, Relies on plain accuracy −20)"
    )


def test_no_line_when_no_flag_takes_anything() -> None:
    rubric = load_bank().get("imbalanced-data").rubric
    assert breakdown_line(rubric, {"context": 2}, []) == ""


async def test_feedback_shows_what_the_rubric_gave_and_what_each_red_flag_took(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        answer = "context first, then weighting and metrics; accuracy is fine"
        screen = await answer_from_home(app, pilot, answer)
        assert screen.grade is not None
        summary = str(screen.query_one("#fb-summary", Static).render())
        rubric = screen.question.rubric
        given = round(rubric_points(rubric, screen.grade.scores()))
        assert f"rubric gave {given}, red flags took 20 (Relies on plain accuracy −20)" in summary
