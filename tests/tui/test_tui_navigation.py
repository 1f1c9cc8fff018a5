"""Screens reach each other through the app's methods, not by importing one another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mockround"
SCREENS = PACKAGE / "tui" / "screens"


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    ("screen", "must_not_import"),
    [
        ("drill", "mockround.tui.screens.feedback"),
        ("feedback", "mockround.tui.screens.drill"),
        ("home", "mockround.tui.screens.drill"),
    ],
)
def test_a_screen_opens_another_through_the_app(screen: str, must_not_import: str) -> None:
    assert must_not_import not in _imports(SCREENS / f"{screen}.py")


def test_the_attempt_mode_type_is_defined_once_in_store_models() -> None:
    defined = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if 'Literal["drill", "untimed", "followup"]' in path.read_text(encoding="utf-8")
    ]
    assert defined == ["store/models.py"]
