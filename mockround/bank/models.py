"""The question bank and rubric models.

Two layers: `*Spec` models mirror the TOML files exactly (extra keys are errors, so a
typo in a field name is caught by `mockround check`); `Question` is the resolved view the
graders, the store and the TUI use, with its rubric attached.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


MAIN_QUESTION = "imbalanced-data"
"""The question the product is built around; its follow-ups form their own family."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Levels(_Strict):
    """What each score of a criterion means."""

    absent: str = Field(min_length=1)
    """Score 0."""
    named: str = Field(min_length=1)
    """Score 1: the idea is named or touched."""
    reasoned: str = Field(min_length=1)
    """Score 2: named with the condition or reason that makes it the right call."""


class Criterion(_Strict):
    """One thing a strong answer does, scored 0 / 1 / 2."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    label: str = Field(min_length=1, max_length=24)
    """Short label for narrow tables."""
    weight: float
    levels: Levels
    say: str = Field(min_length=1)
    """A concrete phrase the candidate could have said (used in feedback)."""
    demos: tuple[str, ...] = ()
    """Ids of the runnable demos that back this criterion."""

    @field_validator("weight")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("weight must be positive")
        return value


class RedFlag(_Strict):
    """A mistake an interviewer would hold against the answer."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    penalty: int = Field(ge=0, le=100)
    """Points taken off `overall` when the flag is raised."""
    say: str = Field(min_length=1)
    """What to say instead."""
    demos: tuple[str, ...] = ()


class Rubric(_Strict):
    """Criteria and red flags for one question or follow-up."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    red_flags: tuple[RedFlag, ...] = ()

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError if absent)."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Criterion ids in rubric order."""
        return tuple(c.id for c in self.criteria)

    @property
    def total_weight(self) -> float:
        """Sum of the criteria weights."""
        return sum(c.weight for c in self.criteria)


class ModelAnswers(_Strict):
    """Model answers: one sayable in about 90 seconds, one deeper."""

    short: str = Field(min_length=1)
    deep: str | None = None


class FollowUpSpec(_Strict):
    """A follow-up as written in a question file."""

    id: str = Field(pattern=ID_PATTERN)
    prompt: str = Field(min_length=1)
    title: str = Field(min_length=1)
    rubric: str
    targets: tuple[str, ...] = Field(min_length=1)
    """Criteria of the parent question this follow-up probes; used to aim it at a weak spot."""
    model_answer: str = Field(min_length=1)


class QuestionSpec(_Strict):
    """A question file in `question_bank/`."""

    id: str = Field(pattern=ID_PATTERN)
    prompt: str = Field(min_length=1)
    title: str = Field(min_length=1)
    order: int = 100
    """Sort key on the home screen (main question first)."""
    rubric: str
    model_answers: ModelAnswers
    followups: tuple[FollowUpSpec, ...] = ()


class Question(_Strict):
    """A question or follow-up, resolved: what graders, store and UI work with."""

    id: str
    prompt: str
    title: str
    rubric: Rubric
    model_answer: str
    """The answer to show first (the 90-second one for a main question)."""
    deep_answer: str | None = None
    parent_id: str | None = None
    """Set for follow-ups: the question they follow."""
    targets: tuple[str, ...] = ()
    followups: tuple[Question, ...] = ()
    order: int = 100

    @property
    def is_followup(self) -> bool:
        """True for a follow-up question."""
        return self.parent_id is not None

    @property
    def family(self) -> Literal["main", "follow-ups", "related"]:
        """The main question, its follow-ups, or the related questions and theirs."""
        if self.id == MAIN_QUESTION:
            return "main"
        return "follow-ups" if self.parent_id == MAIN_QUESTION else "related"
