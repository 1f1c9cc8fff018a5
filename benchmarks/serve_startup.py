"""Time to Home in a browser (`mockround serve` + headless Chromium) beside the terminal app.

Each run starts a fresh `mockround serve` on a free port and, as soon as it prints its URL,
opens the page in a new browser context (empty cache, as a first visit) and waits until the
xterm.js screen shows Home. Chromium itself is started once beforehand: a user's browser is
already open. Printed per run and as medians:
  server   launch of `mockround serve` -> URL printed (socket listening)
  page     page opened -> Home drawn (textual-serve starts one app process per visit),
           with the part spent loading the page itself (HTML, 500 KB of JS) shown apart
  total    launch -> Home drawn
The terminal figure is benchmarks/startup.py's own measurement (process start -> Home painted,
headless), taken alternately in the same run so both see the same machine load.

Usage: .venv/bin/python benchmarks/serve_startup.py [--runs N]   (needs `make dev` and Chromium)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The browser plumbing is the browser test's own (tests/serve/served_page.py), not a copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "serve"))

from served_page import (
    CHROMIUM,
    HOME_TEXT,
    INSTALL_HINT,
    launch,
    new_page,
    serving,
    wait_for_screen,
)
from startup import MOCKROUND_CHILD, measure


def one_served_run(browser: object, home: Path) -> tuple[float, float, float, float]:
    """(server, page, total, load) seconds for one fresh server and one first visit."""
    launched = time.perf_counter()
    with serving(home) as served:
        listening = time.perf_counter()
        page = new_page(browser, served.port)
        try:
            opened = time.perf_counter()
            page.goto(served.url)
            loaded = time.perf_counter()
            wait_for_screen(page, f"text.includes({HOME_TEXT!r})")
            shown = time.perf_counter()
        finally:
            page.context.close()
    return listening - launched, shown - opened, shown - launched, loaded - opened


def main() -> int:
    """Alternate served and terminal runs; print each and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    if not CHROMIUM.exists():
        print(f"skipped: needs Chromium at {CHROMIUM} ({INSTALL_HINT})")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: needs the dev tools (make dev) for Playwright")
        return 0
    served: list[tuple[float, float, float, float]] = []
    terminal: list[float] = []
    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        env = {**os.environ, "MOCKROUND_HOME": home, "MOCKROUND_GRADER": "offline"}
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MOCKROUND_DB"):
            env.pop(name, None)
        browser = launch(playwright)
        # Warm-up, not counted: creates the database and fills the OS file cache.
        one_served_run(browser, Path(home))
        measure(MOCKROUND_CHILD, env)
        for run in range(1, runs + 1):
            served.append(one_served_run(browser, Path(home)))
            # startup.py reports Home's first paint, then Home filled: the first is compared.
            terminal.append(measure(MOCKROUND_CHILD, env)[0])
            server, page, total, _ = served[-1]
            print(
                f"run {run}: server {server * 1000:6.0f} ms  page {page * 1000:6.0f} ms  "
                f"total {total * 1000:6.0f} ms  | terminal {terminal[-1] * 1000:6.0f} ms"
            )
        browser.close()

    def median_ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.0f} ms"

    print(f"runs: {runs}, alternating, Python {sys.version.split()[0]}, {CHROMIUM}")
    print(f"serve: launch -> listening      median {median_ms([s[0] for s in served])}")
    print(f"serve: page opened -> Home      median {median_ms([s[1] for s in served])}")
    print(f"  of which page load (HTML, JS) median {median_ms([s[3] for s in served])}")
    print(f"serve: launch -> Home in page   median {median_ms([s[2] for s in served])}")
    print(f"terminal: start -> Home painted median {median_ms(terminal)}")
    ratio = statistics.median([s[1] for s in served]) / statistics.median(terminal)
    print(f"page -> Home vs terminal        {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
