"""Helpers for the store tests: a controllable clock, a Grade factory, a graded attempt."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from mockround.grading.contract import CriterionScore, Evidence, Grade, RedFlagHit, band_for
from mockround.store import Mode, Store

CRITERIA = (
    "context",
    "diagnosis",
    "weighting",
    "resampling",
    "leakage",
    "threshold",
    "metrics",
    "validation",
)
ANSWER = (
    "It depends on what a missed fraud case costs. I start with class weights, "
    "resample only inside the training folds and judge with PR AUC, never accuracy."
)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by a timedelta's keyword arguments; return the new time."""
        self.now += timedelta(**delta)
        return self.now


GradeFactory = Callable[..., Grade]


def build_grade(
    overall: int = 70,
    *,
    scores: Mapping[str, int] | None = None,
    grader: str = "offline",
    question_id: str = "imbalanced-data",
    answer: str = ANSWER,
    second_opinion: Grade | None = None,
    red_flags: tuple[str, ...] = (),
) -> Grade:
    """A valid Grade with evidence taken from `answer`."""
    chosen = dict.fromkeys(CRITERIA, 1) if scores is None else dict(scores)
    return Grade(
        question_id=question_id,
        grader=grader,
        overall=overall,
        band=band_for(overall),
        criteria=[
            CriterionScore(
                id=cid,
                score=score,
                evidence=[Evidence.of(answer, 0, 8)] if score else [],
                feedback=f"Say why {cid} matters here.",
            )
            for cid, score in chosen.items()
        ],
        red_flags=[RedFlagHit(id=f, evidence=[Evidence.of(answer, 0, 8)]) for f in red_flags],
        words=25,
        speaking_seconds=10.0,
        warnings=["short answer"],
        second_opinion=second_opinion,
    )


def add_graded(
    store: Store,
    clock: FakeClock,
    overall: int,
    *,
    question_id: str = "imbalanced-data",
    mode: Mode = "drill",
    parent_id: str | None = None,
    scores: Mapping[str, int] | None = None,
) -> str:
    """Start, submit (30 s later) and grade one attempt; return its id."""
    attempt_id = store.start_attempt(
        question_id, mode=mode, time_limit=90 if mode == "drill" else None, parent_id=parent_id
    )
    clock.advance(seconds=30)
    store.submit(attempt_id, ANSWER)
    store.add_grade(attempt_id, build_grade(overall, scores=scores, question_id=question_id))
    clock.advance(seconds=30)
    return attempt_id
