"""Fixtures for the offline grader's tests."""

from __future__ import annotations

import pytest

from mockround.bank import Question, load_bank


@pytest.fixture(scope="module")
def question() -> Question:
    """The main question, `imbalanced-data`."""
    return load_bank().get("imbalanced-data")
