"""Run `mockround serve` and drive its page in Debian's headless Chromium through Playwright.

Shared by the browser test, benchmarks/serve_startup.py and scripts/serve_screenshot.py.
Playwright is only the driver: it launches /usr/bin/chromium (never a browser of its own) and
every request that is not to the local server is refused, so the page reaches no network.

The terminal in the page is xterm.js drawing on a canvas, so the DOM holds no screen text.
The init script below catches the xterm Terminal object as the page's own code stores it
(`this.terminal = new Terminal(...)`) and reads its screen buffer through xterm's public
API: the same characters the canvas paints.
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = "apt-get install chromium (see README, Development)"
# Without these Chromium reaches for Google's services at start, and a closed network
# makes that slow and noisy; a fresh profile per run comes from Playwright itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
HOME_TEXT = "Answer as you would aloud"
# Generous: a loaded 2-core machine may take many seconds to start Python and Chromium.
WAIT_MS = 90_000

CATCH_XTERM = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active && !window.__xterm) {
      window.__xterm = value;
    }
  },
});
window.__screenText = () => {
  const term = window.__xterm;
  if (!term) return "";
  const lines = [];
  for (let row = 0; row < term.rows; row++) {
    const line = term.buffer.active.getLine(row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
};
"""


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    """A running `mockround serve`: its process, the URL it printed, its port."""

    process: subprocess.Popen[str]
    url: str
    port: int


def _read_line(stream: Any, deadline: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            raise TimeoutError("`mockround serve` printed nothing in time")
    line: str = stream.readline()
    return line


@contextmanager
def serving(home: Path, *extra: str, timeout: float = 60.0) -> Iterator[Served]:
    """Start `mockround serve` on a free port with MOCKROUND_HOME=home; stop it afterwards.

    Yields once it has printed its URL line; the server (and the app processes it
    started for browser sessions) are ended in teardown, whatever happened.
    """
    port = free_port()
    env = {**os.environ, "MOCKROUND_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MOCKROUND_DB", "MOCKROUND_GRADER"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mockround", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: teardown ends the app sessions too
    )
    try:
        line = _read_line(process.stdout, time.monotonic() + timeout)
        marker = "served at "
        if marker not in line:
            raise AssertionError(f"serve printed {line!r}, not its URL")
        url = line.split(marker, 1)[1].split()[0]
        yield Served(process, url, port)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left after 15 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    if process.stdout is not None:
        process.stdout.close()


def new_page(browser: Any, local_port: int) -> Any:
    """A 1280x800 page in a fresh context that can reach only 127.0.0.1:local_port."""
    allowed = (f"http://127.0.0.1:{local_port}/", f"ws://127.0.0.1:{local_port}/")

    def only_local(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            route.abort()  # the page asks for a web font; no network here

    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.route("**/*", only_local)
    page.add_init_script(CATCH_XTERM)
    return page


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with no calls home."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def browser_page(local_port: int) -> Iterator[Any]:
    """A browser and one page for 127.0.0.1:local_port, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield new_page(browser, local_port)
        finally:
            browser.close()


def screen_text(page: Any) -> str:
    """The characters on the served app's screen, row by row."""
    text: str = page.evaluate("window.__screenText()")
    return text


def wait_for_screen(page: Any, predicate_js: str, timeout_ms: int = WAIT_MS) -> None:
    """Wait until `predicate_js`, a JS expression over `text` (the screen), is true."""
    page.wait_for_function(
        f"() => {{ const text = window.__screenText(); return {predicate_js}; }}",
        timeout=timeout_ms,
    )


def open_home(page: Any, url: str) -> None:
    """Open the page and wait for the Home screen to be drawn."""
    page.goto(url)
    wait_for_screen(page, f"text.includes({HOME_TEXT!r})")
