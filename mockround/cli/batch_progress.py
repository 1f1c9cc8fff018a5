"""A one-line progress bar for batches on stderr: done / total, rate, time left.

Drawn only when stderr is a terminal and `--quiet` was not given: in a pipe or a log file,
carriage returns and erase-line codes would be noise, so nothing is written at all. The line
holds only our own figures, never text from the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


def duration(seconds: float) -> str:
    """A short time span: 45s, 3m05s, 1h02m."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


class Progress:
    """Counts the lines of a batch and redraws the bar (at most every REDRAW_SECONDS)."""

    def __init__(
        self,
        stream: TextIO | None,
        total: int | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.total = total
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self.done = 0
        """Lines finished, those an earlier run finished (`--resume`) included."""
        self.graded = 0
        """Lines finished by this run: the rate counts only these."""

    @classmethod
    def on_stderr(
        cls,
        stream: TextIO,
        total: int | None,
        *,
        quiet: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> Progress:
        """A bar on `stream` if it is a terminal and not `quiet`; otherwise one that counts only."""
        try:
            shown = not quiet and stream.isatty()
        except (AttributeError, ValueError):  # a closed or odd stream
            shown = False
        return cls(stream if shown else None, total, clock)

    @property
    def shown(self) -> bool:
        """Whether anything is drawn."""
        return self._stream is not None

    def skipped(self, count: int = 1) -> None:
        """Lines an earlier run finished."""
        self.done += count
        self.draw()

    def advance(self) -> None:
        """One more line finished by this run."""
        self.done += 1
        self.graded += 1
        self.draw()

    def text(self) -> str:
        """The bar's line, without control codes."""
        elapsed = self._clock() - self._started
        rate = self.graded / elapsed if elapsed > 0 and self.graded else None
        shown_rate = f"{rate:.1f}/s" if rate else "-/s"
        if self.total is None:
            return f"grading: {self.done} done  {shown_rate}"
        total = max(self.total, self.done)
        filled = BAR_WIDTH * self.done // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = total - self.done
        eta = duration(left / rate) if rate else "-"
        return f"grading [{bar}] {self.done}/{total}  {shown_rate}  ETA {eta}"

    def draw(self, force: bool = False) -> None:
        """Redraw in place, unless it was drawn a moment ago."""
        if self._stream is None:
            return
        now = self._clock()
        if not force and self._drawn_at is not None and now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        # Carriage return, the line, then erase what a longer earlier line left behind.
        self._stream.write(f"\r{self.text()}\x1b[K")
        self._stream.flush()

    def finish(self) -> None:
        """Draw the final figures and end the line."""
        if self._stream is None or (self._drawn_at is None and self.done == 0):
            return
        self.draw(force=True)
        self._stream.write("\n")
        self._stream.flush()
