"""The grader interface: graders are siblings, and adding a backend is one new file."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from mockround.bank.models import Question
from mockround.grading.contract import Grade


class Grader(ABC):
    """Grades one answer to one question against the question's rubric."""

    name: ClassVar[str]
    """Short name recorded on every grade (`offline`, `llm`)."""
    needs_network: ClassVar[bool] = False

    @abstractmethod
    def grade(self, question: Question, answer: str) -> Grade:
        """Score `answer` against `question.rubric`; never raises for any answer text."""
