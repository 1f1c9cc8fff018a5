"""Clocks the app reads time from: the real one, and a hand-wound one for tests and snapshots."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Wall-clock time for timestamps and a monotonic reading for countdowns."""

    def now(self) -> datetime:
        """The current UTC time."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; never goes backwards."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()


class ManualClock:
    """A clock that only moves when told to, so a 90-second drill can expire without sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start or datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
        self._elapsed = 0.0

    def now(self) -> datetime:
        """The start time plus every advance so far."""
        return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        """Seconds advanced so far."""
        return self._elapsed

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self._elapsed += seconds
