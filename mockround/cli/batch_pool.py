"""Run a batch's jobs on N worker threads; hand the results back in input order, or as done.

Threads, not asyncio: the LLM grader is synchronous and hardened as it is (the whole-call
deadline and reply cap in `transport`, evidence vetting, the offline fallback), and each grade
runs the offline analysis first, which is CPU work that would stall an event loop anyway.
Waiting on the network releases the GIL, so N threads keep N requests in flight; an
`AsyncOpenAI` copy of the grader would duplicate all of that for no gain at these sizes.

The workers are daemon threads: on Ctrl-C the main thread stops at once and the lines still
being graded are simply not written (resume grades them again). Only the calling thread
emits results, so output never interleaves.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

J = TypeVar("J")
R = TypeVar("R")

TICK = 0.2
"""Seconds between `idle` calls while waiting for a result (progress redraws, Ctrl-C)."""
ORDERED_WINDOW = 4
"""Lines per worker that may be taken up before the oldest unwritten one is written: enough
that one slow answer does not idle the other workers, bounded so memory stays small."""


@dataclass(frozen=True)
class Ready(Generic[R]):
    """A result known without running a job (a line that cannot be graded)."""

    result: R


class _Failed:
    """A job raised: carried back to the calling thread and raised there."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def run_pool(
    items: Iterable[J | Ready[R]],
    work: Callable[[J], R],
    emit: Callable[[R], None],
    *,
    workers: int,
    ordered: bool = True,
    idle: Callable[[], None] | None = None,
) -> None:
    """Run `work` on every job of `items` with at most `workers` at once; `emit` each result.

    Ordered: a result is emitted only after every earlier item's, so at most
    ORDERED_WINDOW * workers results wait. Unordered: each is emitted as soon as it is done.
    """
    jobs: queue.Queue[tuple[int, J] | None] = queue.Queue()
    done: queue.Queue[tuple[int, R | _Failed]] = queue.Queue()

    def serve() -> None:
        while (item := jobs.get()) is not None:
            seq, job = item
            try:
                done.put((seq, work(job)))
            except BaseException as exc:  # raised again in the calling thread, never lost
                done.put((seq, _Failed(exc)))

    threads = [
        threading.Thread(target=serve, name=f"mockround-batch-{n}", daemon=True)
        for n in range(workers)
    ]
    for thread in threads:
        thread.start()
    window = workers * (ORDERED_WINDOW if ordered else 2)
    waiting: dict[int, R] = {}
    next_out = 0
    running = 0

    def settle(seq: int, result: R) -> None:
        nonlocal next_out
        if not ordered:
            emit(result)
            return
        waiting[seq] = result
        while next_out in waiting:
            emit(waiting.pop(next_out))
            next_out += 1

    def collect(block: bool) -> bool:
        nonlocal running
        try:
            seq, result = done.get(timeout=TICK) if block else done.get_nowait()
        except queue.Empty:
            if idle is not None:
                idle()
            return False
        running -= 1
        if isinstance(result, _Failed):
            raise result.exc
        settle(seq, result)
        return True

    try:
        seq = -1
        for seq, item in enumerate(items):
            while running + len(waiting) >= window:
                collect(block=True)
            if isinstance(item, Ready):
                settle(seq, item.result)
            else:
                jobs.put((seq, item))
                running += 1
            while running and collect(block=False):
                pass
        while running:
            collect(block=True)
    finally:
        for _ in threads:
            jobs.put(None)
