"""One request/response with an LLM server, as logged to the history database.

Defined here (not in the store) so the LLM grader can produce it without importing the
store; the store persists it. It never holds an API key: headers are not part of it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from mockround.bounds import MAX_SECONDS, Count, Moment


class LLMExchange(BaseModel):
    """A logged LLM call: what was asked, what came back, how long it took."""

    model_config = ConfigDict(extra="forbid")

    model: str
    server: str
    """Base URL of the server (no credentials)."""
    mode: str
    """Structured-output mode used: json_schema, json_object or plain."""
    latency_ms: float = Field(ge=0, le=MAX_SECONDS * 1000, allow_inf_nan=False)
    prompt_tokens: Count | None = None
    completion_tokens: Count | None = None
    request: dict[str, object]
    """The request body sent (messages, schema, parameters); no headers, no key."""
    response: dict[str, object] | None = None
    """The response body, or None when the call failed before one arrived."""
    error: str | None = None
    created_at: Moment = Field(default_factory=lambda: datetime.now(UTC))
