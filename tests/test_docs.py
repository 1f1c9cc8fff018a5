"""README documents every command a user can type (the sqlite-utils habit)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mockround.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_subcommand_is_named_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        name
        for name in subparsers.choices
        if f"`mockround {name}" not in text and f"`{name}`" not in text
    ]
    assert missing == []


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_section = text.split("\n## ")[1]
    assert first_section.startswith("Set-up")
    assert "make run" in first_section and "make test" in first_section
