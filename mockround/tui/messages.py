"""Messages workers post back to the screens that started them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from mockround.demos.models import DemoResult
    from mockround.grading import Grade


@dataclass
class GradeReady(Message):
    """A grade for an attempt came back from the grader and is stored."""

    attempt_id: str
    grade: Grade


@dataclass
class GradeFailed(Message):
    """The grader raised; the attempt itself is already stored."""

    attempt_id: str
    error: str


@dataclass
class DemoFinished(Message):
    """A demo run finished in its worker."""

    demo_id: str
    result: DemoResult


@dataclass
class DemoFailed(Message):
    """A demo run raised."""

    demo_id: str
    error: str
