"""The offline grader: rubric cues, negation, order and red-flag checks; no key, no network."""

from mockround.grading.offline.grader import OfflineGrader

__all__ = ["OfflineGrader"]
