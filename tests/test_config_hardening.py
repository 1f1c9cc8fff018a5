"""Settings that would leak a key or end in a traceback (issue 12 cases 5, 11 and 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockround import locations
from mockround.cli import main
from mockround.config import load_settings
from mockround.errors import UserError

KEY = "sk-live-QUERYKEY-9f8e7d6c5b4a"


def _write_config(text: str, *, bom: bool = False) -> Path:
    path = locations.config_file()
    locations.ensure_dir(path.parent)
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "url",
    [
        f"https://gateway.example/v1?api_key={KEY}",
        f"https://gateway.example/v1?key={KEY}&region=eu",
        f"https://alice:{KEY}@gateway.example/v1",
        f"https://{KEY}@gateway.example/v1",
    ],
)
def test_config_show_never_prints_a_key_inside_the_base_url(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    assert main(["config", "show"]) == 0
    assert main(["config", "show", "--json"]) == 0
    out = capsys.readouterr().out
    assert KEY not in out and "QUERYKEY" not in out
    assert "gateway.example/v1" in out


def test_a_section_that_is_not_a_table_is_one_line_even_with_its_env_var_set() -> None:
    path = _write_config("llm = 5\n")
    with pytest.raises(UserError, match=r"llm must be a table \(\[llm\]\)") as exc:
        load_settings(environ={"MOCKROUND_TIMEOUT": "5"})
    assert str(path) in exc.value.message
    _write_config('drill = "x"\n')
    with pytest.raises(UserError, match=r"drill must be a table"):
        load_settings(environ={"MOCKROUND_SECONDS": "60"})


def test_a_byte_order_mark_at_the_start_of_the_config_file_is_accepted() -> None:
    _write_config('grader = "offline"\n', bom=True)
    settings, _ = load_settings(environ={})
    assert settings.grader == "offline"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_non_finite_timeout_says_it_must_be_a_finite_number(value: str) -> None:
    with pytest.raises(UserError, match="finite number") as exc:
        load_settings(environ={"MOCKROUND_TIMEOUT": value})
    assert "<= 600" not in exc.value.message and "env MOCKROUND_TIMEOUT" in exc.value.message


def test_a_config_path_that_is_a_folder_is_reported_not_ignored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = locations.config_file()
    folder.mkdir(parents=True)
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert f"{folder} is not a file" in err and err.count("\n") == 1


def test_config_show_json_redacts_only_the_key_and_keeps_the_rest(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:8080/v1?api_key={KEY}&team=x")
    assert main(["config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["llm.base_url"]["value"]
    assert shown == "http://127.0.0.1:8080/v1?api_key=[redacted]&team=x"
