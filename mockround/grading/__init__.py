"""Grading: the `Grade` contract and the graders that produce it."""

from mockround.grading.base import Grader
from mockround.grading.contract import (
    Band,
    CriterionScore,
    Evidence,
    Grade,
    RedFlagHit,
    band_for,
)

__all__ = ["Band", "CriterionScore", "Evidence", "Grade", "Grader", "RedFlagHit", "band_for"]
