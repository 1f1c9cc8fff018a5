"""Plain-text renderings shared by the CLI and the Markdown export (no colours, no UI)."""

from __future__ import annotations

import math
from datetime import datetime


def local_stamp(moment: datetime | None) -> str:
    """Local time, ISO-ish (2026-11-27 21:03); '-' when absent."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def seconds_text(seconds: float | None) -> str:
    """A duration as `42 s` or `1 min 05 s`; '-' when absent."""
    if seconds is None or not math.isfinite(seconds):
        # Rows from before durations were bounded at import may hold infinity.
        return "-"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60} min {whole % 60:02d} s"


def score_text(value: float | None, digits: int = 1) -> str:
    """A possibly missing number, rounded; '-' when absent."""
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def short_id(attempt_id: str) -> str:
    """The first 8 characters of an attempt uuid: enough for `mockround show`."""
    return attempt_id[:8]
