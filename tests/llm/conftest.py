"""Fixtures for the LLM grader tests: a scripted OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from llm_fake_server import FakeOpenAI


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    """A fresh scripted server for one test."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()
