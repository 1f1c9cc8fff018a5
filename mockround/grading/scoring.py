"""Arithmetic every grader shares: words, speaking time, the weighted overall score."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from mockround.bank.models import Rubric

WORDS_PER_MINUTE = 150
"""A steady interview pace; 90 seconds is about 225 words."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


def count_words(text: str) -> int:
    """Words as a listener hears them (hyphenated and contracted words count once)."""
    return len(_WORD.findall(text))


def speaking_seconds(words: int) -> float:
    """Seconds to say `words` aloud at WORDS_PER_MINUTE."""
    return round(words * 60 / WORDS_PER_MINUTE, 1)


def overall_score(rubric: Rubric, scores: Mapping[str, int], red_flags: Iterable[str] = ()) -> int:
    """Weighted share of the rubric earned (0-100), less each raised red flag's penalty."""
    earned = sum(c.weight * min(max(scores.get(c.id, 0), 0), 2) / 2 for c in rubric.criteria)
    base = 100 * earned / rubric.total_weight
    penalties = {f.id: f.penalty for f in rubric.red_flags}
    penalty = sum(penalties.get(flag, 0) for flag in set(red_flags))
    return max(0, min(100, round(base - penalty)))
