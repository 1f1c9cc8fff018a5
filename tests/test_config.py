"""Settings resolve as defaults < config file < environment < flags, and keys stay secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockround import locations
from mockround.cli import main
from mockround.config import describe_settings, load_settings
from mockround.errors import UserError


def _write_config(text: str) -> Path:
    path = locations.config_file()
    locations.ensure_dir(path.parent)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_apply_with_no_file_and_no_environment() -> None:
    settings, origin = load_settings(environ={})
    assert settings.grader == "auto"
    assert settings.drill.seconds == 90
    assert not settings.llm_configured
    assert origin == {}


def test_file_then_environment_then_flags_each_override_the_previous() -> None:
    _write_config('grader = "offline"\n[llm]\nmodel = "from-file"\ntimeout = 5\n')
    settings, origin = load_settings(
        {"llm.model": "from-flag"},
        environ={"MOCKROUND_MODEL": "from-env", "MOCKROUND_GRADER": "llm"},
    )
    assert settings.llm.model == "from-flag"
    assert settings.grader == "llm"
    assert settings.llm.timeout == 5
    assert origin["llm.model"] == "command line"
    assert origin["grader"] == "env MOCKROUND_GRADER"
    assert origin["llm.timeout"].endswith("config.toml")


def test_mockround_home_relocates_data_config_and_cache(mockround_home: Path) -> None:
    assert locations.data_dir() == mockround_home / "data"
    assert locations.config_file() == mockround_home / "config" / "config.toml"
    assert locations.cache_dir() == mockround_home / "cache"
    assert locations.default_db_path() == mockround_home / "data" / "history.db"


def test_importing_the_package_creates_no_directory(mockround_home: Path) -> None:
    import importlib

    import mockround.cli
    import mockround.config

    importlib.reload(mockround.config)
    importlib.reload(mockround.cli)
    load_settings(environ={})
    assert not mockround_home.exists()


def test_a_bad_value_names_its_source_and_setting() -> None:
    with pytest.raises(UserError, match=r"env MOCKROUND_TIMEOUT: llm.timeout: .*fix the value"):
        load_settings(environ={"MOCKROUND_TIMEOUT": "soon"})


def test_a_broken_config_file_is_a_one_line_error() -> None:
    path = _write_config("grader = [\n")
    with pytest.raises(UserError) as info:
        load_settings(environ={})
    assert str(path) in info.value.message and "\n" not in info.value.message


def test_an_unknown_key_in_the_file_is_refused() -> None:
    _write_config("[llm]\nmodle = 'x'\n")
    with pytest.raises(UserError, match=r"llm\.modle"):
        load_settings(environ={})


def test_api_key_is_masked_everywhere_it_is_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "sk-test-DO-NOT-PRINT-1234567890"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    settings, origin = load_settings()
    assert settings.llm_configured
    assert all(secret not in value for _, value, _ in describe_settings(settings, origin))
    assert secret not in repr(settings) and secret not in settings.model_dump_json()

    assert main(["config", "show"]) == 0
    assert main(["config", "show", "--json"]) == 0
    out = capsys.readouterr().out
    assert secret not in out
    assert "******** (set)" in out and "env OPENAI_API_KEY" in out


def test_config_show_reports_flag_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--grader", "offline", "config", "show", "--model", "m1"]) == 0
    out = capsys.readouterr().out
    assert "offline" in out and "m1" in out and "command line" in out


def test_config_with_a_bad_environment_value_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOCKROUND_SECONDS", "-3")
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mockround: error: env MOCKROUND_SECONDS: drill.seconds:")
    assert "Traceback" not in err
