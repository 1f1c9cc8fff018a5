"""The feedback screen: criteria, evidence highlighting, flags and warnings, model answer, demos."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pilot_steps import answer_from_home
from textual.pilot import Pilot
from textual.widgets import Button

from mockround.tui.app import MockRoundApp
from mockround.tui.screens.demos import DemoRunScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.model_answer import ModelAnswerScreen
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.evidence import CriteriaTable

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
ANSWER = "It depends on context. I would use weighting, and I report accuracy and metrics."


async def _feedback(app: MockRoundApp, pilot: Pilot[None], answer: str = ANSWER) -> FeedbackScreen:
    return await answer_from_home(app, pilot, answer)


async def test_feedback_lists_every_criterion_with_score_and_feedback(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        table = screen.query_one(CriteriaTable)
        main = app.services.bank.get("imbalanced-data")
        assert [str(k.value) for k in table.rows] == list(main.rubric.criterion_ids)
        assert str(table.get_row("weighting")[0]) == "●● 2/2"
        assert str(table.get_row("leakage")[0]) == "○○ 0/2"
        text = screen_text(app)
        assert "Weighting" in text and "You named Weighting." in text


async def test_selecting_a_criterion_highlights_its_evidence_in_the_answer(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        table = screen.query_one(CriteriaTable)
        table.move_cursor(
            row=list(app.services.bank.get("imbalanced-data").rubric.criterion_ids).index(
                "weighting"
            )
        )
        await pilot.pause()
        title = str(screen.query_one("#fb-answer-title").render())
        assert "evidence for Weighting: 1 span" in title
        start = ANSWER.index("weighting")
        styles = [str(s.style) for s in screen.highlighted.spans if s.start == start]
        assert styles and "yellow" in styles[-1]


async def test_red_flags_warnings_and_grader_name_are_shown(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await _feedback(app, pilot)
        notes = str(screen.query_one("#fb-notes").render())
        assert "Red flag" in notes
        assert "llm_fallback: test warning shown to the user" in notes
        assert "Graded by keyword" in notes


async def test_model_answer_opens_beside_the_answer_on_request(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _feedback(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ModelAnswerScreen)
        first_line = app.services.bank.get("imbalanced-data").model_answer.strip()[:40]
        assert first_line in str(app.screen.query_one("#ma-model").render())
        assert ANSWER in str(app.screen.query_one("#ma-yours").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)


async def test_demo_buttons_link_missed_and_flagged_criteria_and_a_demo_runs(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        buttons = [b.id for b in screen.query("#fb-demos Button").results(Button)]
        # The red flag's demo comes first, then demos of criteria scored 0 (diagnosis: 0);
        # weighting scored 2, so its demo is not offered.
        assert buttons[0] == "demo-accuracy-paradox"
        assert "demo-stratified-cv" in buttons
        assert "demo-class-weight" not in buttons
        screen.query_one("#demo-accuracy-paradox", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DemoRunScreen)
        takeaway = str(app.screen.query_one("#demo-takeaway").render())
        assert "FAKE TAKEAWAY" in takeaway
        metrics = screen_text(app)
        assert "all negative" in metrics and "0.990" in metrics
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen_stack[-1] is screen


async def test_try_again_opens_a_fresh_attempt_at_the_same_question(make_app: AppFactory) -> None:
    from mockround.tui.screens.drill import DrillScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        first = screen.attempt_id
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.question.id == "imbalanced-data"
        assert app.screen.attempt_id != first
        assert app.screen.mode == "untimed"


async def test_followup_uses_the_graders_wording_with_the_bank_rubric(
    make_app: AppFactory,
) -> None:
    from conftest_data import KeywordGrader

    from mockround.bank import Question
    from mockround.bank.followups import choose_followup
    from mockround.grading import Grade
    from mockround.tui.screens.drill import DrillScreen

    class SuggestingGrader(KeywordGrader):
        """Like an LLM grader that proposes its own follow-up question."""

        def grade(self, question: Question, answer: str) -> Grade:
            grade = super().grade(question, answer)
            return grade.model_copy(update={"suggested_followup": "What would you ask first?"})

    app = make_app(grader=SuggestingGrader)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        assert screen.grade is not None
        await pilot.press("f")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        expected = choose_followup(screen.question, screen.grade.scores())
        assert expected is not None
        assert drill.question.prompt == "What would you ask first?"
        assert drill.question.id == expected.id
        assert drill.question.rubric == expected.rubric


async def test_a_second_followup_links_to_the_main_answer_and_is_a_new_question(
    make_app: AppFactory,
) -> None:
    from mockround.tui.screens.drill import DrillScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = await _feedback(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, DrillScreen)
        first.query_one(AnswerEditor).text_area.insert("a follow-up answer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, DrillScreen)
        assert second.parent_id == main.attempt_id
        assert second.question.id != first.question.id
        assert second.question.is_followup


async def test_llm_exchanges_made_while_grading_are_stored_with_the_attempt(
    make_app: AppFactory,
) -> None:
    from conftest_data import KeywordGrader

    from mockround.bank import Question
    from mockround.grading import Grade
    from mockround.grading.exchange import LLMExchange

    class ExchangingGrader(KeywordGrader):
        """Reports one exchange per grade, as the LLM grader does through on_exchange."""

        def grade(self, question: Question, answer: str) -> Grade:
            app.services.log_exchange(
                LLMExchange(
                    model="m",
                    server="http://127.0.0.1:1/v1",
                    mode="json_schema",
                    latency_ms=5.0,
                    request={"messages": []},
                )
            )
            return super().grade(question, answer)

    app = make_app(grader=ExchangingGrader)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        detail = app.services.store.get_attempt(screen.attempt_id)
        assert [e.model for e in detail.exchanges] == ["m"]


def test_default_grader_factory_hands_the_exchange_sink_to_make_grader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mockround.config import Settings
    from mockround.tui.services import default_grader_factory

    seen: dict[str, object] = {}

    def fake_make_grader(
        settings: Settings, choice: str | None = None, on_exchange: object = None
    ) -> str:
        seen["sink"] = on_exchange
        return "grader"

    monkeypatch.setattr("mockround.grading.select.make_grader", fake_make_grader)

    def sink(exchange: object) -> None:
        return None

    assert default_grader_factory(Settings(), sink)() == "grader"  # type: ignore[comparison-overlap]
    assert seen["sink"] is sink


async def test_an_unsure_criterion_is_marked_and_says_to_check_it(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    from mockround.grading.offline import OfflineGrader

    # The real offline grader: its semantic layer gives every criterion a confidence.
    app = make_app(grader=OfflineGrader)
    answer = (
        "I would tell the model that getting a sick patient wrong counts much more, and look "
        "at how many positives we have first. Then SMOTE inside the folds."
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _feedback(app, pilot, answer)
        grade = screen.grade
        unsure = [s for s in grade.criteria if s.unsure]
        assert unsure, "this answer has criteria the grader is not sure of"
        table = screen.query_one(CriteriaTable)
        for score in grade.criteria:
            label = str(table.get_row(score.id)[1])
            assert label.endswith(" ?") == score.unsure
        table.move_cursor(row=[s.id for s in grade.criteria].index(unsure[0].id))
        await pilot.pause()
        assert "unsure: check this one yourself" in screen_text(app)


async def test_the_offline_grade_says_how_far_the_grader_is_trusted(
    make_app: AppFactory,
) -> None:
    from mockround.grading.offline import OfflineGrader

    app = make_app(grader=OfflineGrader)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _feedback(
            app, pilot, "I'd use class weights and report PR AUC on a held-out set."
        )
        notes = str(screen.query_one("#fb-notes").render())
        assert "agrees with expert labels at macro-F1" in notes
        assert "two labellers" in notes
