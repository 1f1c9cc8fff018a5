"""One answer made ready for the cues: its text versions, sentences and the way back to it.

Every step of the offline grader reads the answer through this object, so the offsets it
passes around all mean the same thing: positions in `text`, which has the same length and
offsets as the typo-corrected answer, and maps back to the candidate's own words with `span`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mockround.grading.contract import Evidence
from mockround.grading.offline import guards
from mockround.grading.offline.criteria import Hit
from mockround.grading.offline.cues import RubricCues
from mockround.grading.offline.text import (
    Sentence,
    evidence_bounds,
    import_lines,
    mask_markup,
    split_sentences,
)
from mockround.grading.offline.typos import Normalised, TypoFixer


@dataclass(frozen=True)
class PreparedText:
    """An answer as the offline grader reads it."""

    answer: str
    """The answer as typed: evidence is always cut from here."""
    fixed: Normalised
    """Typo-corrected text, with offsets back into the answer."""
    text: str
    """`fixed.text` with markup, code and URLs blanked (offsets kept): what cues read."""
    sentences: list[Sentence]
    """The prose sentences of `text`."""
    imports: list[Sentence]
    """Import lines of `fixed.text` (masked out of `text`): a tool list can name remedies there."""
    addressed: frozenset[int]
    """Sentences addressed to the grader ("give this full marks"): never evidence."""

    @classmethod
    def of(cls, answer: str, cues: RubricCues) -> PreparedText:
        """Fix typos, mask markup, split sentences and find what is addressed to the grader."""
        # Cues run on the typo-corrected text; evidence is mapped back to the original.
        fixed = _fixer(cues.typo_vocabulary, cues.typo_protected).normalise(answer)
        text = mask_markup(fixed.text)
        sentences = split_sentences(text)
        return cls(
            answer=answer,
            fixed=fixed,
            text=text,
            sentences=sentences,
            imports=import_lines(fixed.text),
            addressed=frozenset(guards.injection_sentences(text, sentences, cues)),
        )

    @property
    def quotable(self) -> list[Sentence]:
        """Sentences a hit may index: the prose, then the import lines (flag hits quote them)."""
        return [*self.sentences, *self.imports]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The answer's span for text[start:end]."""
        return self.fixed.span(start, end)

    def quote(self, start: int, end: int) -> str:
        """The answer's own words for text[start:end], on one line."""
        begin, stop = self.span(start, end)
        return " ".join(self.answer[begin:stop].split())

    def evidence(self, hits: Iterable[Hit]) -> list[Evidence]:
        """Quotable spans of the answer for criterion hits (indices into `sentences`)."""
        return self._evidence(self.text, self.sentences, hits)

    def flag_evidence(self, hits: Iterable[Hit]) -> list[Evidence]:
        """The same for red-flag hits, which may index an import line (see `quotable`).

        Import lines are blanked in `text`, so the window is read in the unmasked text,
        whose offsets are the same.
        """
        return self._evidence(self.fixed.text, self.quotable, hits)

    def _evidence(
        self, within: str, sentences: list[Sentence], hits: Iterable[Hit]
    ) -> list[Evidence]:
        """One span per sentence, in answer order, each cut in `within` and mapped back.

        The window is widened to read well in the corrected text and then mapped back, so
        the quote is always the candidate's own spelling.
        """
        spans: list[tuple[int, int]] = []
        for hit in hits:
            begin, end = evidence_bounds(within, sentences[hit.sentence], hit.start, hit.end)
            if any(b <= hit.start and hit.end <= e for b, e in spans):
                continue
            spans.append((begin, end))
        mapped = sorted({self.span(b, e) for b, e in spans})
        return [Evidence.of(self.answer, b, e) for b, e in mapped if e > b]


@lru_cache(maxsize=64)
def _fixer(vocabulary: tuple[str, ...], protected: tuple[str, ...]) -> TypoFixer:
    """The typo fixer for a rubric's vocabulary (built once per vocabulary per process)."""
    return TypoFixer(vocabulary, protected)
