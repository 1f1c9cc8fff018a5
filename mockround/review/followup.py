"""Which follow-up to ask after an answer: the screen gathers the history, this decides."""

from __future__ import annotations

from mockround.bank.followups import choose_followup
from mockround.bank.models import Question
from mockround.grading.contract import Grade
from mockround.store.models import AttemptDetail


def next_followup(
    question: Question, grade: Grade, root: Question, root_detail: AttemptDetail | None
) -> Question | None:
    """The follow-up aimed at the main answer's weakest criterion, skipping ones already asked.

    `root` is the main question (`question` itself unless it is a follow-up) and `root_detail`
    the main answer's stored attempt (None when it is unknown). A follow-up answer is judged by
    the main answer's scores, since that is the answer the next question probes. On a main
    answer, the grader's own suggested wording (an LLM's) replaces the bank prompt of the
    follow-up aimed at the same gap, which keeps that follow-up's rubric.
    """
    asked = {f.question_id for f in root_detail.followups} if root_detail else set()
    if question.is_followup:
        scores: dict[str, int] = {}
        if root_detail is not None and root_detail.grades:
            scores = root_detail.grades[-1].grade.scores()
        asked.add(question.id)
    else:
        scores = grade.scores()
    chosen = choose_followup(root, scores, asked)
    if chosen is not None and not question.is_followup and grade.suggested_followup:
        chosen = chosen.model_copy(update={"prompt": grade.suggested_followup})
    return chosen
