"""The LLM grader with the real offline grader beside it, and through `mockround grade`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from llm_fake_server import MODEL, FakeOpenAI, completion, error
from llm_helpers import ANSWER, INJECTION, QUOTES, SECRET_KEY, make_grader, question, reply_json

from mockround.cli import main
from mockround.config import load_settings
from mockround.grading.llm import LLMGrader
from mockround.grading.offline import OfflineGrader
from mockround.grading.select import make_grader as select_grader


def test_obeyed_injection_is_capped_by_the_real_offline_grader(fake_server: FakeOpenAI) -> None:
    quotes = {cid: ["I would use class weights"] for cid in QUOTES}
    fake_server.script = [completion(reply_json(scores={cid: 2 for cid in QUOTES}, quotes=quotes))]
    offline = OfflineGrader().grade(question(), INJECTION)
    assert any(w.startswith("possible_prompt_injection") for w in offline.warnings)

    grade = make_grader(fake_server, OfflineGrader()).grade(question(), INJECTION)
    assert grade.grader == f"llm:{MODEL}"
    assert grade.overall <= offline.overall
    assert any(w.startswith("llm_injection_cap") for w in grade.warnings)


def test_failure_returns_exactly_the_offline_grade_plus_the_reason(fake_server: FakeOpenAI) -> None:
    fake_server.script = [error(404, "model not found", "model_not_found")]
    expected = OfflineGrader().grade(question(), ANSWER)
    grade = make_grader(fake_server, OfflineGrader()).grade(question(), ANSWER)
    assert grade.grader == "offline"
    assert grade.model_copy(update={"warnings": expected.warnings}) == expected
    assert grade.warnings[-1].startswith("llm_unavailable: no model named")


def test_select_gives_the_llm_grader_for_llm_and_for_auto_when_configured() -> None:
    configured, _ = load_settings({"llm.base_url": "http://127.0.0.1:9/v1"}, environ={})
    plain, _ = load_settings({}, environ={})
    assert isinstance(select_grader(configured, "llm"), LLMGrader)
    assert isinstance(select_grader(configured, "auto"), LLMGrader)
    assert isinstance(select_grader(plain, "auto"), OfflineGrader)
    keyed, _ = load_settings({}, environ={"OPENAI_API_KEY": SECRET_KEY})
    assert isinstance(select_grader(keyed, "auto"), LLMGrader)


def _answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


def test_cli_grade_with_grader_llm_prints_an_llm_grade(
    fake_server: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.script = [completion(reply_json())]
    args = ["grade", "--grader", "llm", "--base-url", fake_server.url, "--model", MODEL]
    code = main([*args, "--json", str(_answer_file(tmp_path))])
    out = capsys.readouterr()
    assert code == 0
    grade = json.loads(out.out)
    assert grade["grader"] == f"llm:{MODEL}"
    assert grade["criteria"][2]["evidence"][0]["text"] == QUOTES["weighting"]


def test_cli_grade_falls_back_without_a_traceback_and_hides_the_key(
    fake_server: FakeOpenAI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_KEY)
    monkeypatch.setenv("MOCKROUND_MAX_RETRIES", "0")
    fake_server.script = [error(401, f"Incorrect API key provided: {SECRET_KEY}")]
    code = main(["grade", "--base-url", fake_server.url, "--json", str(_answer_file(tmp_path))])
    out = capsys.readouterr()
    assert code == 0
    grade = json.loads(out.out)
    assert grade["grader"] == "offline"
    assert "rejected the API key" in grade["warnings"][-1]
    assert SECRET_KEY not in out.out + out.err
    assert "Traceback" not in out.err


def test_offline_cli_path_never_imports_openai(tmp_path: Path) -> None:
    code = (
        "import sys; from mockround.cli import main; "
        f"rc = main(['grade', '--grader', 'auto', '--json', {str(_answer_file(tmp_path))!r}]); "
        "print('openai' in sys.modules, file=sys.stderr); sys.exit(rc)"
    )
    env = {"MOCKROUND_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["grader"] == "offline"
    assert out.stderr.strip().endswith("False")


def test_cli_grade_logs_every_llm_exchange_to_history_without_the_key(
    fake_server: FakeOpenAI,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mockround.store import Store

    monkeypatch.setenv("OPENAI_API_KEY", SECRET_KEY)
    db = tmp_path / "history.db"
    fake_server.script = [completion(reply_json())]
    args = ["grade", "--grader", "llm", "--base-url", fake_server.url, "--model", MODEL]
    assert main([*args, "--db", str(db), "--json", str(_answer_file(tmp_path))]) == 0
    capsys.readouterr()

    with Store.open(db) as store:
        rows = store.connection.execute("SELECT model, server FROM llm_exchanges").fetchall()
    assert [tuple(r) for r in rows] == [(MODEL, fake_server.url)]
    assert SECRET_KEY.encode() not in db.read_bytes()


def test_offline_cli_grade_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    assert main(["grade", "--grader", "offline", "--db", str(db), str(_answer_file(tmp_path))]) == 0
    assert not db.exists()
