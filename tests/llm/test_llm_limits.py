"""Servers that are slow, huge, not an API, or leak a key through the URL (issue 12 cases 5,
12, 13 and 15): the timeout bounds the whole call, replies and logs are capped, every failure
is a one-line fallback, and a key inside the base URL never surfaces.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
from llm_fake_server import FakeOpenAI, Scripted, Seen, completion, error
from llm_helpers import ANSWER, SECRET_KEY, make_grader, question, reply_json

from mockround import locations
from mockround.cli import main
from mockround.grading.contract import Grade
from mockround.grading.exchange import LLMExchange
from mockround.grading.llm.client import MAX_LOGGED_CHARS
from mockround.grading.llm.transport import MAX_REPLY_BYTES

URL_KEY = "sk-url-QUERYKEY-0a1b2c3d4e5f6a7b"


def _warning(grade: Grade, prefix: str) -> str:
    found = [w for w in grade.warnings if w.startswith(prefix)]
    assert found, f"no {prefix!r} warning in {grade.warnings}"
    return found[0]


def test_a_server_dripping_its_reply_is_cut_off_at_the_timeout(fake_server: FakeOpenAI) -> None:
    # One byte every 50 ms: every single read is quick, the whole reply would take over a minute.
    reply = completion(reply_json())
    fake_server.script = [Scripted(body=reply.body, drip=0.05)]
    started = time.perf_counter()
    grade = make_grader(fake_server, timeout=1.0, retries=2).grade(question(), ANSWER)
    elapsed = time.perf_counter() - started

    assert elapsed < 3.0
    assert grade.grader == "offline"
    warning = _warning(grade, "llm_unavailable")
    assert "no complete reply" in warning and "within 1 s" in warning
    assert len(fake_server.requests) == 1  # a drip is not retried into a longer wait


def test_a_server_dripping_its_status_line_and_headers_is_cut_off_at_the_timeout() -> None:
    # No read ever waits long, so no read timeout fires: only a deadline on the call does.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: " + b"y" * 400 + b"\r\n\r\n"
            for index in range(len(head)):
                if stop.wait(0.05):
                    return
                conn.sendall(head[index : index + 1])

    threading.Thread(target=drip, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    try:
        started = time.perf_counter()
        grade = make_grader(url, timeout=1.0).grade(question(), ANSWER)
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        listener.close()
    assert elapsed < 3.0
    assert "no complete reply" in _warning(grade, "llm_unavailable")


def test_a_server_slow_to_start_but_within_the_timeout_is_still_used(
    fake_server: FakeOpenAI,
) -> None:
    fake_server.script = [Scripted(body=completion(reply_json()).body, delay=0.4)]
    grade = make_grader(fake_server, timeout=3.0).grade(question(), ANSWER)
    assert grade.grader.startswith("llm:")


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "until-close"])
def test_a_huge_reply_is_refused_unread_and_logged_small(
    send_length: bool, fake_server: FakeOpenAI
) -> None:
    body = completion("x" * (3 * 1024 * 1024)).body
    fake_server.script = [Scripted(body=body, send_length=send_length)]
    exchanges: list[LLMExchange] = []
    grade = make_grader(fake_server, exchanges=exchanges, retries=2).grade(question(), ANSWER)

    assert grade.grader == "offline"
    assert f"over {MAX_REPLY_BYTES:,} bytes" in _warning(grade, "llm_unavailable")
    assert len(exchanges) == 1
    assert len(exchanges[0].model_dump_json()) < 100_000


def test_logged_strings_are_capped_and_say_how_much_was_cut(fake_server: FakeOpenAI) -> None:
    long_content = "y" * 200_000  # under the reply cap, far over what the log keeps
    fake_server.script = [completion(long_content)]
    exchanges: list[LLMExchange] = []
    make_grader(fake_server, exchanges=exchanges).grade(question(), ANSWER)

    logged = json.dumps([e.response for e in exchanges])
    assert "y" * (MAX_LOGGED_CHARS + 1) not in logged
    assert "more characters not logged" in logged
    assert ANSWER in json.dumps(exchanges[0].request)  # the answer itself is kept whole


def test_an_html_page_with_status_200_is_a_clear_one_line_failure(
    fake_server: FakeOpenAI,
) -> None:
    page = "<!doctype html><html><body><h1>Open WebUI</h1></body></html>"
    fake_server.script = [Scripted(body=page, content_type="text/html")]
    grade = make_grader(fake_server).grade(question(), ANSWER)
    warning = _warning(grade, "llm_unavailable")
    assert "answered with an HTML page, not a chat completion" in warning
    assert "/v1" in warning and "unexpected" not in warning and "report it" not in warning


@pytest.mark.parametrize(
    "url_form", ["{url}?api_key={key}", "{scheme}://user:{key}@{rest}", "{scheme}://{key}@{rest}"]
)
def test_a_key_inside_the_base_url_never_reaches_warnings_logs_or_the_mode_cache(
    url_form: str, fake_server: FakeOpenAI
) -> None:
    scheme, rest = fake_server.url.split("://")
    url = url_form.format(url=fake_server.url, key=URL_KEY, scheme=scheme, rest=rest)
    fake_server.script = [error(404, f"no such model (you sent {URL_KEY})")]
    exchanges: list[LLMExchange] = []
    grade = make_grader(url, key=None, exchanges=exchanges).grade(question(), ANSWER)
    assert grade.grader == "offline"
    everything = grade.model_dump_json() + "".join(e.model_dump_json() for e in exchanges)
    assert "QUERYKEY" not in everything

    fake_server.script = [completion(reply_json())]
    make_grader(url, key=None).grade(question(), ANSWER)
    cache = (locations.cache_dir() / "llm_modes.json").read_text(encoding="utf-8")
    assert "QUERYKEY" not in cache and "127.0.0.1" in cache


@pytest.mark.parametrize(
    "echo",
    [SECRET_KEY.upper(), "\u200b".join(SECRET_KEY), SECRET_KEY.swapcase()],
    ids=["upper-cased", "zero-width-split", "swapped-case"],
)
def test_an_echoed_key_is_masked_however_the_server_altered_it(
    echo: str, fake_server: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def reflect(seen: Seen) -> Scripted:
        return completion(reply_json(followup=f"Is {echo} your key?"))

    fake_server.script = reflect
    exchanges: list[LLMExchange] = []
    grade = make_grader(fake_server, exchanges=exchanges).grade(question(), ANSWER)
    dumped = (grade.model_dump_json() + "".join(e.model_dump_json() for e in exchanges)).lower()
    assert "distinctive" not in dumped.replace("\\u200b", "").replace("\u200b", "")

    fake_server.script = [error(401, f"Incorrect API key provided: {echo}")]
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPENAI_API_KEY", SECRET_KEY)
        assert main(["grade", "--base-url", fake_server.url, str(answer)]) == 0
    out = capsys.readouterr()
    shown = (out.out + out.err).lower().replace("\\u200b", "").replace("\u200b", "")
    assert "distinctive" not in shown


def test_llm_feedback_carrying_control_codes_is_printed_inert(
    fake_server: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "\x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J\u202e"
    reply = json.loads(reply_json(followup=f"Why {hostile}?"))
    for item in reply["criteria"]:
        item["feedback"] = f"fine {hostile}"
    fake_server.script = [completion(json.dumps(reply))]
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    assert main(["grade", "--grader", "llm", "--base-url", fake_server.url, str(answer)]) == 0
    out = capsys.readouterr().out
    assert "fine \\x1b]52;c;" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
