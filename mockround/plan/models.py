"""What the plan hands out: one row per card, shared by the CLI's --json and the TUI."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CardState = Literal["new", "learning", "review", "relearning"]


class PlanItem(BaseModel):
    """One card of the plan: a question or follow-up and when to practise it next."""

    model_config = ConfigDict(extra="forbid")

    card_id: str
    """The question or follow-up id (what `mockround drill` takes)."""
    title: str
    parent_id: str | None = None
    """For a follow-up, the question whose weak criteria pull it forward."""
    state: CardState
    due: datetime | None = None
    """When it is next due (UTC); None for a card never practised nor flagged."""
    is_due: bool = False
    stability: float | None = None
    """FSRS stability: days until recall probability falls to 90%."""
    difficulty: float | None = None
    """FSRS difficulty, 1 (easy) to 10 (hard)."""
    reviews: int = 0
    last_grade: int | None = None
    """Overall score of the card's latest graded attempt."""
    weak_criteria: list[str] = Field(default_factory=list)
    """Criteria missed (scored 0) in the latest answer behind this card."""
