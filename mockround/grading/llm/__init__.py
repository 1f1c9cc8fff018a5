"""The LLM grader: any OpenAI-compatible server through the `openai` SDK.

Importing this package does not import `openai`; the SDK is loaded on the first call.
"""

from mockround.grading.llm.errors import LLMFailure
from mockround.grading.llm.grader import DISAGREEMENT_MARGIN, LLMGrader

__all__ = ["DISAGREEMENT_MARGIN", "LLMFailure", "LLMGrader"]
