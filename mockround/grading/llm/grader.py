"""`LLMGrader`: grades through any OpenAI-compatible server, checked against the offline grader.

The offline grader always runs first. Its grade is the fallback when the LLM fails in any way
(returned with `grader` = `offline` and a warning that says what failed and how to fix it),
the cap when the answer may be addressing the grader, and the second opinion kept when the
two grades are far apart.
"""

from __future__ import annotations

from typing import Any

from mockround.bank.models import Question
from mockround.config import LLMSettings
from mockround.grading.base import Grader
from mockround.grading.contract import CriterionScore, Grade, band_for
from mockround.grading.llm.assemble import assemble
from mockround.grading.llm.client import MAX_REPLY_TOKENS, ChatClient, ExchangeSink, Reply
from mockround.grading.llm.errors import LLMFailure, describe_api_error
from mockround.grading.llm.modes import Mode, ModeMemory, modes_from, shared_memory
from mockround.grading.llm.prompt import build_messages, correction_messages
from mockround.grading.llm.reply import GradeReply, ReplyError, parse_reply, wire_schema
from mockround.grading.llm.vetting import Reading, vet
from mockround.grading.scoring import overall_score

DISAGREEMENT_MARGIN = 25
"""Overall points apart beyond which both grades are kept and the result says so."""

INJECTION_WARNING = "possible_prompt_injection"
"""Prefix of the offline grader's warning for an answer that addresses the grader."""
SALAD_WARNING = "keyword_salad"


class LLMGrader(Grader):
    """Grades with an LLM; never raises, never returns an unverified or silently swapped grade."""

    name = "llm"
    needs_network = True

    def __init__(
        self,
        settings: LLMSettings,
        offline: Grader,
        on_exchange: ExchangeSink | None = None,
        *,
        margin: int = DISAGREEMENT_MARGIN,
        memory: ModeMemory | None = None,
    ) -> None:
        self.settings = settings
        self.offline = offline
        self.margin = margin
        self._client = ChatClient(settings, on_exchange)
        # The offline analysis that judges the LLM's quotes; the fallback grader may be a stub.
        from mockround.grading.offline import OfflineGrader

        self._analyst: Grader = offline if isinstance(offline, OfflineGrader) else OfflineGrader()
        self._memory = memory
        self._notes: list[str] = []

    @property
    def label(self) -> str:
        """What `Grade.grader` says for grades this grader made."""
        return f"llm:{self.settings.model}"

    @property
    def server(self) -> str:
        """The server URL as shown in messages (no credentials)."""
        return self._client.server

    def grade(self, question: Question, answer: str) -> Grade:
        """Grade with the LLM; on any failure, the offline grade with a warning saying why."""
        offline = self.offline.grade(question, answer)
        if not answer.strip():
            return _with_warning(offline, "llm_skipped: the answer is empty; graded offline")
        try:
            reply = self._ask(question, answer)
        except LLMFailure as exc:
            return self._fallback(offline, exc.message)
        except Exception as exc:
            # A bug or an SDK surprise must still leave the user with a grade and a reason.
            detail = self._client.scrub(" ".join(str(exc).split()))[:200]
            return self._fallback(
                offline,
                f"unexpected {type(exc).__name__} grading with {self.settings.model} on "
                f"{self.server} ({detail}): report it, or use --grader offline",
            )
        claimed = assemble(question, answer, reply, self.label)
        reading = Reading.of(question, answer, offline, self._analyst)
        grade = vet(question, claimed, offline, reading)
        return self._reconcile(question, grade, offline, reading, claimed.overall)

    def _fallback(self, offline: Grade, reason: str) -> Grade:
        return self._logged(_with_warning(offline, f"llm_unavailable: {reason}; graded offline"))

    def _logged(self, grade: Grade) -> Grade:
        failures = self._client.log_failures
        if not failures:
            return grade
        warning = f"llm_log_failed: {len(failures)} exchange(s) not recorded ({failures[-1]})"
        failures.clear()
        return _with_warning(grade, warning)

    def _memory_store(self) -> ModeMemory:
        return self._memory if self._memory is not None else shared_memory()

    def _ask(self, question: Question, answer: str) -> GradeReply:
        import openai

        rubric = question.rubric
        schema = wire_schema(rubric.criterion_ids, [f.id for f in rubric.red_flags])
        messages = build_messages(question, answer)
        memory = self._memory_store()
        model, server = self.settings.model, self.server
        skipped: list[str] = []
        for mode in modes_from(memory.get(server, model)):
            try:
                reply = self._call(messages, mode, schema)
            except openai.APIStatusError as exc:
                if mode != "plain" and (
                    exc.status_code in (400, 415, 422) or exc.status_code >= 500
                ):
                    # llama.cpp answers 500 to json_schema, others 400: try the next mode.
                    skipped.append(f"{mode}: HTTP {exc.status_code}")
                    continue
                raise self._failure(exc) from None
            except openai.OpenAIError as exc:
                raise self._failure(exc) from None
            try:
                parsed = parse_reply(reply.content)
            except ReplyError as problem:
                if mode != "plain":
                    # The server accepted the mode but ignored it; ask more plainly.
                    skipped.append(f"{mode}: {problem}")
                    continue
                parsed = self._correct(messages, mode, schema, reply, problem)
            problem_writing = memory.remember(server, model, mode)
            if problem_writing:
                self._notes.append(
                    f"llm_mode_memory: {problem_writing}; the mode is not remembered"
                )
            return parsed
        raise LLMFailure(f"{model} on {server} gave no usable reply ({'; '.join(skipped)})")

    def _call(self, messages: list[dict[str, str]], mode: Mode, schema: dict[str, Any]) -> Reply:
        reply = self._client.complete(messages, mode, schema)
        model, server = self.settings.model, self.server
        if reply.refusal or reply.finish_reason == "content_filter":
            why = self._client.scrub(" ".join((reply.refusal or "content filter").split()))[:120]
            raise LLMFailure(
                f"{model} on {server} refused to grade the answer ({why}): "
                "use another model or --grader offline"
            )
        if reply.finish_reason == "length":
            raise LLMFailure(
                f"the reply from {model} on {server} was cut off at {MAX_REPLY_TOKENS} tokens "
                "(truncated JSON): use a larger or better instruction-following model"
            )
        return reply

    def _correct(
        self,
        messages: list[dict[str, str]],
        mode: Mode,
        schema: dict[str, Any],
        bad: Reply,
        problem: ReplyError,
    ) -> GradeReply:
        import openai

        retry = messages + correction_messages(bad.content or "", str(problem))
        try:
            again = self._call(retry, mode, schema)
        except openai.OpenAIError as exc:
            raise self._failure(exc) from None
        try:
            return parse_reply(again.content)
        except ReplyError as second:
            raise LLMFailure(
                f"{self.settings.model} on {self.server} did not return a valid grade ({second}) "
                "even after a corrective retry: use a larger or instruction-tuned model"
            ) from None

    def _failure(self, exc: BaseException) -> LLMFailure:
        message = describe_api_error(
            exc,
            url=self.server,
            model=self.settings.model,
            timeout=self.settings.timeout,
            retries=self.settings.max_retries,
        )
        return LLMFailure(self._client.scrub(message))

    def _reconcile(
        self, question: Question, grade: Grade, offline: Grade, reading: Reading, claimed: int
    ) -> Grade:
        """Caps and the second opinion. `claimed` is the LLM's overall before its evidence was
        vetted: a model that claimed far more than it could show disagrees with the offline
        grader, and both grades are kept."""
        warnings = list(grade.warnings)
        warnings += [w for w in offline.warnings if w not in warnings]
        llm_overall = grade.overall
        update: dict[str, Any] = {}
        why = _cap_reason(offline, reading)
        if why and llm_overall > offline.overall:
            update = _capped(question, grade, offline)
            warnings.append(
                f"llm_injection_cap: {why}; the LLM's {llm_overall} "
                f"is capped at the offline grade's {offline.overall}"
            )
        if max(abs(llm_overall - offline.overall), abs(claimed - offline.overall)) > self.margin:
            update["second_opinion"] = offline
            gave = f"{claimed}" if claimed == llm_overall else f"{claimed} ({llm_overall} shown)"
            warnings.append(
                f"llm_offline_disagree: the LLM gave {gave}, the offline grader "
                f"{offline.overall} (more than {self.margin} apart); both grades kept"
            )
        update["warnings"] = warnings + self._notes
        self._notes = []
        return self._logged(grade.model_copy(update=update))


def _cap_reason(offline: Grade, reading: Reading) -> str | None:
    """Why the LLM may not grade above the offline grader here, if it may not."""
    if any(w.startswith(INJECTION_WARNING) for w in offline.warnings):
        return "the answer may address the grader"
    if reading.addressed:
        start, end = reading.addressed[0]
        quote = " ".join(reading.answer[start:end].split())[:60]
        return f'the answer may address the grader ("{quote}")'
    if any(w.startswith(SALAD_WARNING) for w in offline.warnings):
        # A string of terms explains nothing, whatever a model makes of it.
        return "the answer is a keyword salad"
    return None


def _capped(question: Question, grade: Grade, offline: Grade) -> dict[str, Any]:
    """Per-criterion minimum and the union of red flags: never above the offline overall."""
    offline_scores = offline.scores()
    criteria: list[CriterionScore] = []
    for score in grade.criteria:
        floor = offline_scores.get(score.id, 0)
        if score.score > floor:
            replacement = next((c for c in offline.criteria if c.id == score.id), None)
            score = replacement or score.model_copy(update={"score": floor, "evidence": []})
        criteria.append(score)
    flags = list(grade.red_flags)
    flags += [f for f in offline.red_flags if all(f.id != g.id for g in flags)]
    overall = overall_score(
        question.rubric, {c.id: c.score for c in criteria}, [f.id for f in flags]
    )
    overall = min(overall, offline.overall)
    return {"criteria": criteria, "red_flags": flags, "overall": overall, "band": band_for(overall)}


def _with_warning(grade: Grade, warning: str) -> Grade:
    return grade.model_copy(update={"warnings": [*grade.warnings, warning]})
