"""Turn a validated LLM reply into a `Grade`, trusting nothing it did not prove.

Scores are clamped to the rubric's range, unknown ids dropped, missing criteria scored 0, and
every quote checked against the answer: a criterion whose quotes are not in the answer loses
its credit. Each repair adds a warning naming the criterion, so nothing is changed silently.
"""

from __future__ import annotations

from mockround.bank.models import Question
from mockround.grading.contract import CriterionScore, Grade, RedFlagHit, band_for
from mockround.grading.llm.followup import valid_followup
from mockround.grading.llm.grounding import NormalisedText, ground
from mockround.grading.llm.reply import CriterionReply, GradeReply
from mockround.grading.scoring import count_words, overall_score, speaking_seconds

MAX_FEEDBACK_CHARS = 400


def _short(quote: str, limit: int = 60) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _criterion(
    reply: CriterionReply, answer: str, folded: NormalisedText, warnings: list[str]
) -> CriterionScore:
    score = reply.score
    if score < 0 or score > 2:
        clamped = min(max(score, 0), 2)
        warnings.append(
            f"llm_score_clamped: {reply.id} scored {score}, outside 0-2; counted as {clamped}"
        )
        score = clamped
    grounded = ground(answer, reply.evidence, folded=folded)
    if grounded.invented:
        quoted = "; ".join(f'"{_short(q)}"' for q in grounded.invented[:2])
        outcome = "credit removed" if score > 0 and not grounded.spans else "quote ignored"
        warnings.append(
            f"llm_evidence_rejected: {reply.id}: not found in the answer: {quoted}; {outcome}"
        )
    if score > 0 and not grounded.spans:
        if not grounded.invented:
            warnings.append(
                f"llm_evidence_rejected: {reply.id}: scored {score} with no quote; credit removed"
            )
        score = 0
    feedback = " ".join(reply.feedback.split())[:MAX_FEEDBACK_CHARS]
    return CriterionScore(id=reply.id, score=score, evidence=grounded.spans, feedback=feedback)


def assemble(question: Question, answer: str, reply: GradeReply, grader: str) -> Grade:
    """The grade the reply supports, with a warning for every repair made to it."""
    rubric = question.rubric
    warnings: list[str] = []
    folded = NormalisedText.of(answer)
    by_id: dict[str, CriterionScore] = {}
    for item in reply.criteria:
        if item.id not in rubric.criterion_ids:
            warnings.append(
                f"llm_unknown_criterion: {_short(item.id, 40)} is not in the rubric; ignored"
            )
        elif item.id in by_id:
            warnings.append(f"llm_duplicate_criterion: {item.id} scored twice; the first kept")
        else:
            by_id[item.id] = _criterion(item, answer, folded, warnings)
    criteria: list[CriterionScore] = []
    for criterion in rubric.criteria:
        if criterion.id not in by_id:
            warnings.append(f"llm_missing_criterion: {criterion.id} was not scored; counted as 0")
            criteria.append(CriterionScore(id=criterion.id, score=0, feedback=criterion.say))
        else:
            criteria.append(by_id[criterion.id])

    flags: list[RedFlagHit] = []
    known_flags = {f.id for f in rubric.red_flags}
    for hit in reply.red_flags:
        if hit.id not in known_flags:
            warnings.append(
                f"llm_unknown_red_flag: {_short(hit.id, 40)} is not in the rubric; ignored"
            )
            continue
        if any(f.id == hit.id for f in flags):
            continue
        grounded = ground(answer, hit.evidence, folded=folded)
        if not grounded.spans:
            warnings.append(
                f"llm_red_flag_rejected: {hit.id}: no quote from the answer shows it; not counted"
            )
            continue
        flags.append(RedFlagHit(id=hit.id, evidence=grounded.spans))

    scores = {c.id: c.score for c in criteria}
    overall = overall_score(rubric, scores, [f.id for f in flags])
    words = count_words(answer)
    return Grade(
        question_id=question.id,
        grader=grader,
        overall=overall,
        band=band_for(overall),
        criteria=criteria,
        red_flags=flags,
        words=words,
        speaking_seconds=speaking_seconds(words),
        warnings=warnings,
        suggested_followup=valid_followup(reply.followup),
    )
