"""`OfflineGrader`: deterministic rubric grading from cue data, with no key and no network."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from mockround.bank.models import Criterion, Question
from mockround.grading.base import Grader
from mockround.grading.contract import CriterionScore, Evidence, Grade, RedFlagHit, band_for
from mockround.grading.offline import guards, learned
from mockround.grading.offline.criteria import CriterionResult, Hit, find_named, score_criterion
from mockround.grading.offline.cues import CriterionCues, RubricCues, load_cues
from mockround.grading.offline.red_flags import detect_red_flags
from mockround.grading.offline.text import (
    Sentence,
    evidence_bounds,
    import_lines,
    mask_markup,
    split_sentences,
)
from mockround.grading.offline.typos import Normalised, TypoFixer
from mockround.grading.scoring import count_words, overall_score, speaking_seconds

MAX_EVIDENCE = 2
USE_MODEL = True
"""Whether graders use the learned sentence model by default (see benchmarks for why)."""
MODEL_CONFIDENCE = 0.95
"""The sentence model only adds a named (1) hit above this probability, never a 2."""


def typo_fixer(cues: RubricCues) -> TypoFixer:
    """The typo fixer for a rubric's vocabulary (built once per vocabulary per process)."""
    return _fixer(cues.typo_vocabulary, cues.typo_protected)


@lru_cache(maxsize=64)
def _fixer(vocabulary: tuple[str, ...], protected: tuple[str, ...]) -> TypoFixer:
    return TypoFixer(vocabulary, protected)


@dataclass(frozen=True)
class Analysis:
    """One answer prepared for grading: its text versions, sentences and cue scores."""

    raw: Normalised
    """Typo-corrected text, with offsets back into the answer."""
    norm: Normalised
    """The same with markup, code and URLs blanked (offsets kept): what cues read."""
    imports: list[Sentence]
    sentences: list[Sentence]
    skip: set[int]
    """Sentences addressed to the grader: never evidence."""
    results: dict[str, CriterionResult]


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
        # Cues run on the typo-corrected text; evidence is mapped back to the original.
        raw = typo_fixer(cues).normalise(answer)
        imports = import_lines(raw.text)
        norm = Normalised(mask_markup(raw.text), raw.origin)
        text = norm.text
        sentences = split_sentences(text)
        skip = guards.injection_sentences(text, sentences, cues)
        results = self._score_criteria(question, text, sentences, cues, skip)
        if self.use_model and question.rubric.id in learned.RUBRICS:
            results = learned.add_model_hits(text, sentences, results, skip, MODEL_CONFIDENCE)
        return Analysis(raw, norm, imports, sentences, skip, results)

    def grade(self, question: Question, answer: str) -> Grade:
        """Score every criterion 0/1/2 with evidence and feedback; never raises for any text."""
        rubric = question.rubric
        cues = load_cues(rubric.id)
        word_count = count_words(answer)
        seconds = speaking_seconds(word_count)
        warnings: list[str] = []
        if not answer.strip():
            warnings.append(guards.EMPTY)
            return self._assemble(question, answer, {}, [], word_count, seconds, warnings, 0)

        analysis = self.analyse(question, answer)
        raw, norm, text = analysis.raw, analysis.norm, analysis.norm.text
        sentences, skip, results = analysis.sentences, analysis.skip, analysis.results
        scores = {cid: r.score for cid, r in results.items()}
        flags = detect_red_flags(text, sentences, cues, scores, skip, analysis.imports, raw.text)
        # Flag hits may quote an import line (indexed past the prose sentences): quote from
        # the unmasked text, whose offsets are the masked text's.
        quotable = [*sentences, *analysis.imports]
        flag_hits = [
            RedFlagHit(id=f.id, evidence=_evidence(answer, quotable, f.hits, raw)) for f in flags
        ]
        cap = 100
        tokens = guards.content_tokens(text)
        if guards.is_off_topic(text, cues):
            warnings.append(guards.OFF_TOPIC)
            cap = 0
            # Off-topic text earns nothing and raises nothing.
            results = {cid: CriterionResult(cid, 0) for cid in results}
            flag_hits = []
        elif guards.is_keyword_salad(tokens, sentences, cues):
            warnings.append(guards.SALAD)
            cap = 0
            # A salad does name terms (the labelling guide counts them as touched) and lists
            # tools without a why, but it never explains anything: named at most, overall 0.
            results = {cid: _at_most_named(r) for cid, r in results.items()}
            # Any "reason" or cost word in a salad is an accident of adjacency ("class weights
            # calibration", "cost false negatives"): the tool-list check runs again as if the
            # answer reasoned about nothing, which is what a salad is.
            flag_hits = [
                RedFlagHit(id=f.id, evidence=_evidence(answer, quotable, f.hits, raw))
                for f in detect_red_flags(
                    text, sentences, cues, {}, skip, analysis.imports, raw.text
                )
                if f.id == guards.SALAD_FLAG
            ]
        confidence: dict[str, float] = {}
        # Salad and off-topic text have nothing for the sentence model to read: their verdict
        # stands. Red flags were settled from the cues above and are not revisited.
        if self.use_semantic and cap > 0:
            from mockround.grading.semantic import layer

            results, confidence = layer.adjust(question, sentences, skip, results)
        if skip:
            warnings.append(guards.INJECTION)
            cap = min(cap, guards.INJECTION_CAP)
        missing = [c.id for c in rubric.criteria if c.id not in cues.criteria]
        if missing:
            warnings.append(
                f"no_cues: the offline grader has no cues for {', '.join(missing)}; "
                "those criteria score 0 (use --grader llm for a full grade)"
            )
        warnings.extend(guards.length_warnings(word_count, seconds))
        return self._assemble(
            question,
            answer,
            results,
            flag_hits,
            word_count,
            seconds,
            warnings,
            cap,
            sentences,
            norm,
            confidence,
        )

    def _score_criteria(
        self,
        question: Question,
        answer: str,
        sentences: list[Sentence],
        cues: RubricCues,
        skip: set[int],
    ) -> dict[str, CriterionResult]:
        rubric = question.rubric
        named = {
            cid: find_named(answer, sentences, criterion_cues, skip)
            for cid, criterion_cues in cues.criteria.items()
        }
        starts = [named[cid][0].start for cid in cues.techniques if named.get(cid)]
        first_technique = min(starts) if starts else None
        claims: dict[int, set[str]] = {}
        for cid, hits in named.items():
            for hit in hits:
                claims.setdefault(hit.sentence, set()).add(cid)
        results: dict[str, CriterionResult] = {}
        for criterion in rubric.criteria:
            criterion_cues = cues.criteria.get(criterion.id)
            if criterion_cues is None:
                results[criterion.id] = CriterionResult(criterion.id, 0)
                continue
            results[criterion.id] = score_criterion(
                answer,
                sentences,
                criterion_cues,
                cues.generic_reasons,
                skip,
                first_technique,
                claims,
                named[criterion.id],
            )
        return results

    def _assemble(
        self,
        question: Question,
        answer: str,
        results: dict[str, CriterionResult],
        flags: list[RedFlagHit],
        word_count: int,
        seconds: float,
        warnings: list[str],
        cap: int,
        sentences: list[Sentence] | None = None,
        norm: Normalised | None = None,
        confidence: dict[str, float] | None = None,
    ) -> Grade:
        rubric = question.rubric
        cues = load_cues(rubric.id)
        scores = {cid: r.score for cid, r in results.items()}
        overall = min(cap, overall_score(rubric, scores, [f.id for f in flags]))
        criteria = []
        for criterion in rubric.criteria:
            result = results.get(criterion.id, CriterionResult(criterion.id, 0))
            hits = (*result.hits[:MAX_EVIDENCE], *((result.reason,) if result.reason else ()))
            criteria.append(
                CriterionScore(
                    id=criterion.id,
                    score=result.score,
                    evidence=_evidence(answer, sentences or [], hits, norm) if result.score else [],
                    feedback=feedback(criterion, result, cues.criteria.get(criterion.id)),
                    confidence=(confidence or {}).get(criterion.id),
                )
            )
        return Grade(
            question_id=question.id,
            grader=self.name,
            overall=overall,
            band=band_for(overall),
            criteria=criteria,
            red_flags=flags,
            words=word_count,
            speaking_seconds=seconds,
            warnings=warnings,
        )


def _at_most_named(result: CriterionResult) -> CriterionResult:
    """The result with a score of 2 lowered to 1 (its named hits kept as evidence)."""
    if result.score < 2:
        return result
    return CriterionResult(
        result.id, 1, result.hits[:1] or ((result.reason,) if result.reason else ())
    )


def _evidence(
    answer: str, sentences: list[Sentence], hits: tuple[Hit, ...], norm: Normalised | None
) -> list[Evidence]:
    """Quotable spans of the original answer for the hits, one per sentence, in answer order.

    Hits and sentences are offsets into the typo-corrected text (`norm.text`); each span is
    cut there and then mapped back, so the quote is always the candidate's own spelling.
    """
    text = norm.text if norm else answer
    spans: list[tuple[int, int]] = []
    for hit in hits:
        sentence = sentences[hit.sentence]
        begin, end = evidence_bounds(text, sentence, hit.start, hit.end)
        if any(b <= hit.start and hit.end <= e for b, e in spans):
            continue
        spans.append((begin, end))
    mapped = sorted({norm.span(b, e) if norm else (b, e) for b, e in spans})
    return [Evidence.of(answer, b, e) for b, e in mapped if e > b]


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
