"""`OfflineGrader`: deterministic rubric grading from cue data, with no key and no network.

A grade is a short pipeline over one `PreparedText`: score each criterion from the cues, raise
red flags, apply the guards (off-topic, keyword salad), let the semantic layer settle what the
cues missed, cap text addressed to the grader, then assemble the grade with evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from mockround.bank.models import Criterion, Question
from mockround.grading.base import Grader
from mockround.grading.contract import CriterionScore, Grade, RedFlagHit, band_for
from mockround.grading.offline import guards, learned
from mockround.grading.offline.criteria import CriterionResult, find_named, score_criterion
from mockround.grading.offline.cues import CriterionCues, RubricCues, load_cues
from mockround.grading.offline.prepared import PreparedText
from mockround.grading.offline.red_flags import detect_red_flags
from mockround.grading.scoring import count_words, overall_score, speaking_seconds

MAX_EVIDENCE = 2
USE_MODEL = True
"""Whether graders use the learned sentence model by default (see benchmarks for why)."""
MODEL_CONFIDENCE = 0.95
"""The sentence model only adds a named (1) hit above this probability, never a 2."""


@dataclass(frozen=True)
class Analysis:
    """One answer prepared for grading, with every criterion scored from the cues alone."""

    prepared: PreparedText
    results: dict[str, CriterionResult]


@dataclass
class Verdict:
    """What the pipeline has decided so far; each step reads and amends it."""

    results: dict[str, CriterionResult]
    flags: list[RedFlagHit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cap: int = 100
    """The highest overall score the answer may get (0 for off-topic text and salads)."""
    confidence: dict[str, float] = field(default_factory=dict)


class OfflineGrader(Grader):
    """Grades against the question's rubric with hand-written cues (rubrics/cues/*.toml)."""

    name: ClassVar[str] = "offline"
    needs_network: ClassVar[bool] = False

    def __init__(self, use_model: bool = USE_MODEL, use_semantic: bool = True) -> None:
        self.use_model = use_model
        """Let the learned sentence model add named hits where the cues found none."""
        self.use_semantic = use_semantic
        """Let the semantic layer, trained on real answers, settle what each criterion covers."""

    def analyse(self, question: Question, answer: str) -> Analysis:
        """Prepare the answer and score every criterion from the cues (no guards, no flags).

        Training the semantic layer reads the same analysis the grader acts on, so the
        sentences it learns from are the sentences it will later see.
        """
        cues = load_cues(question.rubric.id)
        prepared = PreparedText.of(answer, cues)
        results = _cue_results(question, prepared, cues)
        if self.use_model and question.rubric.id in learned.RUBRICS:
            results = learned.add_model_hits(
                prepared.text, prepared.sentences, results, prepared.addressed, MODEL_CONFIDENCE
            )
        return Analysis(prepared, results)

    def grade(self, question: Question, answer: str) -> Grade:
        """Score every criterion 0/1/2 with evidence and feedback; never raises for any text."""
        if not answer.strip():
            return self._assemble(
                question, answer, None, Verdict({}, warnings=[guards.EMPTY], cap=0)
            )
        cues = load_cues(question.rubric.id)
        analysis = self.analyse(question, answer)
        prepared = analysis.prepared
        verdict = Verdict(analysis.results)
        verdict.flags = _red_flags(prepared, cues, _scores(verdict.results))
        _apply_guards(prepared, cues, verdict)
        # Salad and off-topic text have nothing for the sentence model to read: their verdict
        # stands. Red flags were settled from the cues above and are not revisited.
        if self.use_semantic and verdict.cap > 0:
            from mockround.grading.semantic import layer

            verdict.results, verdict.confidence = layer.adjust(
                question, prepared.sentences, prepared.addressed, verdict.results
            )
        if prepared.addressed:
            verdict.warnings.append(guards.INJECTION)
            verdict.cap = min(verdict.cap, guards.INJECTION_CAP)
        missing = [c.id for c in question.rubric.criteria if c.id not in cues.criteria]
        if missing:
            verdict.warnings.append(
                f"no_cues: the offline grader has no cues for {', '.join(missing)}; "
                "those criteria score 0 (use --grader llm for a full grade)"
            )
        return self._assemble(question, answer, prepared, verdict)

    def _assemble(
        self, question: Question, answer: str, prepared: PreparedText | None, verdict: Verdict
    ) -> Grade:
        rubric = question.rubric
        cues = load_cues(rubric.id)
        word_count = count_words(answer)
        seconds = speaking_seconds(word_count)
        warnings = list(verdict.warnings)
        if prepared is not None:
            warnings.extend(guards.length_warnings(word_count, seconds))
        earned = overall_score(rubric, _scores(verdict.results), [f.id for f in verdict.flags])
        overall = min(verdict.cap, earned)
        criteria = []
        for criterion in rubric.criteria:
            result = verdict.results.get(criterion.id, CriterionResult(criterion.id, 0))
            hits = (*result.hits[:MAX_EVIDENCE], *((result.reason,) if result.reason else ()))
            criteria.append(
                CriterionScore(
                    id=criterion.id,
                    score=result.score,
                    evidence=prepared.evidence(hits) if prepared and result.score else [],
                    feedback=feedback(criterion, result, cues.criteria.get(criterion.id)),
                    confidence=verdict.confidence.get(criterion.id),
                )
            )
        return Grade(
            question_id=question.id,
            grader=self.name,
            overall=overall,
            band=band_for(overall),
            criteria=criteria,
            red_flags=verdict.flags,
            words=word_count,
            speaking_seconds=seconds,
            warnings=warnings,
        )


def _scores(results: dict[str, CriterionResult]) -> dict[str, int]:
    return {cid: r.score for cid, r in results.items()}


def _red_flags(
    prepared: PreparedText, cues: RubricCues, scores: dict[str, int]
) -> list[RedFlagHit]:
    """Every red flag the answer raises, with its evidence (which may quote an import line)."""
    found = detect_red_flags(
        prepared.text,
        prepared.sentences,
        cues,
        scores,
        prepared.addressed,
        prepared.imports,
        prepared.fixed.text,
    )
    return [RedFlagHit(id=f.id, evidence=prepared.flag_evidence(f.hits)) for f in found]


def _apply_guards(prepared: PreparedText, cues: RubricCues, verdict: Verdict) -> None:
    """Off-topic text earns and raises nothing; a keyword salad is named at most, overall 0."""
    if guards.is_off_topic(prepared.text, cues):
        verdict.warnings.append(guards.OFF_TOPIC)
        verdict.cap = 0
        verdict.results = {cid: CriterionResult(cid, 0) for cid in verdict.results}
        verdict.flags = []
    elif guards.is_keyword_salad(guards.content_tokens(prepared.text), prepared.sentences, cues):
        verdict.warnings.append(guards.SALAD)
        verdict.cap = 0
        # A salad does name terms (the labelling guide counts them as touched) and lists
        # tools without a why, but it never explains anything: named at most, overall 0.
        verdict.results = {cid: _at_most_named(r) for cid, r in verdict.results.items()}
        # Any "reason" or cost word in a salad is an accident of adjacency ("class weights
        # calibration", "cost false negatives"): the tool-list check runs again as if the
        # answer reasoned about nothing, which is what a salad is.
        verdict.flags = [f for f in _red_flags(prepared, cues, {}) if f.id == guards.SALAD_FLAG]


def _cue_results(
    question: Question, prepared: PreparedText, cues: RubricCues
) -> dict[str, CriterionResult]:
    """Each criterion scored from its cues, in rubric order."""
    text, sentences, skip = prepared.text, prepared.sentences, prepared.addressed
    named = {
        cid: find_named(text, sentences, criterion_cues, skip)
        for cid, criterion_cues in cues.criteria.items()
    }
    # Criteria such as business context only reach 2 when reasoned before the first
    # technique the answer names: the offset of that technique.
    starts = [named[cid][0].start for cid in cues.techniques if named.get(cid)]
    first_technique = min(starts) if starts else None
    claims: dict[int, set[str]] = {}
    for cid, hits in named.items():
        for hit in hits:
            claims.setdefault(hit.sentence, set()).add(cid)
    results: dict[str, CriterionResult] = {}
    for criterion in question.rubric.criteria:
        criterion_cues = cues.criteria.get(criterion.id)
        if criterion_cues is None:
            results[criterion.id] = CriterionResult(criterion.id, 0)
            continue
        results[criterion.id] = score_criterion(
            text,
            sentences,
            criterion_cues,
            cues.generic_reasons,
            skip,
            first_technique,
            claims,
            named[criterion.id],
        )
    return results


def _at_most_named(result: CriterionResult) -> CriterionResult:
    """The result with a score of 2 lowered to 1 (its named hits kept as evidence)."""
    if result.score < 2:
        return result
    return CriterionResult(
        result.id, 1, result.hits[:1] or ((result.reason,) if result.reason else ())
    )


def feedback(criterion: Criterion, result: CriterionResult, cues: CriterionCues | None) -> str:
    """One line: what was missing and a phrase to say, or why the criterion earned full marks."""
    if result.score == 2:
        why = cues.why if cues else "it is named with its reason"
        return f"Full marks: {why}."
    say = f'Try: "{criterion.say}"'
    if result.score == 1 and result.out_of_order:
        return f"Reasoned, but only after the first technique; open with it. {say}"
    if result.score == 1:
        return f"Named without the why ({_lower(criterion.levels.reasoned)}). {say}"
    return f"Missing ({_lower(criterion.levels.named)}). {say}"


def _lower(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]
