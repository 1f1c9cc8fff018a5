"""Home's "Practise next": the plan's top card, why it is due, and one key to drill it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest_data import seed_history

from mockround.config import PlanSettings, Settings
from mockround.tui.app import MockRoundApp
from mockround.tui.clock import ManualClock
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.home import HomeScreen
from mockround.tui.widgets.practise_next import PractiseNextPanel

AppFactory = Callable[..., MockRoundApp]


async def test_p_starts_the_top_due_card_as_a_timed_drill(
    db_path: Path, clock: ManualClock, utc: None, make_app: AppFactory
) -> None:
    seed_history(db_path, clock)
    app = make_app(settings=Settings(db=db_path, plan=PlanSettings(daily_goal=2)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        top = app.services.store.plan(now=clock.now())[0]
        panel = app.screen.query_one(PractiseNextPanel)
        shown = str(panel.render())
        assert panel.card_id == top.card_id
        assert app.services.bank.get(top.card_id).title in shown
        assert "missed in" in shown and "today 0/2" in shown
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.question.id == top.card_id and screen.mode == "drill"
        assert screen.seconds == app.services.settings.drill.seconds


async def test_p_with_nothing_due_stays_on_home_and_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "nothing due" in str(app.screen.query_one(PractiseNextPanel).render())
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
