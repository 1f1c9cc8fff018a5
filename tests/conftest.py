"""Shared fixtures: every test gets its own MOCKROUND_HOME, so nothing touches real user data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# LLM and user settings from the developer's shell must never leak into a test run.
_ISOLATED_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "MOCKROUND_DB",
    "MOCKROUND_GRADER",
    "MOCKROUND_MODEL",
    "MOCKROUND_TIMEOUT",
    "MOCKROUND_MAX_RETRIES",
    "MOCKROUND_SECONDS",
    "MOCKROUND_THEME",
)


@pytest.fixture(autouse=True)
def mockround_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty MockRound home for each test."""
    home = tmp_path / "mockround-home"
    monkeypatch.setenv("MOCKROUND_HOME", str(home))
    for name in _ISOLATED_ENV:
        monkeypatch.delenv(name, raising=False)
    yield home
