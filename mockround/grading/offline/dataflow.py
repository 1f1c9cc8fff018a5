"""Order given by data flow in code: a resampled frame that later reaches a split or CV call."""

from __future__ import annotations

import re
from collections.abc import Collection

from mockround.grading.offline.criteria import Hit
from mockround.grading.offline.cues import RedFlagCues
from mockround.grading.offline.text import Sentence

SINK_REACH = 400
"""Characters after a sink call's "(" searched for its arguments (they may span lines)."""

# `name = ...` or `a, b = ...` at the start of a code line (never `==`).
_ASSIGN = re.compile(r"^[ \t]*([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*=(?!=)(.*)$", re.M)


def _mentions(text: str, names: Collection[str]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(name)}\b", text) for name in names)


def _arguments(answer: str, open_paren: int) -> str:
    """The text inside the call's parentheses (balanced), or up to SINK_REACH characters."""
    depth = 0
    for index in range(open_paren, min(len(answer), open_paren + SINK_REACH)):
        if answer[index] == "(":
            depth += 1
        elif answer[index] == ")":
            depth -= 1
            if depth == 0:
                return answer[open_paren + 1 : index]
    return answer[open_paren + 1 : open_paren + SINK_REACH]


def _sentence_at(sentences: list[Sentence], position: int) -> int | None:
    for index, sentence in enumerate(sentences):
        if sentence.start <= position < sentence.end:
            return index
    return None


def dataflow_hits(
    answer: str, sentences: list[Sentence], cues: RedFlagCues, skip: Collection[int]
) -> list[Hit]:
    """Sink calls (`train_test_split(...)`) whose arguments hold a name resampled earlier.

    `df_up = resample(df_minor, ...)`, `df_bal = pd.concat([df_major, df_up])`, then
    `train_test_split(df_bal.drop('y', axis=1), ...)` splits resampled data although no line
    says "before" or "then": names assigned from a `code_source` call are tainted, and so is
    every name later assigned from an expression that mentions a tainted one.
    """
    if not cues.code_source or not cues.code_sink:
        return []
    if all(p.absent_from(answer) for p in cues.code_source):
        return []
    sinks = sorted(
        (match.start(), match.end())
        for pattern in cues.code_sink
        for match in pattern.finditer(answer)
    )
    if not sinks:
        return []
    tainted: dict[str, int] = {}
    for match in _ASSIGN.finditer(answer):
        targets = [name.strip() for name in match.group(1).split(",")]
        value = match.group(2)
        sourced = any(p.search(value) for p in cues.code_source)
        if sourced or _mentions(value, tainted):
            for name in targets:
                tainted.setdefault(name, match.start())
    found: list[Hit] = []
    for start, end in sinks:
        earlier = {name for name, at in tainted.items() if at < start}
        paren = answer.find("(", end - 1)
        if not earlier or paren < 0 or not _mentions(_arguments(answer, paren), earlier):
            continue
        index = _sentence_at(sentences, start)
        if index is not None and index not in skip:
            found.append(Hit(index, start, end))
    return found
