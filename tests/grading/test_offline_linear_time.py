"""Grading time stays linear in the answer's length, whatever its punctuation (issue 12
case 14): an 18,800-character sentence with no full stop took 18 s, prose of the same
length under a second. Grades themselves do not change (benchmarks/data grade identically).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from mockround.bank import Question
from mockround.grading.offline import OfflineGrader
from mockround.grading.offline.text import Sentence, clause_start, split_sentences

PHRASE = (
    "i would first ask what a missed fraud costs and then use class weights because the "
    "minority class is small and maybe smote inside the training folds only and tune the "
    "threshold and report pr auc instead of accuracy "
)
OWN = Path(__file__).parents[2] / "benchmarks" / "data" / "own_answers.jsonl"


def _seconds(grader: OfflineGrader, question: Question, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        grader.grade(question, text)
        best = min(best, time.perf_counter() - started)
    return best


def _run_on(length: int) -> str:
    return (PHRASE * (length // len(PHRASE) + 1))[:length]


def test_a_long_sentence_without_punctuation_grades_about_as_fast_as_prose(
    question: Question,
) -> None:
    grader = OfflineGrader()
    grader.grade(question, "warm up the cues and the model")
    prose = " ".join(json.loads(line)["text"] for line in OWN.read_text().splitlines())[:18_800]
    wall = _run_on(18_800)
    assert "." not in wall
    wall_time, prose_time = _seconds(grader, question, wall), _seconds(grader, question, prose)
    assert wall_time < 5.0
    assert wall_time < 4 * prose_time + 0.2


def test_doubling_an_unpunctuated_answer_roughly_doubles_the_time(question: Question) -> None:
    grader = OfflineGrader()
    grader.grade(question, "warm up the cues and the model")
    half, full = (
        _seconds(grader, question, _run_on(9_400)),
        _seconds(grader, question, _run_on(18_800)),
    )
    assert full < 3.2 * half + 0.1


def test_clause_starts_match_a_rescan_including_a_cut_word(question: Question) -> None:
    text = "but- wouldn't use smote, however the weights but butter help"
    (sentence,) = split_sentences(text)
    # "but" is a break only where a word boundary follows it within the scanned part.
    assert clause_start(text, sentence, 3) == 3
    assert clause_start(text, sentence, 7) == 3
    assert clause_start(text, sentence, text.index("the weights")) == text.index(" the weights")
    assert clause_start(text, sentence, text.index("butter") + 3) == text.index("butter") + 3
    assert clause_start(text, Sentence(0, len(text), text, 0), len(text)) == text.index(" butter")
