"""Turn every way an LLM call can fail into one line that says what failed and how to fix it.

The messages name the server and the model, never the key: `redact` scrubs the key from
anything a server echoes back before it reaches a warning, an exception or a log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mockround.redact import mask, redact_url

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"


class LLMFailure(Exception):
    """An LLM call that produced no usable grade; the message is one line with the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)


def display_url(base_url: str | None) -> str:
    """The server URL as shown to people: OpenAI's default when unset, credentials removed."""
    if not base_url:
        return OPENAI_DEFAULT_URL
    return redact_url(base_url).rstrip("/")


def redact(text: str, secrets: str | Sequence[str | None] | None) -> str:
    """`text` with every secret masked (re-cased or split by invisible characters too)."""
    if secrets is None or isinstance(secrets, str):
        secrets = [secrets]
    return mask(text, secrets)


def redact_data(data: Any, secrets: str | Sequence[str | None] | None) -> Any:
    """A JSON-like value with the secrets masked in every string inside it."""
    if not secrets:
        return data
    return json.loads(redact(json.dumps(data, default=str, ensure_ascii=False), secrets))


def _server_message(exc: Any) -> str:
    """The short reason a server gave in its error body, if any."""
    body = getattr(exc, "body", None)
    message: object = None
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
    if not message:
        message = getattr(exc, "message", "") or ""
    text = " ".join(str(message).split())
    return text[:160] + ("…" if len(text) > 160 else "")


def describe_api_error(
    exc: BaseException, *, url: str, model: str, timeout: float, retries: int
) -> str:
    """One line for an `openai` SDK exception: what failed, where, and what to do."""
    import openai

    after = f" after {retries} {'retry' if retries == 1 else 'retries'}" if retries else ""
    from mockround.grading.llm.transport import CallDeadline, ReplyTooLarge

    if isinstance(exc, CallDeadline):
        return (
            f"no complete reply from {url} within {timeout:g} s (MOCKROUND_TIMEOUT bounds the "
            f"whole call, reply included): raise it (config llm.timeout) or use a faster "
            f"server or model than {model}"
        )
    if isinstance(exc, ReplyTooLarge):
        return (
            f"the reply from {url} was over {exc.limit:,} bytes and was not read (a grade is a "
            f"few kilobytes): check the server and that {model} is a chat model"
        )
    if isinstance(exc, openai.APITimeoutError):
        return (
            f"no reply from {url} within {timeout:g} s{after}: raise MOCKROUND_TIMEOUT "
            f"(config llm.timeout) or use a faster model than {model}"
        )
    if isinstance(exc, openai.APIConnectionError):
        return (
            f"cannot reach {url}{after} ({_connection_reason(exc)}): start the server, "
            "or fix OPENAI_BASE_URL / --base-url"
        )
    if isinstance(exc, openai.AuthenticationError):
        return f"{url} rejected the API key (HTTP 401): set OPENAI_API_KEY to a valid key for it"
    if isinstance(exc, openai.PermissionDeniedError):
        return (
            f"{url} refused access to model {model} (HTTP 403): check the key's permissions "
            "or choose another model with MOCKROUND_MODEL"
        )
    if isinstance(exc, openai.NotFoundError):
        return (
            f"no model named {model} on {url} (HTTP 404): set MOCKROUND_MODEL or --model to a "
            "model the server serves, and check that the base URL ends in /v1"
        )
    if isinstance(exc, openai.RateLimitError):
        return (
            f"{url} is rate-limiting requests (HTTP 429){after}: wait and retry, "
            "or raise MOCKROUND_MAX_RETRIES"
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        reason = _server_message(exc)
        said = f" ({reason})" if reason else ""
        if status >= 500:
            return f"{url} answered HTTP {status}{after}{said}: check the server's log and retry"
        return (
            f"{url} rejected the request for {model} (HTTP {status}){said}: "
            "check the model name and the server's log"
        )
    if isinstance(exc, openai.OpenAIError) and "credentials" in str(exc).lower():
        return (
            f"no API key for {url}: set OPENAI_API_KEY, or OPENAI_BASE_URL to use a local "
            "server without a key"
        )
    return f"the call to {url} failed ({type(exc).__name__}): check the server and settings"


def _connection_reason(exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    text = str(cause or "").lower()
    if "refused" in text:
        return "connection refused"
    if "name" in text and ("resolve" in text or "known" in text):
        return "unknown host"
    return "connection failed"
