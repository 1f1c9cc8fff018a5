"""A scripted OpenAI-compatible chat server for the LLM grader tests (127.0.0.1 only).

Each test sets `server.script` to a list of `Scripted` responses (served in order, the last one
repeating) or to a function of the request. Every request is recorded in `server.requests`.

For batches: `latency` delays every reply (a model's time to answer), `in_flight` and
`max_in_flight` count requests being served at once, `arrivals` holds when each request came
in, and `rate_limit(n)` answers the next n requests with an immediate 429 (a storm).
The batch benchmark imports this module too: there is one fake server, not two.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "fake-grader-1"


@dataclass
class Scripted:
    """One scripted HTTP response."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    """Seconds between bytes of the body: a server that is slow but never silent."""
    content_type: str = "application/json"
    send_length: bool = True
    """False: no content-length, the body ends when the connection closes."""


@dataclass
class Seen:
    """A request as the server received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def mode(self) -> str:
        """json_schema, json_object or plain, from the request's response_format."""
        fmt = self.body.get("response_format")
        return str(fmt["type"]) if isinstance(fmt, dict) else "plain"


Script = list[Scripted] | Callable[[Seen], Scripted]


def completion(
    content: str | None, finish_reason: str = "stop", refusal: str | None = None
) -> Scripted:
    """A 200 chat completion whose message is `content`."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return Scripted(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": MODEL,
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366},
        }
    )


def error(status: int, message: str, code: str | None = None, **headers: str) -> Scripted:
    """An OpenAI-style error body with `status`."""
    body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return Scripted(status=status, body=body, headers=dict(headers))


class FakeOpenAI:
    """The server: start with `start()`, point the SDK at `url`, stop with `stop()`."""

    def __init__(self) -> None:
        self.script: Script = []
        self.requests: list[Seen] = []
        self._release = threading.Event()
        self._lock = threading.Lock()
        self.latency = 0.0
        """Seconds every reply waits before it is sent, on top of its own `delay`."""
        self.in_flight = 0
        self.max_in_flight = 0
        self.arrivals: list[float] = []
        """`time.monotonic()` when each request arrived, in order."""
        self._storm = 0
        self._storm_after: str | None = None
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """Base URL to give the SDK."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release any slow handler and shut down."""
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def modes(self) -> list[str]:
        """The structured-output mode of every chat request, in order."""
        return [r.mode for r in self.requests if r.path.endswith("/chat/completions")]

    def rate_limit(self, count: int, retry_after: str | None = None) -> None:
        """Answer the next `count` requests with HTTP 429 (with Retry-After when given)."""
        with self._lock:
            self._storm = count
            self._storm_after = retry_after

    def _enter(self) -> None:
        with self._lock:
            self.arrivals.append(time.monotonic())
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _respond(self, seen: Seen) -> Scripted:
        with self._lock:
            self.requests.append(seen)
            if self._storm > 0:
                self._storm -= 1
                after = {"retry-after": self._storm_after} if self._storm_after else {}
                return error(429, "Rate limit reached for requests", "rate_limit_exceeded", **after)
            reply = self._scripted(seen)
        if self.latency:
            return replace(reply, delay=reply.delay + self.latency)
        return reply

    def _scripted(self, seen: Seen) -> Scripted:
        script = self.script
        if callable(script):
            return script(seen)
        if not script:
            return error(500, "no script for this test")
        return script.pop(0) if len(script) > 1 else script[0]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"unparsed": raw.decode("utf-8", "replace")}
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                fake._enter()
                self.counted = True
                try:
                    self._reply(fake._respond(seen))
                finally:
                    self._leave()

            def _leave(self) -> None:
                # Before the body goes out: a client that has its reply may send again at once,
                # and must not find this request still counted.
                if self.counted:
                    self.counted = False
                    fake._leave()

            def _reply(self, reply: Scripted) -> None:
                if reply.delay:
                    fake._release.wait(reply.delay)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", reply.content_type)
                    if reply.send_length:
                        self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self._leave()
                    if not reply.drip:
                        self.wfile.write(data)
                        return
                    for index in range(len(data)):
                        self.wfile.write(data[index : index + 1])
                        self.wfile.flush()
                        if fake._release.wait(reply.drip):
                            return
                except (BrokenPipeError, ConnectionResetError):
                    return

        return Handler
