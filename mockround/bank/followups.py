"""Choose the follow-up an interviewer would ask next: the one aimed at the weakest part."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from mockround.bank.models import Question


def weakest_criteria(question: Question, scores: Mapping[str, int]) -> list[str]:
    """Criterion ids from weakest to strongest: lowest score first, heavier weight first on ties."""
    order = {c.id: i for i, c in enumerate(question.rubric.criteria)}
    return sorted(
        question.rubric.criterion_ids,
        key=lambda cid: (scores.get(cid, 0), -question.rubric.criterion(cid).weight, order[cid]),
    )


def choose_followup(
    question: Question, scores: Mapping[str, int], asked: Collection[str] = ()
) -> Question | None:
    """The follow-up targeting the weakest criterion, skipping ones already asked.

    A follow-up whose first target is the weak criterion beats one that only lists it.
    Returns None for a question without follow-ups (or when all were asked).
    """
    candidates = [f for f in question.followups if f.id not in asked]
    if not candidates:
        return None
    for criterion_id in weakest_criteria(question, scores):
        aimed = [f for f in candidates if criterion_id in f.targets]
        if aimed:
            return min(aimed, key=lambda f: f.targets.index(criterion_id))
    return candidates[0]
