"""One printer for a grade's body, shared by `mockround grade` and `mockround show`.

Criteria and red flags by the labels the app shows (ids only when the rubric is unknown),
the evidence quoted whole and wrapped: the words that earned a score may end a long sentence.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from mockround.cli.common import print_table, say

if TYPE_CHECKING:
    from mockround.bank import Bank, Question, Rubric
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


def bank_question(bank: Bank | None, question_id: str) -> Question | None:
    """The bank's question or follow-up; None when the bank is invalid or lacks it."""
    if bank is None:
        return None
    try:
        return bank.get(question_id)
    except KeyError:
        return None


def _label(rubric: Rubric | None, item_id: str) -> str:
    """A criterion's short label or a red flag's title, as the app shows them (else the id)."""
    if rubric is not None:
        names = {c.id: c.label for c in rubric.criteria} | {f.id: f.title for f in rubric.red_flags}
        return names.get(item_id, item_id)
    return item_id


def print_grade_body(grade: Grade, rubric: Rubric | None) -> None:
    """Score breakdown, criteria table (label, score, wrapped evidence), unsure marks, red
    flags, feedback."""
    if rubric is not None:
        from mockround.grading.scoring import breakdown_line

        # The 0 floor hides what the rubric gave: say it, and what each red flag took.
        breakdown = breakdown_line(rubric, grade.scores(), [f.id for f in grade.red_flags])
        if breakdown:
            say(breakdown)
    labels = [_label(rubric, s.id) for s in grade.criteria]
    # Label, two gaps and the score column ("2/2 ?") leave the rest of the line to quotes.
    width = max(30, LINE_WIDTH - max(map(len, labels), default=9) - 11)
    rows: list[tuple[str, str, str]] = []
    for label, score in zip(labels, grade.criteria, strict=True):
        lines = [line for e in score.evidence for line in quote_lines(e.text, width)] or ["-"]
        mark = " ?" if score.unsure else ""
        rows.append((label, f"{score.score}/{score.max}{mark}", lines[0]))
        rows.extend(("", "", line) for line in lines[1:])
    print_table(("criterion", "score", "evidence"), rows)
    unsure = [_label(rubric, s.id) for s in grade.criteria if s.unsure]
    if unsure:
        say(f"? unsure: check these yourself: {', '.join(unsure)}")
    if grade.red_flags:
        say()
        say("red flags:")
        for flag in grade.red_flags:
            say(f"  {_label(rubric, flag.id)}")
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
            say(f"  {_label(rubric, criterion_id)}: {text}")
    if grade.suggested_followup:
        say()
        say(f"suggested follow-up: {grade.suggested_followup}")
