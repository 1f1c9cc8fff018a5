"""Scored history in SQLite: the `Store` the TUI and the CLI share (no UI imports here)."""

from mockround.store.db import StoreError
from mockround.store.models import (
    Attempt,
    AttemptDetail,
    AttemptSummary,
    Dispute,
    Draft,
    Mode,
    QuestionStats,
    Stats,
    StoredGrade,
)
from mockround.store.store import Store

__all__ = [
    "Attempt",
    "AttemptDetail",
    "AttemptSummary",
    "Dispute",
    "Draft",
    "Mode",
    "QuestionStats",
    "Stats",
    "Store",
    "StoreError",
    "StoredGrade",
]
