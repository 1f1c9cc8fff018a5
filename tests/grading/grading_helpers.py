"""Shorthands the offline grader's tests share: grade an answer, read its flags and scores.

These tests specify what the hand-written cues recognise, so they grade with the cue layer
alone; the semantic layer on top is specified by tests/grading/test_semantic_layer.py.
"""

from __future__ import annotations

from mockround.bank import Question
from mockround.grading.contract import Grade
from mockround.grading.offline import OfflineGrader


def grade(question: Question, text: str, *, use_model: bool = True) -> Grade:
    """The cue layer's grade of `text` (without the TF-IDF model when `use_model` is False)."""
    return OfflineGrader(use_model=use_model, use_semantic=False).grade(question, text)


def flags(question: Question, text: str, *, use_model: bool = True) -> set[str]:
    """The red-flag ids raised for `text`."""
    return {f.id for f in grade(question, text, use_model=use_model).red_flags}


def score(question: Question, text: str, cid: str, *, use_model: bool = True) -> int:
    """The 0/1/2 score of one criterion for `text`."""
    return grade(question, text, use_model=use_model).scores()[cid]
