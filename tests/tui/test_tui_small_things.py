"""Small things a new user trips on: one Keys entry in the palette, Run in the Demos footer."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets._footer import FooterKey

from mockround.tui.app import MockRoundApp
from mockround.tui.screens.demos import DemosScreen

AppFactory = Callable[..., MockRoundApp]


async def test_command_palette_has_one_keys_entry_and_our_help(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1
        assert "Help" in titles


async def test_demos_footer_names_enter_as_run(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, DemosScreen)
        keys = {(key.key_display, key.description) for key in app.screen.query(FooterKey)}
        assert any(description == "Run" for _, description in keys), keys
