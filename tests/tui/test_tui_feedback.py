"""The feedback screen: criteria, evidence highlighting, flags and warnings, model answer, demos."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, DataTable

from mockround.tui.app import MockRoundApp
from mockround.tui.screens.demos import DemoRunScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.evidence import CriteriaTable

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
ANSWER = "It depends on context. I would use weighting, and I report accuracy and metrics."


async def _feedback(app: MockRoundApp, pilot: object, answer: str = ANSWER) -> FeedbackScreen:
    await pilot.press("u")  # type: ignore[attr-defined]
    # Typing 80 characters key by key is slow; the editor gets the text as one paste.
    app.screen.query_one(AnswerEditor).text_area.insert(answer)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, FeedbackScreen)
    return app.screen


async def test_feedback_lists_every_criterion_with_score_and_feedback(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        table = screen.query_one(CriteriaTable)
        main = app.services.bank.get("imbalanced-data")
        assert [str(k.value) for k in table.rows] == list(main.rubric.criterion_ids)
        assert table.get_row("weighting")[0].plain == "●● 2/2"
        assert table.get_row("leakage")[0].plain == "○○ 0/2"
        text = screen_text(app)
        assert "Weighting" in text and "You named Weighting." in text


async def test_selecting_a_criterion_highlights_its_evidence_in_the_answer(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        table = screen.query_one(CriteriaTable)
        table.move_cursor(row=list(app.services.bank.get("imbalanced-data").rubric.criterion_ids)
                          .index("weighting"))
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


async def test_model_answer_appears_on_request(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _feedback(app, pilot)
        model = screen.query_one("#fb-model")
        assert not model.display
        await pilot.press("a")
        await pilot.pause()
        assert model.display
        first_line = app.services.bank.get("imbalanced-data").model_answer.strip()[:40]
        assert first_line in str(model.render())


async def test_demo_buttons_link_missed_and_flagged_criteria_and_a_demo_runs(
    make_app: AppFactory,
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
        metrics = app.screen.query_one("#demo-metrics", DataTable)
        assert metrics.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


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
