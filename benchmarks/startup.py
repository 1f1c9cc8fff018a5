"""Start-up time: process start to the Home screen shown, against a bare Textual app.

Each run is a fresh Python process. The parent stamps the time just before starting it; the
child runs the real `mockround` entry point (settings, then the app; the bank and the store
are read by a worker after Home's first paint) and prints the time of Home's first paint and
of the paint after Home is filled with questions and scores, then exits.
The bare app (Header, one Static, Footer) is measured the same way in the same run. Both run
headless (no terminal needed), so the figures compare the work done, not terminal speed.

Usage: .venv/bin/python benchmarks/startup.py [--runs N] [--breakdown]    Target: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Both children report from the first refresh after their first screen is mounted. MockRound
# paints Home first and fills its questions and scores from a worker: it reports the first
# paint and, on a second figure, the paint after Home is filled.
MOCKROUND_CHILD = r"""
import os, sys, time
from textual.app import App
import mockround.tui.app as tui_app
from mockround.tui.screens.home import HomeScreen
from mockround.cli import main

START = float(os.environ["START_STAMP"])
_run = App.run
tui_app.MockRoundApp.run = lambda self, **kw: _run(self, headless=True)
_mount = HomeScreen.on_mount
_fill = HomeScreen.refresh_scores
shown = []

def on_mount(self):
    _mount(self)
    self.call_after_refresh(lambda: shown.append(time.time() - START))

def refresh_scores(self, stats=None):
    _fill(self, stats)
    def filled():
        print(shown[0] if shown else float("nan"), time.time() - START)
        self.app.exit()
    self.call_after_refresh(filled)

HomeScreen.on_mount = on_mount
HomeScreen.refresh_scores = refresh_scores
sys.exit(main([]))  # what a user types: plain `mockround`
"""

BARE_CHILD = r"""
import os, time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_mount(self):
        def shown():
            print(time.time() - float(os.environ["START_STAMP"]))
            self.exit()
        self.call_after_refresh(shown)

Bare().run(headless=True)
"""


# --breakdown: what a fresh process pays for each layer on its own (wall time of `python -c`).
LAYERS: dict[str, str] = {
    "python -c pass": "pass",
    "textual (bare app's imports)": (
        "import textual.app; from textual.widgets import Footer, Header, Static"
    ),
    "pydantic BaseModel": "from pydantic import BaseModel",
    "settings + bank (no textual)": (
        "from mockround.cli import build_parser; from mockround.cli.common import settings_from;"
        " settings_from(build_parser().parse_args(['app']));"
        " from mockround.bank import load_bank; load_bank()"
    ),
    "settings + bank + store stats": (
        "from mockround.cli import build_parser; from mockround.cli.common import settings_from;"
        " s = settings_from(build_parser().parse_args(['app']));"
        " from mockround.bank import load_bank; load_bank();"
        " from mockround.store import Store; Store.open(s.db_path).stats()"
    ),
    "mockround.tui.app import": "import mockround.tui.app",
}


def wall(code: str, env: dict[str, str]) -> float:
    """Wall time of one `python -c code` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def measure(code: str, env: dict[str, str]) -> list[float]:
    """Seconds from just before the process starts to each figure the child prints."""
    env = {**env, "START_STAMP": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]


def main() -> int:
    """Measure both apps alternately and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--breakdown", action="store_true", help="also time each layer in its own process"
    )
    options = parser.parse_args()
    runs = options.runs
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MOCKROUND_HOME": home, "MOCKROUND_GRADER": "offline"}
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MOCKROUND_DB"):
            env.pop(name, None)
        # One warm-up each: creates the database and fills the OS file cache.
        measure(MOCKROUND_CHILD, env)
        measure(BARE_CHILD, env)
        ours: list[float] = []
        filled: list[float] = []
        bare: list[float] = []
        for _ in range(runs):
            first, full = measure(MOCKROUND_CHILD, env)
            ours.append(first)
            filled.append(full)
            bare.append(measure(BARE_CHILD, env)[0])
        layers = {
            name: [wall(code, env) for _ in range(runs)] if options.breakdown else []
            for name, code in LAYERS.items()
        }
    mine, base = statistics.median(ours), statistics.median(bare)
    full = statistics.median(filled)
    print(f"runs: {runs} each, alternating, headless, Python {sys.version.split()[0]}")
    print(f"bare Textual app     median {base * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"mockround -> Home    median {mine * 1000:7.1f} ms  (min {min(ours) * 1000:.1f})")
    print(f"ratio                {mine / base:.2f}x  (target <= 1.5x)")
    print(
        f"Home filled (scores) median {full * 1000:7.1f} ms  (min {min(filled) * 1000:.1f}), "
        f"{full / base:.2f}x the bare app"
    )
    if options.breakdown:
        print("layers, each in a fresh process (median wall time):")
        for name, times in layers.items():
            print(f"  {name:32s} {statistics.median(times) * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
