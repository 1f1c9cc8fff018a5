"""Value types that refuse what would break a later read: non-finite numbers, huge integers,
moments a time-zone conversion cannot reach.

They sit on the pydantic models that cross a boundary (the Grade, attempts, exports, LLM
exchanges), so a bad value is refused once, where it comes in, instead of breaking every
`history`, `show` and `export` afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

EARLIEST_YEAR = 1900
LATEST_YEAR = 9000
"""Far from the ends of `datetime`, so converting to any time zone and back always works."""
MAX_COUNT = 10**9
"""Counts (words, tokens, offsets): far above anything real, far below SQLite's 2**63."""
MAX_SECONDS = 10**7
"""About four months: longer than any attempt or request, short enough to print."""


def _reachable(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"year must be from {EARLIEST_YEAR} to {LATEST_YEAR}")
    return moment


Moment = Annotated[datetime, AfterValidator(_reachable)]
"""A datetime that is timezone-aware (naive means UTC) and within a printable range."""
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A non-negative integer that fits in SQLite."""
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]
"""A finite, non-negative duration."""
