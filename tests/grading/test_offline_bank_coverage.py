"""Every rubric in the bank has offline cues, and each item's own model answer grades well."""

from __future__ import annotations

import re

import pytest

from mockround.bank import load_bank
from mockround.bank.models import Question
from mockround.grading.offline import OfflineGrader
from mockround.grading.offline.cues import load_cues

OFF_TOPIC = (
    "Last weekend I repainted the kitchen a pale green and planted tomatoes along the fence; "
    "the neighbours liked the colour and the dog slept in the sun all afternoon."
)
_ITEMS = list(load_bank().all_items())
_IDS = [item.id for item in _ITEMS]


def _salad(item: Question) -> str:
    """The rubric's own terms (labels and titles, function words removed) run together."""
    function_words = load_cues(item.rubric.id).function_words
    terms = [
        word
        for criterion in item.rubric.criteria
        for word in re.findall(r"[a-z][a-z-]+", f"{criterion.label} {criterion.title}".lower())
        if word not in function_words
    ]
    return " ".join(terms)


@pytest.mark.parametrize("item", _ITEMS, ids=_IDS)
def test_every_criterion_and_red_flag_of_every_rubric_has_cues(item: Question) -> None:
    cues = load_cues(item.rubric.id)
    assert [c for c in item.rubric.criterion_ids if c not in cues.criteria] == []
    assert [f.id for f in item.rubric.red_flags if f.id not in cues.red_flags] == []


@pytest.mark.parametrize("item", _ITEMS, ids=_IDS)
def test_own_model_answers_score_solid_or_strong(item: Question) -> None:
    for answer in filter(None, (item.model_answer, item.deep_answer)):
        grade = OfflineGrader().grade(item, answer)
        assert grade.overall >= 60, (item.id, grade.scores())
        assert grade.band in ("solid", "strong")
        assert not any(w.startswith("no_cues") for w in grade.warnings)


@pytest.mark.parametrize("item", _ITEMS, ids=_IDS)
def test_off_topic_text_and_rubric_keyword_salad_score_at_most_20(item: Question) -> None:
    grader = OfflineGrader()
    assert grader.grade(item, OFF_TOPIC).overall <= 20
    salad = grader.grade(item, _salad(item))
    assert salad.overall <= 20, (item.id, salad.scores())


@pytest.mark.parametrize("item", _ITEMS, ids=_IDS)
def test_model_answers_raise_no_red_flag(item: Question) -> None:
    grade = OfflineGrader().grade(item, item.model_answer)
    assert grade.red_flags == []
