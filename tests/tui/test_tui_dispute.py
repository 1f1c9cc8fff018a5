"""'I did say that': a dispute is kept with the attempt, shown and exported; the grade stays."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from pilot_steps import answer_from_home
from textual.pilot import Pilot
from textual.widgets import Select, Static

from mockround.store.export import write_jsonl
from mockround.tui.app import MockRoundApp
from mockround.tui.screens.dispute import DisputeScreen
from mockround.tui.screens.feedback import FeedbackScreen

AppFactory = Callable[..., MockRoundApp]
FIRST = "It depends on the context: what does a missed fraud case cost?"
SECOND = "I count the positives before anything else, and check the labels."
ANSWER = f"{FIRST} {SECOND}"


async def _feedback(app: MockRoundApp, pilot: Pilot[None]) -> FeedbackScreen:
    return await answer_from_home(app, pilot, ANSWER)


async def test_a_dispute_is_stored_shown_and_exported_and_the_score_is_unchanged(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feedback = await _feedback(app, pilot)
        store = app.services.store
        before = store.get_attempt(feedback.attempt_id).latest_grade
        assert before is not None and before.grade.criterion("diagnosis").score == 0
        await pilot.press("down")  # the Diagnosis row
        await pilot.press("d")
        await pilot.pause()
        dispute = app.screen
        assert isinstance(dispute, DisputeScreen) and dispute.criterion == "diagnosis"
        assert dispute.query_one("#dispute-level", Select).value == 1  # one above the grade
        dispute.query_one("#dispute-level", Select).value = 2
        await pilot.press("down", "enter")  # the second sentence
        await pilot.pause()
        assert app.screen is feedback

        kept = store.disputes(feedback.attempt_id)
        assert [(d.criterion, d.level, d.sentence) for d in kept] == [("diagnosis", 2, SECOND)]
        start = ANSWER.index(SECOND)
        assert kept[0].offsets == (start, start + len(SECOND))
        after = store.get_attempt(feedback.attempt_id).latest_grade
        assert after == before  # the grader's score is untouched
        assert store.list_attempts()[0].overall == before.grade.overall

        notes = str(feedback.query_one("#fb-notes", Static).render())
        assert f'You say Diagnosis is 2/2 (graded 0/2): "{SECOND}"' in notes

        out = io.StringIO()
        write_jsonl(store.connection, out)
        record = json.loads(out.getvalue())
        assert [
            {k: d[k] for k in ("criterion", "level", "sentence", "offsets")}
            for d in record["disputes"]
        ] == [
            {
                "criterion": "diagnosis",
                "level": 2,
                "sentence": SECOND,
                "offsets": [start, start + len(SECOND)],
            }
        ]
        assert record["grades"][0]["grade"] == before.grade.model_dump(mode="json")


async def test_the_dispute_shows_in_the_history_attempt_view(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feedback = await _feedback(app, pilot)
        app.services.store.add_dispute(feedback.attempt_id, "context", 2, 0, len(FIRST))
        await pilot.press("escape", "h", "enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, FeedbackScreen) and view.read_only
        notes = str(view.query_one("#fb-notes", Static).render())
        assert f'You say Cost first is 2/2 (graded 2/2): "{FIRST}"' in notes


async def test_escape_leaves_the_dispute_screen_without_storing_anything(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        feedback = await _feedback(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DisputeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is feedback
        assert app.services.store.disputes(feedback.attempt_id) == []
