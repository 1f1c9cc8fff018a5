"""The entry points: --version, --help on every command, `python -m mockround`."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from mockround import __version__
from mockround.cli import build_parser, main


def _subcommand_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return paths


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mockround {__version__}"


@pytest.mark.parametrize("path", _subcommand_paths(), ids=lambda p: " ".join(p))
def test_every_subcommand_has_help(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: mockround {' '.join(path)}" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mockround", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"mockround {__version__}"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_questions_lists_main_question_first_with_followups(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("imbalanced-data  How do you handle imbalanced data?")
    assert any(line.strip().startswith("which-metric") for line in lines)


def test_questions_json_has_followups_and_criteria(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["questions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    main_q = data[0]
    assert main_q["id"] == "imbalanced-data"
    assert main_q["criteria"][0] == "context"
    assert len(main_q["followups"]) >= 6


def test_pydantic_plugin_scan_is_skipped_unless_the_user_asked_for_plugins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert main(["questions"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")
    assert main(["questions"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == ""
    capsys.readouterr()


def test_opening_the_app_builds_only_the_app_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    import mockround.cli as cli

    built: list[tuple[str, ...]] = []
    real = cli.build_parser

    def spy(modules: tuple[str, ...] = cli.COMMAND_MODULES) -> argparse.ArgumentParser:
        built.append(tuple(modules))
        return real(modules)

    monkeypatch.setattr(cli, "build_parser", spy)
    monkeypatch.setattr(
        cli, "run_command", lambda args: 0 if args.command in ("app", "drill", None) else 1
    )
    assert cli.main([]) == 0
    assert cli.main(["drill", "--seconds", "30"]) == 0
    assert built == [cli.APP_ONLY, cli.APP_ONLY]
