"""Typo tolerance: map near-miss spellings of domain words onto the words the cues expect.

"class wieghts", "treshold" and "precison" should match the cues for weights, threshold and
precision. Tokens of six or more letters within one edit (insert, delete, substitute or swap
two neighbours) of a vocabulary word are rewritten before matching. The rewritten text comes
with an offset map so every quoted span is still cut from the candidate's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MIN_LENGTH = 6
"""Shorter tokens have too many real-word neighbours ("sample"/"simple" is already risky)."""
_TOKEN = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Normalised:
    """Text with typos fixed, and where each of its offsets sits in the original answer."""

    text: str
    origin: tuple[int, ...]
    """origin[i] is the offset in the original of text[i]; one extra entry for the end."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-answer span for text[start:end]."""
        return self.origin[start], self.origin[end]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swap of two neighbours counts as one edit."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _in_identifier(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return before == "_" or after == "_" or before.isdigit() or after.isdigit()


class TypoFixer:
    """Corrects tokens one edit away from a vocabulary word, never a protected real word."""

    def __init__(self, vocabulary: Iterable[str], protected: Iterable[str] = ()) -> None:
        self.vocabulary = frozenset(w.lower() for w in vocabulary if len(w) >= MIN_LENGTH - 1)
        self.protected = frozenset(w.lower() for w in protected)
        # Every word one deletion or one swap away points back to its vocabulary words.
        self._index: dict[str, set[str]] = {}
        for word in self.vocabulary:
            for variant in _deletes(word) | _swaps(word):
                self._index.setdefault(variant, set()).add(word)
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def _correct(self, token: str) -> str | None:
        """The vocabulary word `token` misspells, or None (unknown, known, or ambiguous)."""
        if len(token) < MIN_LENGTH or token in self.vocabulary or token in self.protected:
            return None
        candidates = set(self._index.get(token, ()))
        for variant in _deletes(token):
            if variant in self.vocabulary:
                candidates.add(variant)
            candidates.update(self._index.get(variant, ()))
        # A plural or singular of a vocabulary word ("sample" next to "samples") is that
        # word inflected, never a typo of it.
        close = sorted(
            w
            for w in candidates
            if edit_distance(token, w) == 1 and w not in (token + "s", token[:-1])
        )
        return close[0] if len(close) == 1 else None

    def normalise(self, answer: str) -> Normalised:
        """The answer with near-miss domain words corrected, plus the offset map."""
        pieces: list[str] = []
        origin: list[int] = []
        last = 0
        for match in _TOKEN.finditer(answer):
            # Part of an identifier ("is_unbalance", "n_estimators"): code, never a typo.
            if _in_identifier(answer, match.start(), match.end()):
                continue
            fixed = self.correct(match.group().lower())
            if fixed is None:
                continue
            if match.group()[0].isupper():
                fixed = fixed[0].upper() + fixed[1:]
            pieces.append(answer[last : match.start()])
            origin.extend(range(last, match.start()))
            pieces.append(fixed)
            # Inside a rewritten word, offsets clamp to the original word's span.
            origin.extend(min(match.start() + i, match.end() - 1) for i in range(len(fixed)))
            last = match.end()
        if not pieces:
            return Normalised(answer, tuple(range(len(answer) + 1)))
        pieces.append(answer[last:])
        origin.extend(range(last, len(answer) + 1))
        return Normalised("".join(pieces), tuple(origin))
