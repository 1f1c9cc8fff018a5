"""One back-off per server, shared by every request this process sends to it.

The SDK retries a 429 by itself (config llm.max_retries), but only the request that got it
waits: with eight batch workers, the seven others keep hitting a server that has just said
"slow down", draw 429s of their own and burn their retries, and lines fail that a pause would
have saved. So a 429 seen by any request closes a gate that every request to the same server
waits at before it is sent (SDK retries included): the whole batch slows down together.

The pause is the server's Retry-After (seconds, milliseconds or an HTTP date) when it gives
one, capped at MAX_PAUSE; otherwise it doubles from FIRST_PAUSE up to MAX_DEFAULT_PAUSE, like
the SDK's own schedule, each time the server refuses again after a pause, and resets at the first
answer that is not a 429.
The time spent at the gate is not part of a request's deadline (config llm.timeout): a paused
request has not been sent yet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime

FIRST_PAUSE = 0.5
MAX_DEFAULT_PAUSE = 8.0
MAX_PAUSE = 60.0
"""A longer Retry-After is not waited for whole: the SDK retries by then, or gives up."""


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds a response asks the client to wait, if it says (None: not said or unreadable)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            return _sane(float(millis) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return _sane(float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _sane(when - (time.time() if now is None else now))


def _sane(seconds: float) -> float | None:
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return None
    return min(seconds, MAX_PAUSE)


class Backoff:
    """A gate that every request waits at; any 429 closes it for everyone for a while."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._open_at = 0.0
        self._streak = 0
        self.pauses = 0
        """How many 429s closed the gate (for tests and benchmarks)."""
        self.last_closed: float | None = None
        """When (on the clock) the latest 429 closed it."""

    def wait(self) -> float:
        """Block until the gate is open; return the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                left = self._open_at - self._clock()
            if left <= 0:
                return waited
            # Another 429 may push the opening later while this request sleeps: look again.
            self._sleep(left)
            waited += left

    def rate_limited(self, seconds: float | None) -> float:
        """A request got a 429 (asking to wait `seconds`, if it said): close the gate."""
        with self._lock:
            now = self._clock()
            if now >= self._open_at or self._streak == 0:
                # Eight workers rate-limited at once are one burst, not eight in a row: the
                # streak grows only when the gate had opened again and the server still refused.
                self._streak += 1
            self.pauses += 1
            self.last_closed = now
            if seconds is None:
                seconds = min(FIRST_PAUSE * 2 ** (self._streak - 1), MAX_DEFAULT_PAUSE)
            self._open_at = max(self._open_at, now + seconds)
            return seconds

    def answered(self) -> None:
        """A request got an answer that is not a 429: the next default pause starts small."""
        with self._lock:
            self._streak = 0


_SHARED: dict[str, Backoff] = {}
_SHARED_LOCK = threading.Lock()


def shared_backoff(server: str) -> Backoff:
    """The process-wide back-off for one server (as displayed: credentials removed)."""
    with _SHARED_LOCK:
        if server not in _SHARED:
            _SHARED[server] = Backoff()
        return _SHARED[server]
