"""One printer for a grade's body, shared by `mockround grade` and `mockround show`.

Criteria and red flags by the labels the app shows (ids only when the rubric is unknown),
the evidence quoted whole and wrapped: the words that earned a score may end a long sentence.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from mockround.cli.common import print_table, say

if TYPE_CHECKING:
    from mockround.bank import Bank, Rubric
    from mockround.grading.contract import Grade

LINE_WIDTH = 80
"""The table fits this many columns (with the longest label the rubric uses)."""


def quote_lines(text: str, width: int) -> list[str]:
    """The evidence in quotes, wrapped to `width`, never cut."""
    return textwrap.wrap(f'"{" ".join(text.split())}"', width) or ['""']


def bank_if_valid() -> Bank | None:
    """The shipped bank for labels and prompts; None when it is invalid (ids are shown)."""
    from mockround.bank import BankError, load_bank

    try:
        return load_bank()
    except BankError:
        return None


def rubric_for(bank: Bank | None, question_id: str) -> Rubric | None:
    """The rubric a question is graded by; None when the bank lacks the question."""
    if bank is None:
        return None
    try:
        return bank.get(question_id).rubric
    except KeyError:
        return None


def _criterion_label(rubric: Rubric | None, criterion_id: str) -> str:
    if rubric is not None:
        for criterion in rubric.criteria:
            if criterion.id == criterion_id:
                return criterion.label
    return criterion_id


def _flag_title(rubric: Rubric | None, flag_id: str) -> str:
    if rubric is not None:
        for flag in rubric.red_flags:
            if flag.id == flag_id:
                return flag.title
    return flag_id


def print_grade_body(grade: Grade, rubric: Rubric | None) -> None:
    """Criteria table (label, score, wrapped evidence), unsure marks, red flags, feedback."""
    labels = [_criterion_label(rubric, s.id) for s in grade.criteria]
    # Label, two gaps and the score column ("2/2 ?") leave the rest of the line to quotes.
    width = max(30, LINE_WIDTH - max(map(len, labels), default=9) - 11)
    rows: list[tuple[str, str, str]] = []
    for label, score in zip(labels, grade.criteria, strict=True):
        lines = [line for e in score.evidence for line in quote_lines(e.text, width)] or ["-"]
        mark = " ?" if score.unsure else ""
        rows.append((label, f"{score.score}/{score.max}{mark}", lines[0]))
        rows.extend(("", "", line) for line in lines[1:])
    print_table(("criterion", "score", "evidence"), rows)
    unsure = [_criterion_label(rubric, s.id) for s in grade.criteria if s.unsure]
    if unsure:
        say(f"? unsure: check these yourself: {', '.join(unsure)}")
    if grade.red_flags:
        say()
        say("red flags:")
        for flag in grade.red_flags:
            say(f"  {_flag_title(rubric, flag.id)}")
            for evidence in flag.evidence:
                say("\n".join(f"    {line}" for line in quote_lines(evidence.text, width)))
    if grade.warnings:
        say()
        say("warnings:")
        for warning in grade.warnings:
            say(f"  {warning}")
    feedback = [(s.id, s.feedback) for s in grade.criteria if s.feedback]
    if feedback:
        say()
        say("feedback:")
        for criterion_id, text in feedback:
            say(f"  {_criterion_label(rubric, criterion_id)}: {text}")
    if grade.suggested_followup:
        say()
        say(f"suggested follow-up: {grade.suggested_followup}")
