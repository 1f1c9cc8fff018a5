"""The shared 429 back-off: Retry-After read in all its forms, pauses that grow and reset."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from mockround.grading.llm.backoff import MAX_PAUSE, Backoff, retry_after, shared_backoff


class Clock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_retry_after_reads_seconds_milliseconds_and_dates() -> None:
    assert retry_after({"Retry-After": "2"}) == 2.0
    assert retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after({"retry-after": "3600"}) == MAX_PAUSE
    when = datetime.fromtimestamp(1_000_030, tz=UTC)
    assert retry_after({"retry-after": format_datetime(when, usegmt=True)}, now=1_000_000) == 30
    for unreadable in ("soon", "-1", "nan", ""):
        assert retry_after({"retry-after": unreadable}) is None
    assert retry_after({}) is None


def test_a_429_closes_the_gate_for_every_waiter_until_retry_after() -> None:
    clock = Clock()
    gate = Backoff(clock, clock.sleep)
    assert gate.wait() == 0 and clock.slept == []
    gate.rate_limited(1.5)
    assert gate.wait() == 1.5
    assert gate.wait() == 0  # open again


def test_without_retry_after_the_pause_doubles_and_resets_after_an_answer() -> None:
    clock = Clock()
    gate = Backoff(clock, clock.sleep)
    pauses = []
    for _ in range(6):
        pauses.append(gate.rate_limited(None))
        gate.wait()  # the pause passes, and the server refuses again
    assert pauses == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    gate.answered()
    assert gate.rate_limited(None) == 0.5
    assert gate.pauses == 7


def test_429s_that_arrive_together_are_one_burst() -> None:
    clock = Clock()
    gate = Backoff(clock, clock.sleep)
    assert [gate.rate_limited(None) for _ in range(8)] == [0.5] * 8
    assert gate.wait() == 0.5


def test_a_later_429_while_waiting_extends_the_pause() -> None:
    clock = Clock()
    gate = Backoff(clock, clock.sleep)
    gate.rate_limited(1.0)

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if len(clock.slept) == 1:
            gate.rate_limited(2.0)  # another worker's 429 arrives during the pause

    gate._sleep = sleep
    assert gate.wait() == 3.0
    assert clock.slept == [1.0, 2.0]


def test_one_gate_per_server() -> None:
    assert shared_backoff("http://a/v1") is shared_backoff("http://a/v1")
    assert shared_backoff("http://a/v1") is not shared_backoff("http://b/v1")
