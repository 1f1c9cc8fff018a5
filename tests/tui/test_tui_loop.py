"""The whole loop with the real OfflineGrader and the real Store: drill, feedback, follow-up,
history; and a real demo run from the feedback screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, DataTable

from mockround.bank.followups import choose_followup
from mockround.config import Settings
from mockround.store import Store
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.demos import DemoRunScreen
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.history import HistoryScreen
from mockround.tui.screens.home import HomeScreen
from mockround.tui.services import RegistryDemos, default_grader_factory
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.evidence import CriteriaTable

AppFactory = Callable[..., MockRoundApp]

MAIN_ANSWER = (
    "It depends on what each mistake costs, so I would ask that first. "
    "Then I would use class weights as a baseline, and try SMOTE only inside the "
    "cross-validation folds. I would not trust accuracy; I would look at recall and PR AUC."
)
FOLLOWUP_ANSWER = (
    "I split the data first and keep SMOTE inside an imbalanced-learn pipeline, so each "
    "training fold is resampled on its own and the validation folds keep the real ratio."
)


async def _submit(app: MockRoundApp, pilot: object, text: str) -> FeedbackScreen:
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    # Default settings: a timed drill gives a reading moment first, and enter ends it as a
    # user would; an untimed answer has no clock to hold back.
    assert screen.phase == ("running" if screen.mode == "untimed" else "reading")
    if screen.phase == "reading":
        await pilot.press("enter")  # type: ignore[attr-defined]
    assert screen.phase == "running"
    await pilot.press(*"So ")  # type: ignore[attr-defined]
    screen.query_one(AnswerEditor).text_area.insert(text)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, FeedbackScreen)
    assert app.screen.grade is not None, "the grade should be on screen"
    return app.screen


async def test_drill_feedback_followup_and_history_with_the_real_grader_and_store(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    settings = Settings(db=db_path, grader="offline")
    app = make_app(grader=default_grader_factory(settings), settings=settings)
    bank = app.services.bank
    main = bank.get("imbalanced-data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        first = await _submit(app, pilot, MAIN_ANSWER)
        assert first.grade is not None
        assert first.grade.grader == "offline"
        table = first.query_one(CriteriaTable)
        assert [str(k.value) for k in table.rows] == list(main.rubric.criterion_ids)

        await pilot.press("f")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        expected = choose_followup(main, first.grade.scores())
        assert expected is not None
        assert drill.mode == "followup"
        assert drill.question.id == expected.id
        assert drill.parent_id == first.attempt_id
        second = await _submit(app, pilot, FOLLOWUP_ANSWER)
        assert second.grade is not None
        assert [c.id for c in second.grade.criteria] == list(expected.rubric.criterion_ids)

        await pilot.press("escape")  # back to the main answer's feedback
        await pilot.pause()
        assert app.screen is first
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        rows = [k.value for k in history.query_one("#attempts", DataTable).rows]
        assert rows == [second.attempt_id, first.attempt_id]

    with Store.open(db_path) as store:
        parent = store.get_attempt(first.attempt_id)
        assert parent.attempt.text.endswith(MAIN_ANSWER)
        assert parent.latest_grade is not None and parent.latest_grade.grader == "offline"
        assert [f.id for f in parent.followups] == [second.attempt_id]
        child = store.get_attempt(second.attempt_id)
        assert child.attempt.mode == "followup" and child.attempt.question_id == expected.id
        assert child.latest_grade is not None


async def test_a_real_demo_runs_from_the_feedback_screen_and_shows_its_takeaway(
    make_app: AppFactory, db_path: Path
) -> None:
    settings = Settings(db=db_path, grader="offline")
    app = make_app(
        grader=default_grader_factory(settings), settings=settings, demos=RegistryDemos()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        feedback = await _submit(app, pilot, "I would report accuracy because it is simple.")
        buttons = list(feedback.query("#fb-demos Button").results(Button))
        assert buttons, "a weak answer links to demos"
        demo_id = (buttons[0].id or "").removeprefix("demo-")
        buttons[0].focus()
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, DemoRunScreen) and run.demo_id == demo_id
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert run.result is not None
        takeaway = str(run.query_one("#demo-takeaway").render())
        assert run.result.takeaway[:40] in takeaway.replace("\n", " ")
