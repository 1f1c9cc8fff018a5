"""What the user may dispute and how a dispute reads: the answer's sentences, one line each.

A dispute is the user's label for a criterion ("I did say that"); it never changes a grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockround.bank.models import Rubric
from mockround.grading.contract import Grade
from mockround.grading.offline.text import split_sentences
from mockround.store.models import Dispute

LEVEL_NAMES = {0: "absent", 1: "named", 2: "named with the reason"}


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer that a dispute can point at: answer[start:end] == text."""

    start: int
    end: int
    text: str


def answer_sentences(answer: str) -> list[Sentence]:
    """The answer's sentences (and list lines) with their offsets, as the grader splits them."""
    return [Sentence(s.start, s.end, s.text) for s in split_sentences(answer)]


def claimed_level(grade: Grade | None, criterion_id: str) -> int:
    """The level a dispute proposes first: one above the grade's score, at most 2."""
    if grade is None:
        return 2
    try:
        return min(grade.criterion(criterion_id).score + 1, 2)
    except KeyError:
        return 2


def dispute_line(rubric: Rubric, dispute: Dispute, grade: Grade | None) -> str:
    """'You say Cost first is 2/2 (graded 1/2): "..."' for the feedback and the history."""
    try:
        label = rubric.criterion(dispute.criterion).label
    except KeyError:
        label = dispute.criterion
    graded = ""
    if grade is not None:
        try:
            graded = f" (graded {grade.criterion(dispute.criterion).score}/2)"
        except KeyError:
            graded = ""
    sentence = " ".join(dispute.sentence.split())
    return f'You say {label} is {dispute.level}/2{graded}: "{sentence}"'
