"""Choose the grader a command or screen should use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mockround.errors import UserError

if TYPE_CHECKING:
    from mockround.config import Settings
    from mockround.grading.base import Grader
    from mockround.grading.exchange import LLMExchange

ExchangeSink = Callable[["LLMExchange"], None]


def _llm_grader(settings: Settings, on_exchange: ExchangeSink | None) -> Grader | None:
    """The LLM grader, checked against (and falling back to) the offline grader."""
    from mockround.grading.llm import LLMGrader
    from mockround.grading.offline import OfflineGrader

    return LLMGrader(settings.llm, OfflineGrader(), on_exchange)


def make_grader(
    settings: Settings, choice: str | None = None, on_exchange: ExchangeSink | None = None
) -> Grader:
    """The grader for `choice` (default: the settings' `grader`).

    `offline` is always the OfflineGrader; `auto` is the LLM grader when one is configured
    and available, otherwise offline (every grade records which grader made it).
    `on_exchange` receives every LLM request/response, for the history database's log.
    """
    wanted = choice or settings.grader
    if wanted == "llm":
        llm = _llm_grader(settings, on_exchange)
        if llm is None:
            raise UserError("the LLM grader is not available in this build; use --grader offline")
        return llm
    if wanted == "auto" and settings.llm_configured:
        llm = _llm_grader(settings, on_exchange)
        if llm is not None:
            return llm
    if wanted not in ("auto", "offline"):
        raise UserError(f"unknown grader {wanted!r}; choose auto, offline or llm")
    from mockround.grading.offline import OfflineGrader

    return OfflineGrader()
