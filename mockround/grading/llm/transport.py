"""The HTTP client under the `openai` SDK: a deadline for the whole call and a cap on the reply.

The SDK's timeout bounds each network read, not the request: a server that drips one byte a
second never trips it, and a grade waited 61 s with a 3 s timeout. Nor does it bound the size
of a reply: a 50 MB body was read, parsed and logged. Here a deadline is set when the request
is sent: every phase's timeout is what is left of it, the caller stops waiting at it even if
the status line and headers are still trickling in, and the body is read in chunks against
it and against a byte limit. Each ends the call with an SDK exception the grader already
turns into a one-line `llm_unavailable` warning.

Imported only when an LLM call is made (it imports the SDK and its HTTP library).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import openai

from mockround.grading.llm.backoff import Backoff, retry_after

GRACE_SECONDS = 0.25
MAX_REPLY_BYTES = 256 * 1024
"""A grade reply is a few kilobytes (at most 1,500 tokens); anything past this is not one."""


class ReplyTooLarge(openai.APIError):
    """The server sent more than MAX_REPLY_BYTES; the rest was not read."""

    def __init__(self, request: httpx2.Request, limit: int) -> None:
        super().__init__(f"reply over {limit:,} bytes", request, body=None)
        self.limit = limit


class CallDeadline(openai.APITimeoutError):
    """The whole call (sending, waiting, reading the reply) took longer than the timeout."""

    def __init__(self, request: httpx2.Request, seconds: float) -> None:
        super().__init__(request=request)
        self.seconds = seconds


class _Remaining(dict[str, Any]):
    """A request's timeouts that never exceed the time left before the call's deadline.

    httpcore looks each timeout up when a phase starts (connect, send, wait for headers, read
    the body): each phase then waits at most what is left of the whole call.
    """

    def __init__(self, base: dict[str, Any], deadline: float) -> None:
        super().__init__(base)
        self._deadline = deadline

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        left = max(self._deadline - time.monotonic(), 0.001)
        return left if value is None else min(float(value), left)


class _BoundedStream(httpx2.SyncByteStream):
    """A response body read against a deadline and a byte limit."""

    def __init__(
        self,
        inner: Any,
        request: httpx2.Request,
        deadline: float,
        seconds: float,
        limit: int,
    ) -> None:
        self._inner = inner
        self._request = request
        self._deadline = deadline
        self._seconds = seconds
        self._limit = limit

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._inner:
            received += len(chunk)
            if received > self._limit:
                raise ReplyTooLarge(self._request, self._limit)
            if time.monotonic() > self._deadline:
                raise CallDeadline(self._request, self._seconds)
            yield chunk

    def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            close()


class BoundedClient(openai.DefaultHttpxClient):
    """`openai.DefaultHttpxClient` whose every request ends within `seconds`, reply included."""

    def __init__(
        self,
        *,
        seconds: float,
        max_bytes: int = MAX_REPLY_BYTES,
        backoff: Backoff | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.seconds = seconds
        self.max_bytes = max_bytes
        self.backoff = backoff
        """The gate shared with every other request to this server (see `backoff`)."""

    def send(
        self, request: httpx2.Request, *, stream: bool = False, **kwargs: Any
    ) -> httpx2.Response:
        """Send; read the body (unless streaming) within the deadline and the byte limit.

        The exchange runs in a daemon thread that the caller waits for until the deadline:
        a server can trickle its status line and headers a byte at a time too, and no read
        timeout catches that. A call abandoned this way ends its thread when the server stops.
        """
        if self.backoff is not None:
            # Before the deadline starts: time paused for a rate limit is not the server's.
            self.backoff.wait()
        deadline = time.monotonic() + self.seconds
        request.extensions = {
            **request.extensions,
            "timeout": _Remaining(dict(request.extensions.get("timeout") or {}), deadline),
        }
        outcome: dict[str, Any] = {}

        def exchange() -> None:
            try:
                outcome["response"] = self._exchange(request, deadline, stream, kwargs)
            except BaseException as exc:  # handed to the caller below, never lost
                outcome["error"] = exc

        worker = threading.Thread(target=exchange, name="mockround-llm-call", daemon=True)
        worker.start()
        # A little grace, so a failure the exchange reports itself at the deadline wins.
        worker.join(max(deadline - time.monotonic(), 0.0) + GRACE_SECONDS)
        if worker.is_alive():
            raise CallDeadline(request, self.seconds)
        if "error" in outcome:
            raise outcome["error"]
        response: httpx2.Response = outcome["response"]
        if self.backoff is not None:
            if response.status_code == 429:
                self.backoff.rate_limited(retry_after(response.headers))
            else:
                self.backoff.answered()
        return response

    def _exchange(
        self, request: httpx2.Request, deadline: float, stream: bool, kwargs: dict[str, Any]
    ) -> httpx2.Response:
        response = super().send(request, stream=True, **kwargs)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            response.close()
            raise ReplyTooLarge(request, self.max_bytes)
        response.stream = _BoundedStream(
            response.stream, request, deadline, self.seconds, self.max_bytes
        )
        if not stream:
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        return response
