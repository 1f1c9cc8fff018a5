"""At 80x24 the help and a demo's result run past the bottom: a cue says so, until the end."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from mockround.tui.app import MockRoundApp
from mockround.tui.widgets.scroll_cue import CUE, ScrollCue

AppFactory = Callable[..., MockRoundApp]


def _cue(app: MockRoundApp) -> str:
    return str(app.screen.query_one(ScrollCue).render()).strip()


async def _run_a_demo(app: MockRoundApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("m", "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_help_says_there_is_more_until_scrolled_to_the_end(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert _cue(app) == CUE
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert _cue(app) == ""


async def test_a_demo_result_says_there_is_more_until_scrolled_to_the_end(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _run_a_demo(app, pilot)
        assert _cue(app) == CUE
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        await pilot.pause()
        assert _cue(app) == ""


async def test_no_cue_when_everything_fits(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await _run_a_demo(app, pilot)
        assert _cue(app) == ""
