"""A drill in a real browser: `mockround serve`, headless Chromium, keyboard only."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest
from served_page import (
    CHROMIUM,
    INSTALL_HINT,
    browser_page,
    open_home,
    screen_text,
    serving,
    wait_for_screen,
)

from mockround.store import Store

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}: {INSTALL_HINT}"
)

ANSWER = "First the cost of each error, then class weights and a threshold tuned on validation."


def test_a_drill_in_the_browser_is_graded_on_screen_and_stored(mockround_home: Path) -> None:
    with serving(mockround_home) as served, browser_page(served.port) as page:
        assert served.url == f"http://127.0.0.1:{served.port}"
        open_home(page, served.url)
        page.focus(".xterm-helper-textarea")  # where xterm.js takes the keyboard
        page.keyboard.press("d")
        wait_for_screen(page, "text.includes('Drill · How do you handle imbalanced data?')")
        # The reading moment: the clock waits, and enter starts it at once.
        wait_for_screen(page, "text.includes('enter starts it now')")
        page.keyboard.press("Enter")
        wait_for_screen(page, "!text.includes('enter starts it now')")
        page.keyboard.type(ANSWER)
        wait_for_screen(page, f"text.includes({ANSWER[-30:]!r})")
        page.keyboard.press("Control+s")
        wait_for_screen(page, r"/\d+\/100/.test(text) && text.includes('Graded by offline')")
        shown = screen_text(page)

    with Store.open(mockround_home / "data" / "history.db") as store:
        attempts = store.list_attempts()
    assert len(attempts) == 1
    attempt = attempts[0]
    assert attempt.question_id == "imbalanced-data"
    assert attempt.text == ANSWER
    assert attempt.grader == "offline"
    assert attempt.overall is not None
    score = re.search(r"(\d+)/100", shown)
    assert score is not None and int(score.group(1)) == attempt.overall


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_ctrl_c_with_a_tab_open_ends_the_server_and_its_app_at_once(mockround_home: Path) -> None:
    with serving(mockround_home) as served, browser_page(served.port) as page:
        open_home(page, served.url)
        apps = _children(served.process.pid)
        assert len(apps) == 1  # one app process for the one open tab
        served.process.send_signal(signal.SIGINT)
        # aiohttp alone waits 60 s for an open websocket; the session is ended instead.
        assert served.process.wait(timeout=30) == 0
        assert not Path(f"/proc/{apps[0]}").exists()
