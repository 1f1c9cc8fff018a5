"""Glue between the cue scores and the learned sentence model.

The model (sentence_model.py) only fills gaps: for a criterion the cues scored 0, a sentence
the model is confident about counts as a named mention (score 1) and is quoted as evidence.
It never awards a 2 and never overrides a cue score.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from mockround.grading.offline.criteria import CriterionResult, Hit
from mockround.grading.offline.sentence_model import load_model
from mockround.grading.offline.text import Sentence, has_negator

RUBRICS = frozenset({"imbalanced-data"})
"""Rubrics the shipped model was trained for (its criteria ids are this rubric's)."""


def add_model_hits(
    answer: str,
    sentences: list[Sentence],
    results: Mapping[str, CriterionResult],
    skip: Collection[int],
    confidence: float,
) -> dict[str, CriterionResult]:
    """`results` with score-0 criteria lifted to 1 where a sentence scores >= `confidence`."""
    updated = dict(results)
    missing = [cid for cid, r in results.items() if r.score == 0]
    model = load_model() if missing else None
    if model is None:
        return updated
    for index, sentence in enumerate(sentences):
        if index in skip or len(sentence.text.split()) < 4:
            continue
        # The model cannot tell what a "not" denies, so a sentence with any denial is left to
        # the cues ("I avoid class weights entirely" is not weighting).
        if has_negator(sentence.text):
            continue
        still = [cid for cid in missing if updated[cid].score == 0]
        if not still:
            break
        probabilities = model.probabilities(sentence.text, still)
        for cid in still:
            if updated[cid].score == 0 and probabilities.get(cid, 0.0) >= confidence:
                updated[cid] = CriterionResult(cid, 1, (Hit(index, sentence.start, sentence.end),))
    return updated
