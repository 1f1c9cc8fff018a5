"""What the store hands out: attempts, grades, drafts and statistics as pydantic models.

These are the rows the TUI and the CLI see; the SQL shapes stay inside the store.
Every datetime is timezone-aware UTC; callers convert to local time for display.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mockround.bounds import Count, Moment, Seconds
from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange

Mode = Literal["drill", "untimed", "followup"]
TimeLimit = Annotated[int, Field(ge=1, le=24 * 3600)]
"""A timed attempt's allowance in seconds: at most a day."""
MODES: tuple[Mode, ...] = ("drill", "untimed", "followup")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Attempt(_Model):
    """One answer to one question, from the moment the clock started."""

    id: str
    """Stable uuid; survives export and import."""
    question_id: str
    parent_id: str | None = None
    """The attempt this one follows up on (follow-up questions)."""
    mode: Mode
    time_limit: TimeLimit | None = None
    """Seconds allowed (timed drills); None when untimed."""
    started_at: Moment
    submitted_at: Moment | None = None
    duration_seconds: Seconds | None = None
    timed_out: bool = False
    """True when the clock ran out and the answer was locked."""
    text: str = ""
    words: Count = 0
    prompt: str | None = None
    """The exact question shown (an LLM's follow-up wording or the bank prompt); None on
    attempts stored before it was kept, where the bank prompt for question_id applies."""
    paused: bool = False
    """True when the clock was paused: the answer took longer than its timed figures say."""


class Dispute(_Model):
    """The user's claim for a criterion ("I did say that"): a label, never part of a grade."""

    criterion: str = Field(min_length=1)
    """The criterion id disputed."""
    level: int = Field(ge=0, le=2)
    """The score the user claims (0, 1 or 2)."""
    sentence: str = Field(min_length=1)
    """The answer's own words that say it: `text[offsets[0]:offsets[1]]`."""
    offsets: tuple[Count, Count]
    created_at: Moment

    @model_validator(mode="after")
    def _span(self) -> Dispute:
        start, end = self.offsets
        if end - start != len(self.sentence):
            raise ValueError("offsets must span the sentence exactly")
        return self

    def matches(self, answer: str) -> bool:
        """True when the sentence really is in the answer at its offsets."""
        return answer[self.offsets[0] : self.offsets[1]] == self.sentence


class AttemptSummary(Attempt):
    """An attempt with its latest grade's headline figures (one history row)."""

    # Built only from our own rows, never from user input: skipping the extra-key check
    # keeps a page of history close to the cost of the bare query.
    model_config = ConfigDict(extra="ignore")

    overall: int | None = None
    band: str | None = None
    grader: str | None = None


class StoredGrade(_Model):
    """A grade as kept in the database."""

    id: int
    attempt_id: str
    grader: str
    model: str | None = None
    """The LLM model name when the grader was an LLM (`llm:NAME`), else None."""
    created_at: Moment
    grade: Grade
    second_opinion_of: int | None = None
    """Set on a second-opinion row: the id of the grade it was attached to."""


class AttemptDetail(_Model):
    """Everything about one attempt: the answer, every grade, follow-ups, LLM exchanges."""

    attempt: Attempt
    grades: list[StoredGrade] = Field(default_factory=list)
    """Oldest first; second-opinion rows follow the grade they belong to."""
    followups: list[AttemptSummary] = Field(default_factory=list)
    exchanges: list[LLMExchange] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    """The user's own labels, oldest first; the grades above are never changed by them."""

    @property
    def latest_grade(self) -> StoredGrade | None:
        """The newest grade that is not a second opinion."""
        primary = [g for g in self.grades if g.second_opinion_of is None]
        return primary[-1] if primary else None


class Draft(_Model):
    """Autosaved text of an answer that was never submitted."""

    attempt_id: str
    question_id: str
    parent_id: str | None = None
    mode: Mode
    time_limit: TimeLimit | None = None
    text: str
    saved_at: Moment
    started_at: Moment | None = None
    prompt: str | None = None
    """The exact question shown when the attempt began (None: use the bank prompt)."""
    worked_seconds: float | None = None
    """Seconds the clock ran on the attempt at the last save, as the drill counted them."""

    @property
    def elapsed_seconds(self) -> float:
        """Seconds spent on the attempt up to the draft's last save (0 when unknown).

        The drill's own count when it saved one; an older draft falls back to the wall clock
        from the attempt's start, which also counts pauses and closed-app time.
        """
        if self.worked_seconds is not None:
            return self.worked_seconds
        if self.started_at is None:
            return 0.0
        return max((self.saved_at - self.started_at).total_seconds(), 0.0)

    @property
    def seconds_left(self) -> float | None:
        """Seconds that were left on a timed attempt's clock when the draft was saved.

        None when untimed. Never more than the time limit, never below zero.
        """
        if self.time_limit is None:
            return None
        return max(self.time_limit - self.elapsed_seconds, 0.0)


class QuestionStats(_Model):
    """Figures for one question."""

    question_id: str
    attempts: int
    average_overall: float | None = None
    best_overall: int | None = None
    last_overall: int | None = None
    last_at: datetime | None = None


class Stats(_Model):
    """The history at a glance."""

    questions: list[QuestionStats] = Field(default_factory=list)
    total_attempts: int = 0
    """Submitted attempts."""
    followup_attempts: int = 0
    """Submitted follow-up answers (part of total_attempts; left out of the trend and criteria)."""
    graded_attempts: int = 0
    trend_last5: float | None = None
    """Average overall of the last 5 graded main-question attempts."""
    trend_prev5: float | None = None
    """Average overall of the 5 before those."""
    criteria: dict[str, float] = Field(default_factory=dict)
    """Criterion id -> average score (0-2) over the latest grade of each main-question attempt."""
    weakest_criterion: str | None = None
    """The criterion with the lowest average, if any is below full marks."""
    streak_days: int = 0
    """Consecutive local days, ending today (or yesterday), with a submitted attempt."""
