"""The semantic layer of the offline grader: what each criterion covers, read by meaning.

Hand-written cues are precise on the phrasings they know and blind to the rest; the model
trained on real answers reads every sentence. Together they decide whether a criterion is
covered: a criterion the cues missed is lifted to 1 (named) with the sentence that carries it
as evidence. The layer only adds: a cue score stands (on dev, letting the model drop cue hits
gained nothing), and a 2 still needs the cues' reason: the model never awards one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from mockround.bank.models import Question
from mockround.grading.offline.criteria import CriterionResult, Hit
from mockround.grading.offline.text import Sentence, has_negator

_WORD = re.compile(r"[A-Za-z]{2}")
SENTENCE_FLOOR = 0.5
"""A lift must quote a sentence the sentence regression itself finds more likely than not to
carry the criterion: an answer-level hunch with no such sentence lifts nothing."""


def scored_sentences(sentences: list[Sentence], skip: Collection[int]) -> list[int]:
    """Indices of the sentences the model reads: not addressed to the grader, with words in."""
    return [i for i, s in enumerate(sentences) if i not in skip and _WORD.search(s.text)]


def adjust(
    question: Question,
    sentences: list[Sentence],
    skip: Collection[int],
    results: Mapping[str, CriterionResult],
) -> tuple[dict[str, CriterionResult], dict[str, float]]:
    """Results with coverage settled by the model, and each criterion's confidence."""
    from mockround.grading.semantic.model import load

    loaded = load()
    updated = dict(results)
    if loaded is None:
        return updated, {}
    model, encoder = loaded
    rubric = question.rubric
    indices = scored_sentences(sentences, skip)
    embeddings = encoder.encode([sentences[i].text for i in indices])
    confidence: dict[str, float] = {}
    for cid, result in results.items():
        if not model.knows(rubric.id, cid):
            continue
        signals = model.signals(question.family, rubric.id, cid, result.score, embeddings)
        covered = signals.probability >= signals.threshold
        confidence[cid] = round(signals.probability if covered else 1 - signals.probability, 3)
        if covered and result.score == 0:
            # The model cannot tell what a "not" denies: a sentence with a denial in it is left
            # to the cues ("we didnt do any SMOTE" is not resampling), and with no other
            # sentence to quote, nothing is lifted.
            quotable = [
                i
                for i in signals.ranking
                if signals.sentence_scores[i] >= SENTENCE_FLOOR
                and not has_negator(sentences[indices[i]].text)
            ]
            if not quotable:
                confidence[cid] = round(1 - signals.probability, 3)
                continue
            index = indices[quotable[0]]
            sentence = sentences[index]
            updated[cid] = CriterionResult(cid, 1, (Hit(index, sentence.start, sentence.end),))
    return updated, confidence
