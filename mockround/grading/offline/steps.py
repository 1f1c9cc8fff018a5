"""Order given by numbered steps: a practice in one step followed by another in a later step."""

from __future__ import annotations

import re
from collections.abc import Collection

from mockround.grading.offline.criteria import Hit, find_hits
from mockround.grading.offline.cues import RedFlagCues
from mockround.grading.offline.pattern import Pattern
from mockround.grading.offline.text import Sentence

# "Step 2: ..." at the start of a sentence or list line. A bare "2." is not enough: a
# numbered list of techniques ("5 techniques: 1. Resample the dataset 2. Use K-fold ...")
# offers alternatives, not an order.
_STEP = re.compile(r"\W*step\s*(\d{1,2})\s*[:.)-]\s", re.IGNORECASE)


def _steps(sentences: list[Sentence]) -> list[tuple[int, int, int]]:
    """(number, first sentence, end sentence) of every numbered step, in answer order.

    A step runs from its numbered sentence to the next numbered one, so the code lines under
    "Step 2: apply ADASYN" belong to step 2.
    """
    marks = []
    for index, sentence in enumerate(sentences):
        match = _STEP.match(sentence.text + " ")
        if match:
            marks.append((int(match.group(1)), index))
    return [
        (number, first, marks[k + 1][1] if k + 1 < len(marks) else len(sentences))
        for k, (number, first) in enumerate(marks)
    ]


def _span_matches(
    answer: str, sentences: list[Sentence], first: int, end: int, patterns: Collection[Pattern]
) -> bool:
    return any(
        p.search(answer, sentences[i].start, sentences[i].end)
        for i in range(first, end)
        for p in patterns
    )


def step_order_hits(
    answer: str, sentences: list[Sentence], cues: RedFlagCues, skip: Collection[int]
) -> list[Hit]:
    """Hits of `step_act` in a numbered step that a later-numbered step follows with `step_then`.

    "Step 2: apply ADASYN to the features and target. Step 3: split with train_test_split"
    resamples before the split although no sentence says "before" or "then". A step whose
    own lines match an `unless` cue ("only on the training split") raises nothing.
    """
    if not cues.step_act or not cues.step_then:
        return []
    steps = _steps(sentences)
    found: list[Hit] = []
    for number, first, end in steps:
        acts = find_hits(answer, sentences[first:end], cues.step_act)
        if not acts or _span_matches(answer, sentences, first, end, cues.unless):
            continue
        later = any(
            other > number and f > first and _span_matches(answer, sentences, f, e, cues.step_then)
            for other, f, e in steps
        )
        if later and first + acts[0].sentence not in skip:
            found.append(Hit(first + acts[0].sentence, acts[0].start, acts[0].end))
    return found
