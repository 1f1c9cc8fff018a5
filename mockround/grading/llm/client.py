"""One chat-completion call through the `openai` SDK, logged as an `LLMExchange`.

The SDK is imported here, inside the functions, so the default (offline) path never loads it.
Every call is reported to `on_exchange`, successful or not, with the request body and the
response body but never a header or the key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mockround.bounds import MAX_COUNT
from mockround.config import LLMSettings
from mockround.grading.exchange import LLMExchange
from mockround.grading.llm.errors import LLMFailure, display_url, redact, redact_data
from mockround.grading.llm.modes import Mode, response_format
from mockround.redact import url_secrets

if TYPE_CHECKING:
    from openai import OpenAI

ExchangeSink = Callable[[LLMExchange], None]

MAX_LOGGED_CHARS = 32_000
"""Longest string kept in a logged request or response (the longest answer fits)."""
MAX_REPLY_TOKENS = 1500
"""Room for eight criteria with quotes; a reply cut off here is reported as truncated."""

# A local server needs no key, but the SDK insists on one; this placeholder is not a secret.
LOCAL_PLACEHOLDER_KEY = "no-key-needed"


@dataclass(frozen=True)
class Reply:
    """What came back from one call."""

    content: str | None
    finish_reason: str | None
    refusal: str | None


class ChatClient:
    """Sends grading requests to one server and model, reporting each exchange."""

    def __init__(self, settings: LLMSettings, on_exchange: ExchangeSink | None = None) -> None:
        self.settings = settings
        self.server = display_url(settings.base_url)
        self._on_exchange = on_exchange
        self._client: OpenAI | None = None
        self._secret = settings.api_key.get_secret_value() if settings.api_key else None
        # A key inside the base URL is as secret as OPENAI_API_KEY, wherever a server echoes it.
        self._secrets = [self._secret, *url_secrets(settings.base_url)]
        self.log_failures: list[str] = []
        """Why exchanges could not be logged (the sink raised), for the grader to report."""

    @property
    def model(self) -> str:
        """The model name requests ask for."""
        return self.settings.model

    def scrub(self, text: str) -> str:
        """`text` with the API key masked."""
        return redact(text, self._secrets)

    def _sdk(self) -> OpenAI:
        if self._client is None:
            from openai import OpenAI

            key = self._secret
            if key is None and self.settings.base_url:
                key = LOCAL_PLACEHOLDER_KEY
            from mockround.grading.llm.backoff import shared_backoff
            from mockround.grading.llm.transport import BoundedClient

            self._client = OpenAI(
                api_key=key,
                base_url=self.settings.base_url or None,
                timeout=self.settings.timeout,
                max_retries=self.settings.max_retries,
                # The timeout bounds each whole request, reply included, and the reply's size.
                # A 429 pauses every request to this server, not just the one that got it.
                http_client=BoundedClient(
                    seconds=self.settings.timeout,
                    timeout=self.settings.timeout,
                    backoff=shared_backoff(self.server),
                ),
            )
        return self._client

    def request_body(
        self, messages: list[dict[str, str]], mode: Mode, schema: dict[str, Any]
    ) -> dict[str, Any]:
        """The JSON body of a grading request in `mode` (temperature 0, bounded length)."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": MAX_REPLY_TOKENS,
        }
        fmt = response_format(mode, schema)
        if fmt is not None:
            body["response_format"] = fmt
        return body

    def complete(self, messages: list[dict[str, str]], mode: Mode, schema: dict[str, Any]) -> Reply:
        """Make one call (the SDK retries 429, 5xx and timeouts); log it; return the reply.

        Raises the SDK's own exceptions; the caller maps them to one-line messages.
        """
        body = self.request_body(messages, mode, schema)
        started = time.perf_counter()
        try:
            completion = self._sdk().chat.completions.create(**body)
        except Exception as exc:
            self._log(body, mode, started, response=_error_body(exc), error=_error_text(exc))
            raise
        from openai.types.chat import ChatCompletion

        choices = getattr(completion, "choices", None)
        if not isinstance(completion, ChatCompletion) or not isinstance(choices, list):
            # An HTML page (a web UI at the base URL) or JSON of another shape, with HTTP 200.
            shown = " ".join(str(completion).split())[:2000]
            self._log(body, mode, started, response={"body": shown}, error="not a chat completion")
            what = "an HTML page" if shown.lstrip().startswith("<") else "something else"
            raise LLMFailure(
                f"{self.server} answered with {what}, not a chat completion: check that the "
                "base URL is the API's own (it usually ends in /v1)"
            )
        usage = getattr(completion, "usage", None)
        self._log(
            body,
            mode,
            started,
            response=completion.to_dict(mode="json"),
            prompt_tokens=_count(getattr(usage, "prompt_tokens", None)),
            completion_tokens=_count(getattr(usage, "completion_tokens", None)),
        )
        if not choices:
            return Reply(content=None, finish_reason=None, refusal=None)
        message = getattr(choices[0], "message", None)
        # A server may reflect the request (key included) into its text; nothing downstream
        # (grade, feedback, follow-up) should ever carry it.
        content = getattr(message, "content", None)
        refusal = getattr(message, "refusal", None)
        finish = getattr(choices[0], "finish_reason", None)
        return Reply(
            content=self.scrub(content) if isinstance(content, str) else None,
            finish_reason=finish if isinstance(finish, str) else None,
            refusal=self.scrub(refusal) if isinstance(refusal, str) and refusal else None,
        )

    def _log(
        self,
        body: dict[str, Any],
        mode: Mode,
        started: float,
        *,
        response: dict[str, Any] | None,
        error: str | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
    ) -> None:
        if self._on_exchange is None:
            return
        exchange = LLMExchange(
            model=self.model,
            server=self.server,
            mode=mode,
            latency_ms=round((time.perf_counter() - started) * 1000, 1),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            request=bounded(redact_data(body, self._secrets)),
            response=bounded(redact_data(response, self._secrets))
            if response is not None
            else None,
            error=self.scrub(error)[:MAX_LOGGED_CHARS] if error else None,
        )
        try:
            self._on_exchange(exchange)
        except Exception as exc:
            # Losing a log line must not lose the grade; the grader reports it as a warning.
            self.log_failures.append(f"{type(exc).__name__}: {self.scrub(str(exc))[:200]}")


def _count(value: object) -> int | None:
    """A token count a server reported, if it is a plausible one."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
        return value
    return None


def bounded(data: Any, limit: int = MAX_LOGGED_CHARS) -> Any:
    """A JSON-like value with every string cut to `limit` characters, saying how much was cut.

    The log keeps what is needed to see what happened, not every byte a server sent: the
    answer (at most 20,000 characters) fits whole, a runaway reply does not.
    """
    if isinstance(data, str):
        if len(data) <= limit:
            return data
        return f"{data[:limit]}… [{len(data) - limit:,} more characters not logged]"
    if isinstance(data, dict):
        return {key: bounded(value, limit) for key, value in data.items()}
    if isinstance(data, list):
        return [bounded(item, limit) for item in data]
    return data


def _error_body(exc: BaseException) -> dict[str, Any] | None:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        return {"status_code": getattr(exc, "status_code", None), "body": body}
    if body is not None:
        return {"status_code": getattr(exc, "status_code", None), "body": str(body)[:2000]}
    return None


def _error_text(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    prefix = f"HTTP {status}: " if status else ""
    return f"{prefix}{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
