"""Small text helpers shared by the screens (no widgets here)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text

from mockround.terminal import visible

if TYPE_CHECKING:
    from mockround.bank import Bank, Criterion, Rubric

BAND_STYLES: dict[str, str] = {
    "strong": "bold green",
    "solid": "bold cyan",
    "developing": "bold yellow",
    "weak": "bold red",
}

SCORE_STYLES: dict[int, str] = {0: "red", 1: "yellow", 2: "green"}


def plain(text: str, style: str = "") -> Text:
    """Text from an answer, a file or a server, shown as it is: never read as markup, and its
    control and bidi characters made visible (same length, so evidence offsets still hold)."""
    return Text(visible(text), style=style)


def clock_text(seconds: float) -> str:
    """Seconds left as m:ss, rounded up so the display reaches 0:00 only at the end."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def band_style(band: str | None) -> str:
    """The Rich style for a band name."""
    return BAND_STYLES.get(band or "", "dim")


def score_marks(score: int, maximum: int = 2) -> str:
    """A score as filled and empty dots, e.g. ●●, ●○, ○○."""
    return "●" * score + "○" * (maximum - score)


def short_time(moment: datetime | None) -> str:
    """A timestamp as 'YYYY-MM-DD HH:MM' in local time ('-' when missing)."""
    if moment is None:
        return "-"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def duration_text(seconds: float | None) -> str:
    """A duration as m:ss ('-' when missing)."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def or_dash(value: object) -> str:
    """str(value), or '-' for None."""
    return "-" if value is None else str(value)


def criterion_label(rubric: Rubric, criterion_id: str) -> str:
    """The rubric's short label for a criterion (the id when the rubric lacks it)."""
    try:
        return rubric.criterion(criterion_id).label
    except KeyError:
        return criterion_id


def main_criteria(bank: Bank) -> list[Criterion]:
    """Every main question's criteria, main question first, each id once."""
    seen: dict[str, Criterion] = {}
    for question in bank.main_questions():
        for criterion in question.rubric.criteria:
            seen.setdefault(criterion.id, criterion)
    return list(seen.values())


def bank_label(bank: Bank, criterion_id: str) -> str:
    """A criterion's short label, from any rubric in the bank (the id if nowhere)."""
    return bank.criterion_label(criterion_id)
