"""The theme picker: t on Home lists Textual's themes; the choice applies at once and is kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList

from mockround import locations
from mockround.config import load_settings
from mockround.tui.app import MockRoundApp
from mockround.tui.screens.home import HomeScreen
from mockround.tui.screens.theme import ThemeScreen

AppFactory = Callable[..., MockRoundApp]


async def _pick(app: MockRoundApp, pilot: object, name: str) -> None:
    await pilot.press("t")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ThemeScreen)
    themes = app.screen.query_one("#theme-list", OptionList)
    ids = [themes.get_option_at_index(i).id for i in range(themes.option_count)]
    assert ids[themes.highlighted or 0] == app.theme  # starts on the theme in use
    themes.highlighted = ids.index(name)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_picked_theme_applies_at_once_and_is_saved(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _pick(app, pilot, "nord")
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "nord"
    saved, origin = load_settings()
    assert saved.ui.theme == "nord"
    assert origin["ui.theme"] == str(locations.config_file())
    # The next start comes up in the kept theme.
    again = make_app(settings=saved.model_copy(update={"db": db_path}))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_escape_keeps_the_theme_and_saves_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.theme
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.theme == before
    assert not locations.config_file().exists()


async def test_the_saved_choice_keeps_the_rest_of_the_config_file(make_app: AppFactory) -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    original = '# my settings\ngrader = "offline"\n\n[drill]\nseconds = 120  # longer\n'
    path.write_text(original)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _pick(app, pilot, "gruvbox")
    text = path.read_text()
    assert text.startswith(
        '# my settings\ngrader = "offline"\n\n[drill]\nseconds = 120  # longer\n'
    )
    settings, _ = load_settings()
    assert (settings.ui.theme, settings.drill.seconds, settings.grader) == (
        "gruvbox",
        120,
        "offline",
    )
