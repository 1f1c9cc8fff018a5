"""The parts of the model answer that cover what an answer missed.

The model answer is graded by the same offline grader as the user's answer; its evidence
for each criterion the user scored below full marks (and the model scored higher) is the
part worth reading. Nothing here re-grades the user's answer or changes its score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockround.bank.models import Rubric
from mockround.grading.contract import Evidence, Grade


@dataclass(frozen=True)
class MissedPart:
    """A span of the model answer that carries a criterion the user's answer missed."""

    criterion_id: str
    label: str
    evidence: Evidence


def missed_criteria(grade: Grade) -> list[str]:
    """Criterion ids the answer scored below full marks, lowest score first (stable)."""
    below = [c for c in grade.criteria if c.score < c.max]
    return [c.id for c in sorted(below, key=lambda c: c.score)]


def missed_parts(
    rubric: Rubric, user_grade: Grade, model_answer: str, model_grade: Grade
) -> list[MissedPart]:
    """The model answer's evidence for each missed criterion it scores higher on, in text order.

    A span that is not the model answer's own words at its offsets is dropped, not trusted.
    """
    user = user_grade.scores()
    missed = set(missed_criteria(user_grade))
    parts: list[MissedPart] = []
    for score in model_grade.criteria:
        if score.id not in missed or score.score <= user.get(score.id, 0):
            continue
        try:
            label = rubric.criterion(score.id).label
        except KeyError:
            label = score.id
        parts += [MissedPart(score.id, label, e) for e in score.evidence if e.matches(model_answer)]
    return sorted(parts, key=lambda p: (p.evidence.start, p.evidence.end))


def uncovered(user_grade: Grade, parts: Sequence[MissedPart]) -> list[str]:
    """Missed criteria the model answer shows no better evidence for (said in words instead)."""
    found = {p.criterion_id for p in parts}
    return [cid for cid in missed_criteria(user_grade) if cid not in found]
