"""The history keeps the question as the app asked it, an LLM's follow-up wording included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest_data import KeywordGrader

from mockround.bank import Question
from mockround.grading import Grade
from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.recover import RecoverDraftScreen
from mockround.tui.widgets.answer_editor import AnswerEditor

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
ANSWER = "It depends on context. I would use weighting, and I report accuracy and metrics."
LLM_WORDING = "What would you ask the fraud team first?"


class SuggestingGrader(KeywordGrader):
    """Like an LLM grader that proposes its own follow-up question."""

    def grade(self, question: Question, answer: str) -> Grade:
        """The keyword grade, with a suggested follow-up in the grader's own words."""
        grade = super().grade(question, answer)
        return grade.model_copy(update={"suggested_followup": LLM_WORDING})


async def _submit(app: MockRoundApp, pilot: object, answer: str) -> FeedbackScreen:
    app.screen.query_one(AnswerEditor).text_area.insert(answer)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, FeedbackScreen)
    return app.screen


async def test_a_suggested_followup_is_stored_with_the_llm_wording_not_the_bank_prompt(
    make_app: AppFactory,
) -> None:
    app = make_app(grader=SuggestingGrader)
    store = app.services.store
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        main = await _submit(app, pilot, ANSWER)
        await pilot.press("f")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen) and drill.attempt_id is not None
        bank_prompt = app.services.bank.get(drill.question.id).prompt
        assert bank_prompt != LLM_WORDING
        # Stored the moment the follow-up is shown, before a word is typed.
        assert store.get_attempt(drill.attempt_id).attempt.prompt == LLM_WORDING
        followup = await _submit(app, pilot, "I would ask what a missed case costs.")
        stored = store.get_attempt(followup.attempt_id).attempt
        assert (stored.question_id, stored.prompt) == (drill.question.id, LLM_WORDING)
        assert stored.parent_id == main.attempt_id
        assert store.get_attempt(main.attempt_id).attempt.prompt == main.question.prompt


async def test_a_main_question_is_stored_with_the_bank_prompt_shown(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen) and drill.attempt_id is not None
        attempt = app.services.store.get_attempt(drill.attempt_id).attempt
        assert attempt.prompt == app.services.bank.get("imbalanced-data").prompt


async def test_a_recovered_followup_draft_is_offered_and_resumed_in_the_llm_wording(
    make_app: AppFactory, db_path: Path, clock: ManualClock, screen_text: ScreenText
) -> None:
    with Store.open(db_path, clock=clock.now) as store:
        parent = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
        store.submit(parent, ANSWER)
        asked = store.start_attempt("which-metric", mode="followup", time_limit=90,
                                    parent_id=parent, prompt=LLM_WORDING)  # fmt: skip
        store.save_draft(asked, "I would ask what a miss costs")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        assert LLM_WORDING in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        assert (drill.attempt_id, drill.question.id) == (asked, "which-metric")
        assert drill.question.prompt == LLM_WORDING
