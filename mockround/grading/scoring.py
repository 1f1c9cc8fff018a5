"""Arithmetic every grader shares: words, speaking time, the weighted overall score."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


def rubric_points(rubric: Rubric, scores: Mapping[str, int]) -> float:
    """Weighted share of the rubric earned (0-100), before any red flag."""
    earned = sum(c.weight * min(max(scores.get(c.id, 0), 0), 2) / 2 for c in rubric.criteria)
    return 100 * earned / rubric.total_weight


def flags_penalty(rubric: Rubric, red_flags: Iterable[str]) -> int:
    """Points the raised red flags take away (each flag once; unknown ids take nothing)."""
    return sum(f.penalty for f in flag_penalties(rubric, red_flags))


def overall_score(rubric: Rubric, scores: Mapping[str, int], red_flags: Iterable[str] = ()) -> int:
    """Weighted share of the rubric earned (0-100), less each raised red flag's penalty."""
    base = rubric_points(rubric, scores)
    return max(0, min(100, round(base - flags_penalty(rubric, red_flags))))


@dataclass(frozen=True)
class FlagPenalty:
    """One raised red flag and the points it takes away."""

    id: str
    title: str
    penalty: int


def flag_penalties(rubric: Rubric, red_flags: Iterable[str]) -> list[FlagPenalty]:
    """Each raised flag the rubric knows, once, in the order raised."""
    known = {f.id: f for f in rubric.red_flags}
    return [
        FlagPenalty(flag, known[flag].title, known[flag].penalty)
        for flag in dict.fromkeys(red_flags)
        if flag in known
    ]


def breakdown_line(rubric: Rubric, scores: Mapping[str, int], red_flags: Iterable[str]) -> str:
    """'rubric gave 45, red flags took 25 (Relies on plain accuracy −20, ...)', or '' with no
    penalty: the 0 floor makes a jargon list and a fair answer with one slip look the same,
    and the two numbers behind the score tell them apart (the CLI and the TUI both print it).
    """
    taken = flag_penalties(rubric, red_flags)
    if not any(f.penalty for f in taken):
        return ""
    given = round(rubric_points(rubric, scores))
    each = ", ".join(f"{f.title} −{f.penalty}" for f in taken if f.penalty)
    return f"rubric gave {given}, red flags took {sum(f.penalty for f in taken)} ({each})"
