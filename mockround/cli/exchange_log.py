"""LLM exchanges into the history database, as they happen, from any thread."""

from __future__ import annotations

import queue
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mockround.errors import UserError

if TYPE_CHECKING:
    from mockround.grading.exchange import LLMExchange
    from mockround.store import Store


class ExchangeLog:
    """Collects exchanges (`add` is the graders' sink, safe from worker threads) and writes them
    from the thread that calls `flush`, the one SQLite connection's own thread.

    The database is opened at the first exchange, so an offline grade creates none. A batch
    flushes after every line it writes: a killed batch keeps the log of what it finished.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._pending: queue.SimpleQueue[LLMExchange] = queue.SimpleQueue()
        self._store: Store | None = None
        self._failed = False

    def add(self, exchange: LLMExchange) -> None:
        """Queue one exchange (any thread)."""
        self._pending.put(exchange)

    def flush(self) -> None:
        """Write every queued exchange; a failure is reported once and the grades go on."""
        while not self._pending.empty():
            exchange = self._pending.get()
            if self._failed:
                continue
            try:
                if self._store is None:
                    from mockround.store import Store

                    self._store = Store.open(self.db_path)
                self._store.log_exchange(exchange)
            except UserError as exc:
                # The grade itself is fine; losing the log must not lose the result asked for.
                self._failed = True
                from mockround.cli.common import say

                say(f"mockround: warning: LLM exchanges not logged: {exc.message}", file=sys.stderr)

    def close(self) -> None:
        """Flush and close the database."""
        try:
            self.flush()
        finally:
            if self._store is not None:
                self._store.close()
                self._store = None
