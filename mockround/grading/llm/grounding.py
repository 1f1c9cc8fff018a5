"""Check that every quote an LLM offers as evidence really is in the answer.

Matching ignores case and runs of whitespace (and straight vs curly quotes), so a model that
re-flows a line still matches; anything else is an invented quote. A match is returned as an
`Evidence` span with offsets into the original answer, exactly like the offline grader's.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockround.grading.contract import Evidence

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Wrappers a model adds around a quote that are not part of it.
_WRAPPERS = " \t\n\"'“”‘’`«»…."


@dataclass(frozen=True)
class NormalisedText:
    """Text folded for matching, with a map from each folded character to its original index."""

    folded: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> NormalisedText:
        """Lower-case, whitespace runs collapsed to one space, typographic quotes folded."""
        chars: list[str] = []
        index: list[int] = []
        pending_space = False
        for position, char in enumerate(text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                index.append(position - 1)
                pending_space = False
            chars.append(char.lower().translate(_FOLD))
            index.append(position)
        return cls("".join(chars), tuple(index))


def normalise_quote(quote: str) -> str:
    """A quote folded the same way as the answer, with wrapping quotes and ellipses removed."""
    return NormalisedText.of(quote.strip(_WRAPPERS)).folded


def locate(answer: NormalisedText, original: str, quote: str) -> Evidence | None:
    """The span of `quote` in the answer, or None when the answer does not contain it."""
    needle = normalise_quote(quote)
    if len(needle) < 3:
        return None
    found = answer.folded.find(needle)
    if found == -1:
        return None
    start = answer.index[found]
    end = answer.index[found + len(needle) - 1] + 1
    return Evidence.of(original, start, end)


@dataclass(frozen=True)
class Grounded:
    """Quotes split into the spans found in the answer and the ones that were not."""

    spans: list[Evidence]
    invented: list[str]


def ground(answer: str, quotes: list[str], *, folded: NormalisedText | None = None) -> Grounded:
    """Locate every quote in `answer`; duplicates collapse to one span."""
    text = folded or NormalisedText.of(answer)
    spans: list[Evidence] = []
    invented: list[str] = []
    for quote in quotes:
        span = locate(text, answer, quote)
        if span is None:
            if quote.strip():
                invented.append(quote)
        elif all((s.start, s.end) != (span.start, span.end) for s in spans):
            spans.append(span)
    return Grounded(spans, invented)
