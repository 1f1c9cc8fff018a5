"""`mockround serve` without a browser: options, refusals, the command it serves, a real start."""

from __future__ import annotations

import shlex
import signal
import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from served_page import serving

import mockround.tui.serve as tui_serve
from mockround.cli import main
from mockround.cli.cmd_serve import is_local, page_url


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mockround: error: ")
    return lines[0]


@pytest.fixture
def served_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int, str]]:
    """Replace the real server: record what `serve` would have run and return 0."""
    calls: list[tuple[str, str, int, str]] = []

    def record(command: str, host: str, port: int, url: str) -> int:
        calls.append((command, host, port, url))
        return 0

    monkeypatch.setattr(tui_serve, "serve", record)
    return calls


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_a_non_local_host_is_refused_without_allow_remote(
    host: str, capsys: pytest.CaptureFixture[str], served_calls: list[object]
) -> None:
    assert main(["serve", "--host", host]) == 2
    line = _one_error_line(capsys)
    assert "--allow-remote" in line and "no login" in line
    assert served_calls == []


def test_allow_remote_serves_and_warns_there_is_no_login(
    capsys: pytest.CaptureFixture[str], served_calls: list[tuple[str, str, int, str]]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--allow-remote", "--port", "8123"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: the app has no login")
    assert [(host, port, url) for _, host, port, url in served_calls] == [
        ("0.0.0.0", 8123, "http://0.0.0.0:8123")
    ]


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_a_port_out_of_range_is_one_line(
    port: str, capsys: pytest.CaptureFixture[str], served_calls: list[object]
) -> None:
    assert main(["serve", "--port", port]) == 2
    assert "--port must be from 1 to 65535" in _one_error_line(capsys)
    assert served_calls == []


def test_a_busy_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    line = _one_error_line(capsys)
    assert f"cannot listen on 127.0.0.1 port {port}" in line and "--port" in line


def test_the_served_command_is_this_python_on_this_database_grading_offline(
    tmp_path: Path, served_calls: list[tuple[str, str, int, str]]
) -> None:
    db = tmp_path / "practice.db"
    assert main(["serve", "--db", str(db)]) == 0
    command, host, port, url = served_calls[0]
    assert (host, port, url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")
    argv = shlex.split(command)
    assert argv[:4] == [sys.executable, "-m", "mockround", "app"]
    assert argv[argv.index("--db") + 1] == str(db.resolve())
    assert argv[argv.index("--grader") + 1] == "offline"


def test_the_default_database_is_the_one_under_mockround_home(
    mockround_home: Path, served_calls: list[tuple[str, str, int, str]]
) -> None:
    assert main(["serve", "--grader", "llm", "--model", "m-1"]) == 0
    argv = shlex.split(served_calls[0][0])
    assert argv[argv.index("--db") + 1] == str((mockround_home / "data" / "history.db").resolve())
    assert argv[argv.index("--grader") + 1] == "llm"
    assert argv[argv.index("--model") + 1] == "m-1"


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("10.0.0.5", False),
        ("myhost.example", False),
    ],
)
def test_is_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_page_url_brackets_ipv6() -> None:
    assert page_url("::1", 8000) == "http://[::1]:8000"
    assert page_url("127.0.0.1", 80) == "http://127.0.0.1:80"


def test_serve_prints_its_url_serves_the_page_and_stops_on_sigterm(mockround_home: Path) -> None:
    with serving(mockround_home) as served:
        with urllib.request.urlopen(served.url + "/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200
        assert "<div>MockRound</div>" in page  # the title shown while the app starts
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        # The websocket goes back to the address the browser used, not to --host.
        by_name = urllib.request.Request(served.url + "/", headers={"Host": "pc.lan:9000"})
        with urllib.request.urlopen(by_name, timeout=30) as response:
            assert 'data-session-websocket-url="ws://pc.lan:9000/ws"' in response.read().decode()
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=30) == 0
