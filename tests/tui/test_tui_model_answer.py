"""Your answer beside the model answer: what is lit up is the model's evidence for your misses."""

from __future__ import annotations

from collections.abc import Callable

from pilot_steps import answer_from_home, settle
from textual.pilot import Pilot
from textual.widgets import Static

from mockround.review.model_answer import missed_criteria
from mockround.tui.app import MockRoundApp
from mockround.tui.screens.model_answer import ModelAnswerScreen
from mockround.tui.widgets.evidence import SELECTED_STYLE

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
# The keyword grader scores a criterion 2 when its id is written: this answer misses
# diagnosis, threshold, metrics and validation; the model answer names threshold and validation.
ANSWER = "context first, then weighting; resampling inside the folds to avoid leakage."


async def _beside(app: MockRoundApp, pilot: Pilot[None]) -> ModelAnswerScreen:
    await answer_from_home(app, pilot, ANSWER)
    await pilot.press("a")
    await settle(app, pilot)
    assert isinstance(app.screen, ModelAnswerScreen)
    return app.screen


async def test_highlighted_parts_of_the_model_answer_are_evidence_for_missed_criteria(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _beside(app, pilot)
        assert screen.grade is not None
        missed = set(missed_criteria(screen.grade))
        model_grade = app.services.model_answer_grade(screen.question)
        lit = [(s.start, s.end) for s in screen.shown_model.spans if s.style == SELECTED_STYLE]
        assert lit, "the model answer names threshold and validation: something is lit"
        assert {p.criterion_id for p in screen.parts} == {"threshold", "validation"}
        for part, span in zip(screen.parts, lit, strict=True):
            assert part.criterion_id in missed
            assert (part.evidence.start, part.evidence.end) == span
            assert part.evidence in model_grade.criterion(part.criterion_id).evidence
        # A criterion the answer got full marks on is never lit, even where the model says it.
        assert not {p.criterion_id for p in screen.parts} & {"context", "weighting", "leakage"}
        legend = str(screen.query_one("#ma-legend", Static).render())
        assert "Threshold" in legend and "Validation" in legend


async def test_the_two_answers_sit_side_by_side_when_wide_and_stack_at_80_columns(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _beside(app, pilot)
        yours, model = screen.query_one("#ma-yours-box"), screen.query_one("#ma-model-box")
        assert yours.region.y < model.region.y and yours.region.x == model.region.x
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _beside(app, pilot)
        yours, model = screen.query_one("#ma-yours-box"), screen.query_one("#ma-model-box")
        assert yours.region.y == model.region.y and yours.region.x < model.region.x
