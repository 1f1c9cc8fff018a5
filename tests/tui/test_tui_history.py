"""History: the attempts table, filtering, trends, read-only feedback, comparing two attempts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest_data import seed_history
from textual.widgets import DataTable, Select
from textual.widgets._footer import FooterKey

from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.compare import CompareScreen
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.screens.history import HistoryScreen

AppFactory = Callable[..., MockRoundApp]


async def _history(app: MockRoundApp, pilot: object) -> HistoryScreen:
    await pilot.press("h")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_history_lists_every_submitted_attempt_newest_first(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    ids = seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(app, pilot)
        table = screen.query_one("#attempts", DataTable)
        assert [k.value for k in table.rows] == list(reversed(ids))


async def test_history_filter_shows_one_question(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(app, pilot)
        screen.query_one("#history-filter", Select).value = "which-metric"
        await pilot.pause()
        table = screen.query_one("#attempts", DataTable)
        assert table.row_count == 1
        assert screen.attempts[0].question_id == "which-metric"


async def test_opening_an_attempt_shows_its_feedback_read_only(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    ids = seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _history(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        assert screen.read_only and screen.attempt_id == ids[-1]
        assert not screen.query("#followup")
        await pilot.press("f")  # no follow-up from a read-only view
        await pilot.pause()
        assert app.screen is screen


async def test_read_only_feedback_footer_offers_no_follow_up_or_try_again(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _history(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        shown = {key.description for key in app.screen.query(FooterKey)}
        assert "Model answer" in shown
        assert not shown & {"Follow-up", "Try again"}


async def test_two_marked_attempts_are_compared_criterion_by_criterion(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(app, pilot)
        await pilot.press("space", "down", "down", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare", DataTable)
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert labels[0] == "Overall"
        assert "Leakage" in labels and "Cost first" in labels
        main = app.services.store.list_attempts(question_id="imbalanced-data")
        newer, older = main[0].overall, main[1].overall
        assert newer is not None and older is not None and newer > older
        overall = table.get_row_at(0)
        assert [str(c) for c in overall[1:]] == [str(older), str(newer), f"{newer - older:+d}"]
        assert len(screen.marked) == 2


async def test_trends_tab_shows_criterion_averages_and_the_weakest(
    make_app: AppFactory, db_path: Path, clock: ManualClock
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        averages = str(screen.query_one("#criteria-averages").render())
        assert "Cost first" in averages
        assert "← weakest" in averages


async def test_trends_tab_shows_when_each_practised_card_is_next_due(
    make_app: AppFactory, db_path: Path, clock: ManualClock, utc: None
) -> None:
    seed_history(db_path, clock)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        shown = str(screen.query_one("#plan-due").render())
        cards = [i for i in app.services.store.plan(include_all=True) if i.due is not None]
        assert cards and "Next due (practice plan)" in shown
        for item in cards:
            title = app.services.bank.get(item.card_id).title
            assert f"{item.due:%Y-%m-%d %H:%M}  {title}  ({item.state})" in shown
