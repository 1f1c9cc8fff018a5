"""Credit an LLM grade only as far as its evidence carries it.

A quote that is really in the answer is not yet evidence: "SMOTE" is in "I would use SMOTE
and check accuracy", yet it shows none of the eight criteria at level 2. A sycophantic or
obedient model quotes like that. So wherever the LLM scores a criterion above the offline
grader, at least one of its quotes must carry that criterion:

- it is more than a lone keyword (MIN_QUOTE_WORDS words or more);
- its sentence is not text addressed to the grader (the offline injection cues, or the wider
  reading in `addressed`);
- it does not overlap a span the offline grader quoted for a red flag;
- read on its own, its sentence shows the criterion to the offline analysis: the cues find it
  named and not negated, or the sentence model is fairly sure of it (so a competent model's
  paraphrase the cues miss still counts).

A criterion none of whose quotes carries it keeps the offline grader's score and evidence. A
red flag the offline grader raised with evidence stays, whatever the LLM said. Each change is
a warning naming the criterion or flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mockround.bank.models import Question
from mockround.grading.base import Grader
from mockround.grading.contract import CriterionScore, Evidence, Grade, RedFlagHit, band_for
from mockround.grading.llm.addressed import addressed_spans
from mockround.grading.scoring import count_words, overall_score

MIN_QUOTE_WORDS = 4
"""Fewer words than this is a keyword, not a statement that shows a criterion."""
PARAPHRASE_CONFIDENCE = 0.5
"""Sentence-model probability at which a sentence the cues miss still shows a criterion."""
INJECTION_WARNING = "possible_prompt_injection"

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


@dataclass
class Reading:
    """What the offline analysis says about the answer, computed once per grade."""

    question: Question
    answer: str
    analyst: Grader
    flagged: list[tuple[int, int]]
    addressed: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    _shown: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, question: Question, answer: str, offline: Grade, analyst: Grader) -> Reading:
        """The reading of `answer`, with the offline grade's red-flag spans."""
        flagged = [(e.start, e.end) for f in offline.red_flags for e in f.evidence]
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(answer) if m.group().strip()]
        return cls(question, answer, analyst, flagged, addressed_spans(answer), sentences)

    def _context(self, span: Evidence) -> tuple[int, int]:
        """The whole sentences a quote lies in: a "not" just outside the quote still counts."""
        inside = [(s, e) for s, e in self.sentences if s < span.end and span.start < e]
        if not inside:
            return span.start, span.end
        return inside[0][0], inside[-1][1]

    def _criteria_shown(self, context: tuple[int, int]) -> dict[str, int]:
        if context not in self._shown:
            text = self.answer[context[0] : context[1]]
            alone = self.analyst.grade(self.question, text)
            if any(w.startswith(INJECTION_WARNING) for w in alone.warnings):
                shown: dict[str, int] = {}
            else:
                shown = {cid: score for cid, score in alone.scores().items() if score > 0}
                for cid in _paraphrased(self.question, text, alone.scores()):
                    shown.setdefault(cid, 1)
            self._shown[context] = shown
        return self._shown[context]

    def why_not(self, criterion_id: str, span: Evidence) -> str | None:
        """None when the quote carries the criterion, else the reason it does not."""
        if count_words(span.text) < MIN_QUOTE_WORDS:
            return f'"{_short(span.text)}" is a keyword, not a statement'
        context = self._context(span)
        if _overlaps(*context, self.addressed):
            return f'"{_short(span.text)}" is addressed to the grader'
        if _overlaps(span.start, span.end, self.flagged):
            return f'"{_short(span.text)}" is what the offline grader raised a red flag on'
        if criterion_id not in self._criteria_shown(context):
            return f'"{_short(span.text)}" does not show it (or denies it)'
        return None


def _paraphrased(question: Question, text: str, scores: dict[str, int]) -> list[str]:
    """Criteria the sentence model is fairly sure `text` shows, where the cues saw nothing."""
    from mockround.grading.offline import learned
    from mockround.grading.offline.sentence_model import load_model
    from mockround.grading.offline.text import has_negator

    missing = [cid for cid, score in scores.items() if score == 0]
    if question.rubric.id not in learned.RUBRICS or not missing or has_negator(text):
        return []
    model = load_model()
    if model is None:
        return []
    probabilities = model.probabilities(text, missing)
    return [cid for cid in missing if probabilities.get(cid, 0.0) >= PARAPHRASE_CONFIDENCE]


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def vet(question: Question, grade: Grade, offline: Grade, reading: Reading) -> Grade:
    """`grade` with every criterion the evidence does not carry set back to the offline one."""
    offline_by_id = {c.id: c for c in offline.criteria}
    warnings = list(grade.warnings)
    criteria: list[CriterionScore] = []
    for score in grade.criteria:
        floor = offline_by_id.get(score.id)
        if floor is None or score.score <= floor.score:
            criteria.append(score)
            continue
        reasons = {id(e): reading.why_not(score.id, e) for e in score.evidence}
        carrying = [e for e in score.evidence if reasons[id(e)] is None]
        if carrying:
            criteria.append(score.model_copy(update={"evidence": carrying}))
            continue
        why = "; ".join(r for r in reasons.values() if r) or "no quote"
        warnings.append(
            f"llm_evidence_weak: {score.id}: scored {score.score} but {why}; "
            f"the offline score {floor.score} is kept"
        )
        criteria.append(floor)
    flags = list(grade.red_flags)
    for hit in offline.red_flags:
        if hit.evidence and all(f.id != hit.id for f in flags):
            flags.append(RedFlagHit(id=hit.id, evidence=hit.evidence))
            warnings.append(
                f"llm_red_flag_kept: {hit.id}: the offline grader found it in the answer "
                f'("{_short(hit.evidence[0].text)}"); kept'
            )
    overall = overall_score(
        question.rubric, {c.id: c.score for c in criteria}, [f.id for f in flags]
    )
    return grade.model_copy(
        update={
            "criteria": criteria,
            "red_flags": flags,
            "overall": overall,
            "band": band_for(overall),
            "warnings": warnings,
        }
    )
