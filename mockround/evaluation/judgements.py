"""Grades and labels as `Judgement`s, so the benchmark and the regression gate compare alike."""

from __future__ import annotations

from mockround.evaluation.agreement import Judgement
from mockround.evaluation.corpus import CorpusItem, RaterLabels
from mockround.grading.contract import Grade


def _locate(text: str, spans: list[str]) -> list[tuple[int, int]]:
    """Character ranges of labelled spans (their first occurrence in the text)."""
    found = []
    for span in spans:
        start = text.find(span)
        if start >= 0:
            found.append((start, start + len(span)))
    return found


def rater_judgement(text: str, labels: RaterLabels | CorpusItem) -> Judgement:
    """A labeller's (or the resolved) judgement, ranked by its holistic label."""
    return Judgement(
        scores=dict(labels.labels),
        red_flags=frozenset(labels.red_flags),
        rank_value=labels.holistic,
        spans={cid: _locate(text, spans) for cid, spans in labels.spans.items()},
    )


def grade_judgement(grade: Grade) -> Judgement:
    """A grader's judgement, ranked by its overall score."""
    return Judgement(
        scores=grade.scores(),
        red_flags=frozenset(f.id for f in grade.red_flags),
        rank_value=grade.overall,
        spans={c.id: [(e.start, e.end) for e in c.evidence] for c in grade.criteria},
    )
