"""Why the offline grader gave each level: what fired, what was set aside, what the model read.

`mockround grade --explain` prints this, so a mis-grade is a look, not a hunt: each criterion's
named cues (by their place in the cue file) with the words they matched, the ones that matched
but did not count and why, the reason cue behind a 2, and the semantic layer's reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockround.bank.models import Question
from mockround.grading.contract import Grade
from mockround.grading.offline.criteria import CriterionResult
from mockround.grading.offline.cues import load_cues
from mockround.grading.offline.grader import Analysis, OfflineGrader
from mockround.grading.offline.pattern import Pattern
from mockround.grading.offline.text import is_negated


@dataclass(frozen=True)
class CueMatch:
    """One named cue's match: where the cue lives, the words, whether it counted."""

    cue: str
    quote: str
    counted: bool
    note: str = ""


@dataclass(frozen=True)
class SemanticReading:
    """What the semantic layer saw for one criterion."""

    probability: float
    threshold: float
    features: dict[str, float]
    sentence: str | None


@dataclass
class CriterionExplanation:
    """Everything behind one criterion's level."""

    id: str
    label: str
    cue_score: int
    score: int
    matches: list[CueMatch] = field(default_factory=list)
    reason: str | None = None
    semantic: SemanticReading | None = None
    why: str = ""


def explain(question: Question, answer: str) -> tuple[Grade, list[CriterionExplanation]]:
    """The offline grade of `answer` and, per criterion, why it got its level."""
    grade = OfflineGrader().grade(question, answer)
    if not answer.strip():
        return grade, []
    analysis = OfflineGrader(use_semantic=False).analyse(question, answer)
    readings = _semantic(question, analysis)
    cues = load_cues(question.rubric.id)
    out = []
    for criterion in question.rubric.criteria:
        result = analysis.results.get(criterion.id, CriterionResult(criterion.id, 0))
        item = CriterionExplanation(
            id=criterion.id,
            label=criterion.label,
            cue_score=result.score,
            score=grade.criterion(criterion.id).score,
            semantic=readings.get(criterion.id),
        )
        criterion_cues = cues.criteria.get(criterion.id)
        if criterion_cues is not None:
            named = (*criterion_cues.named, *criterion_cues.framed)
            item.matches = _matches(analysis, named, result)
        if result.reason is not None:
            item.reason = analysis.prepared.quote(result.reason.start, result.reason.end)
        item.why = _why(item, result, grade)
        out.append(item)
    return grade, out


def _matches(
    analysis: Analysis, patterns: tuple[Pattern, ...], result: CriterionResult
) -> list[CueMatch]:
    prepared = analysis.prepared
    text = prepared.text
    counted = {hit.start for hit in result.hits}
    spans = [(hit.start, hit.end) for hit in result.hits]
    found: dict[int, CueMatch] = {}
    for pattern in patterns:
        # "…/rubrics/cues/x.toml: criterion 'c': named" read as "x.toml: criterion 'c': named".
        file, _, rest = pattern.where.partition(":")
        where = f"{file.rsplit('/', 1)[-1]}:{rest}"
        for index, sentence in enumerate(prepared.sentences):
            for match in pattern.finditer(text, sentence.start, sentence.end):
                start, end = match.start(), match.end()
                if end == start or start in found:
                    continue
                if index in prepared.addressed:
                    note = "in text addressed to the grader"
                elif is_negated(text, sentence, start, end):
                    note = "denied or dismissed nearby"
                elif start in counted:
                    note = ""
                elif any(s < end and start < e for s, e in spans):
                    note = "overlaps a counted match"
                else:
                    note = "not counted: a story, another clause, or declined with no reason"
                begin, stop = prepared.span(start, end)
                quote = prepared.quote(start, end) if begin < stop else text[start:end]
                found[start] = CueMatch(where, quote, start in counted, note)
    return [found[k] for k in sorted(found)]


def _semantic(question: Question, analysis: Analysis) -> dict[str, SemanticReading]:
    from mockround.grading.offline.text import has_negator
    from mockround.grading.semantic.layer import SENTENCE_FLOOR, scored_sentences
    from mockround.grading.semantic.model import FEATURES, load

    loaded = load()
    if loaded is None:
        return {}
    model, encoder = loaded
    sentences = analysis.prepared.sentences
    indices = scored_sentences(sentences, analysis.prepared.addressed)
    embeddings = encoder.encode([sentences[i].text for i in indices])
    readings = {}
    for cid, result in analysis.results.items():
        if not model.knows(question.rubric.id, cid):
            continue
        signals = model.signals(question.family, question.rubric.id, cid, result.score, embeddings)
        best = next(
            (
                sentences[indices[i]].text
                for i in signals.ranking
                if signals.sentence_scores[i] >= SENTENCE_FLOOR
                and not has_negator(sentences[indices[i]].text)
            ),
            None,
        )
        readings[cid] = SemanticReading(
            probability=signals.probability,
            threshold=signals.threshold,
            features=dict(zip(FEATURES, signals.features, strict=True)),
            sentence=" ".join(best.split()) if best else None,
        )
    return readings


def _why(item: CriterionExplanation, result: CriterionResult, grade: Grade) -> str:
    counted = [m for m in item.matches if m.counted]
    guards = ("off_topic", "keyword_salad")
    guard = next((w.split(":")[0] for w in grade.warnings if w.startswith(guards)), None)
    if guard == "off_topic":
        return "0: the answer reads as off-topic, so nothing counts"
    reading = item.semantic
    if item.score == 2:
        return (
            f'2: named ("{counted[0].quote if counted else "?"}") with a reason ("{item.reason}")'
        )
    if item.score == 1 and item.cue_score >= 1:
        if result.out_of_order:
            return (
                "1: reasoned, but only after the first technique (this criterion must come first)"
            )
        if guard == "keyword_salad":
            return "1: named in what reads as a keyword salad: named at most"
        return f'1: named ("{counted[0].quote if counted else "?"}") but no reason cue near it'
    if item.score == 1 and reading is not None:
        return (
            f"1: no cue counted; the semantic layer's probability {reading.probability:.2f} "
            f'>= threshold {reading.threshold:.2f}, quoting "{reading.sentence}"'
        )
    set_aside = [m for m in item.matches if not m.counted]
    parts = ["0: no named cue counted"]
    if set_aside:
        parts.append(f"{len(set_aside)} match(es) set aside")
    if reading is not None:
        parts.append(
            f"semantic probability {reading.probability:.2f} < threshold {reading.threshold:.2f}"
        )
    return "; ".join(parts)
