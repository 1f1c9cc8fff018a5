"""Retake docs/serve-1280x800.png: the served app's Home in headless Chromium at 1280x800.

Runs `mockround serve` with a throw-away MOCKROUND_HOME (so Home shows an empty history, as
a new user sees it), opens the page with the browser test's own driver, waits until Home is
drawn and saves the screenshot. Needs `make dev` and Chromium (README, Development).

Usage: .venv/bin/python scripts/serve_screenshot.py [OUT.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The browser plumbing is the browser test's own (tests/serve/served_page.py), not a copy.
sys.path.insert(0, str(ROOT / "tests" / "serve"))

from served_page import browser_page, open_home, serving  # noqa: E402


def main() -> int:
    """Serve, open Home, save the PNG; print where it went."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve-1280x800.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as home,
        serving(Path(home)) as served,
        browser_page(served.port) as page,
    ):
        open_home(page, served.url)
        # The page fades the terminal in over 0.3 s once the first bytes arrive.
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('.textual-terminal')).opacity === '1'"
        )
        page.screenshot(path=str(out))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
