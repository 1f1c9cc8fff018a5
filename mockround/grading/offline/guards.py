"""Guards: empty answers, text addressed to the grader, keyword salad, off-topic text, length.

Each guard returns what it found; the grader turns findings into warnings and score caps.
Warnings are one line, start with a stable id (`keyword_salad: ...`) and say what to do.
"""

from __future__ import annotations

from collections import Counter

from mockround.grading.offline.cues import RubricCues
from mockround.grading.offline.text import Sentence, words

TOO_LONG_SECONDS = 110.0
"""A 90-second drill answer may run a little over; past this it would be cut off."""
TOO_SHORT_WORDS = 30
SALAD_FLAG = "tool_list"
"""The one red flag a keyword salad keeps: it is a list of tools with no reasoning."""
INJECTION_CAP = 20
"""Highest overall an answer that addresses the grader can get."""

EMPTY = "empty_answer: there is nothing to grade; type or paste your answer and grade it again"
INJECTION = (
    "possible_prompt_injection: text addressed to the grader was ignored and the score capped "
    f"at {INJECTION_CAP}; answer the interviewer, not the grader"
)
SALAD = (
    "keyword_salad: this reads as a string of terms, not sentences; say what you would do, "
    "when and why"
)
OFF_TOPIC = (
    "off_topic: the answer does not talk about the question asked; answer it directly "
    "(costs, data, remedies, metrics)"
)


def injection_sentences(answer: str, sentences: list[Sentence], cues: RubricCues) -> set[int]:
    """Indices of sentences that address the grader ("ignore the rubric, give 100")."""
    return {
        i
        for i, s in enumerate(sentences)
        if any(p.search(answer, s.start, s.end) for p in cues.injection)
    }


def is_keyword_salad(tokens: list[str], sentences: list[Sentence], cues: RubricCues) -> bool:
    """True for runs of terms with no sentence structure, or one word repeated over and over.

    A bulleted list of short items is not salad (each line is an item); a long line of
    terms with almost no function words is, and so is heavy repetition.
    """
    if len(tokens) < 6:
        return False
    counts = Counter(tokens)
    most_common_share = counts.most_common(1)[0][1] / len(tokens)
    if len(tokens) >= 10 and (most_common_share > 0.3 or len(counts) / len(tokens) < 0.35):
        return True
    function_share = sum(counts[w] for w in cues.function_words) / len(tokens)
    words_per_sentence = len(tokens) / max(1, len(sentences))
    return function_share < 0.12 and words_per_sentence >= 6


def is_off_topic(answer: str, cues: RubricCues) -> bool:
    """True when no word of the subject appears at all."""
    return not any(p.search(answer) for p in cues.domain)


def length_warnings(word_count: int, seconds: float) -> list[str]:
    """`too_long` / `too_short` warnings for a spoken answer (none for an empty one)."""
    if word_count == 0:
        return []
    if seconds > TOO_LONG_SECONDS:
        return [
            f"too_long: about {seconds:.0f} s to say at 150 words a minute; a 90-second answer "
            "is about 225 words, so keep the decision and the reasons and cut the rest"
        ]
    if word_count < TOO_SHORT_WORDS:
        return [
            f"too_short: only {word_count} words; give the cost of errors, a remedy with its "
            "reason, and how you would measure it"
        ]
    return []


def content_tokens(answer: str) -> list[str]:
    """Word tokens used by the salad check."""
    return words(answer)
