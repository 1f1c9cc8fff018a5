"""The Store's practice-plan methods, kept apart from the history so each file has one job.

The plan itself (FSRS, replay, queries) lives in `mockround.plan`, imported when first
used; these methods only take the store's lock around it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from mockround.plan.models import PlanItem
from mockround.store.db import write_transaction

if TYPE_CHECKING:
    from mockround.plan.catalog import CardCatalog


class PractiseNext(BaseModel):
    """Home's "Practise next": the top due card and why, today's count and the streak."""

    model_config = ConfigDict(extra="forbid")

    top: PlanItem | None = None
    reason: str = ""
    due: int = 0
    """How many cards are due now."""
    today: int = 0
    """Answers submitted since local midnight."""
    streak_days: int = 0


class PlanAccess:
    """Mixed into `Store`: the plan read and rebuilt under the store's lock."""

    _catalog: CardCatalog | None
    _clock: Callable[[], datetime]

    def _guard(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def plan_catalog(self) -> CardCatalog:
        """The card catalog the plan uses (loaded from the bank on first use)."""
        if self._catalog is None:
            from mockround.plan.catalog import default_catalog

            self._catalog = default_catalog()
        return self._catalog

    def rebuild_plan(self) -> int:
        """Replay every graded attempt into the practice plan; return how many reviews."""
        from mockround.plan.records import rebuild

        catalog = self.plan_catalog()
        with self._guard() as conn, write_transaction(conn):
            return rebuild(conn, catalog)

    def plan(self, *, include_all: bool = False, now: datetime | None = None) -> list[PlanItem]:
        """Cards due now, most overdue first (every card with include_all)."""
        from mockround.plan.query import plan_items

        catalog = self.plan_catalog()
        with self._guard() as conn:
            return plan_items(conn, catalog, now or self._clock(), include_all=include_all)

    def plan_reason(self, item: PlanItem, now: datetime | None = None) -> str:
        """One line on why `item` is due ("Threshold missed in 3 of your last 4; ...")."""
        from mockround.plan.query import reason

        catalog = self.plan_catalog()
        with self._guard() as conn:
            return reason(conn, catalog, item, now or self._clock())

    def practise_next(self, now: datetime | None = None) -> PractiseNext:
        """What Home shows: the top due card with its reason, today's answers, the streak."""
        from mockround.plan.query import plan_items, practised_today, reason
        from mockround.store.stats import streak_days

        catalog = self.plan_catalog()
        moment = now or self._clock()
        with self._guard() as conn:
            due = plan_items(conn, catalog, moment)
            top = due[0] if due else None
            return PractiseNext(
                top=top,
                reason=reason(conn, catalog, top, moment) if top is not None else "",
                due=len(due),
                today=practised_today(conn, moment),
                streak_days=streak_days(conn, moment),
            )
