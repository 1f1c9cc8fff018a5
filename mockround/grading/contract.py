"""The `Grade`: the one result type every grader returns, the store keeps and the UI shows."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mockround.bounds import Count, Seconds

Band = Literal["strong", "solid", "developing", "weak"]

# Lower bounds of each band on the 0-100 scale, best first.
BAND_FLOORS: tuple[tuple[Band, int], ...] = (("strong", 80), ("solid", 60), ("developing", 40))


def band_for(overall: int) -> Band:
    """The band an overall score falls in."""
    for band, floor in BAND_FLOORS:
        if overall >= floor:
            return band
    return "weak"


UNSURE_BELOW = 0.7
"""Below this confidence a criterion is shown as unsure: check it yourself."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """An exact span of the answer: `answer[start:end] == text`."""

    text: str = Field(min_length=1)
    start: Count
    end: Count

    @model_validator(mode="after")
    def _consistent(self) -> Evidence:
        if self.end - self.start != len(self.text):
            raise ValueError("end - start must equal len(text)")
        return self

    @classmethod
    def of(cls, answer: str, start: int, end: int) -> Evidence:
        """The span answer[start:end] as evidence."""
        return cls(text=answer[start:end], start=start, end=end)

    def matches(self, answer: str) -> bool:
        """True when this span really is in the answer at its offsets."""
        return answer[self.start : self.end] == self.text


class CriterionScore(_Model):
    """One rubric criterion's score, the words that earned it, and what to do next."""

    id: str
    score: int = Field(ge=0, le=2)
    max: int = Field(default=2, ge=1, le=2)
    evidence: list[Evidence] = Field(default_factory=list)
    feedback: str = ""
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    """How sure the grader is of this score (None: the grader does not say)."""

    @property
    def unsure(self) -> bool:
        """True when the grader is not sure enough for the score to be taken on trust."""
        return self.confidence is not None and self.confidence < UNSURE_BELOW


class RedFlagHit(_Model):
    """A red flag raised, with the span that shows it."""

    id: str
    evidence: list[Evidence] = Field(default_factory=list)


class Grade(_Model):
    """A graded answer. `grader` always says who produced it (e.g. `offline`, `llm:gpt-4o-mini`)."""

    question_id: str
    grader: str = Field(min_length=1)
    overall: int = Field(ge=0, le=100)
    band: Band
    criteria: list[CriterionScore]
    red_flags: list[RedFlagHit] = Field(default_factory=list)
    words: Count
    speaking_seconds: Seconds
    warnings: list[str] = Field(default_factory=list)
    suggested_followup: str | None = None
    """A follow-up question proposed by the grader (the LLM grader may set it)."""
    second_opinion: Grade | None = None
    """Another grader's grade, kept when the two disagree by more than the set margin."""

    @model_validator(mode="after")
    def _band_matches_overall(self) -> Grade:
        if self.band != band_for(self.overall):
            raise ValueError(f"band {self.band!r} does not match overall {self.overall}")
        return self

    def criterion(self, criterion_id: str) -> CriterionScore:
        """The score for one criterion (KeyError if the grade has none)."""
        for score in self.criteria:
            if score.id == criterion_id:
                return score
        raise KeyError(criterion_id)

    def scores(self) -> dict[str, int]:
        """Criterion id -> score."""
        return {c.id: c.score for c in self.criteria}
