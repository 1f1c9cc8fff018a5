"""Entry points: `mockround drill` options, the drill start-up, help and the command palette."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mockround.cli import main
from mockround.tui.app import DrillStart, MockRoundApp
from mockround.tui.screens.drill import DrillScreen
from mockround.tui.screens.help import HelpScreen
from mockround.tui.screens.home import HomeScreen

AppFactory = Callable[..., MockRoundApp]


def test_drill_with_an_unknown_question_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["drill", "--question", "no-such-question"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mockround: error: unknown question id 'no-such-question'")
    assert err.count("\n") == 1


def test_drill_command_passes_question_and_seconds_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}

    def fake_run_app(settings: Any, bank: Any, *, drill: DrillStart | None = None) -> int:
        seen["drill"] = drill
        return 0

    monkeypatch.setattr("mockround.tui.app.run_app", fake_run_app)
    assert main(["drill", "--question", "which-metric", "--seconds", "45"]) == 0
    assert seen["drill"] == DrillStart("which-metric", 45)


def test_bare_command_opens_the_app_without_a_drill(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run_app(settings: Any, bank: Any = None, *, drill: DrillStart | None = None) -> int:
        seen["drill"] = drill
        seen["bank"] = bank
        return 0

    monkeypatch.setattr("mockround.tui.app.run_app", fake_run_app)
    assert main([]) == 0
    # No bank yet: the app reads it after Home's first paint.
    assert seen == {"drill": None, "bank": None}


async def test_drill_start_opens_a_timed_drill_over_home(make_app: AppFactory) -> None:
    app = make_app(drill=DrillStart("smote-vs-weights", 45))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.question.id == "smote-vs-weights"
        assert screen.seconds == 45 and screen.mode == "drill"
        await pilot.press("escape", "y")  # a running drill asks before it is left
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_question_mark_opens_help_and_escape_closes_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_lists_the_main_actions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Drill: 90-second answer", "Untimed answer", "History", "Demos"):
            assert expected in titles


async def test_home_shows_best_and_last_scores_after_an_attempt(make_app: AppFactory) -> None:
    from mockround.tui.widgets.answer_editor import AnswerEditor

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        app.screen.query_one(AnswerEditor).text_area.insert("context weighting metrics")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        overall = app.services.store.list_attempts()[0].overall
        row = home.query_one("#questions").get_option_at_index(0).prompt  # type: ignore[attr-defined]
        assert str(row).split()[-3:] == [str(overall), str(overall), "1"]


async def test_home_actions_work_with_the_mouse(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The first link on the actions line is the drill: " d  90-second drill".
        assert await pilot.click("#home-actions", offset=(4, 0))
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.mode == "drill"
