"""Structured-output modes, best first, and the memory of which one each server accepted.

`json_schema` asks the server to enforce the schema; `json_object` asks only for JSON and
attaches the schema (llama.cpp-style servers honour a `schema` key there); `plain` asks in
words and relies on validation plus one corrective retry. The mode that worked is remembered
per server and model, in-process and in a small JSON file in the cache directory, so the next
call starts there instead of paying for a rejected request again.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Literal

from mockround import locations

Mode = Literal["json_schema", "json_object", "plain"]
MODES: tuple[Mode, ...] = ("json_schema", "json_object", "plain")
MEMORY_FILE = "llm_modes.json"


def response_format(mode: Mode, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The `response_format` request field for a mode (None: leave it out)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": "grade", "schema": schema, "strict": False},
        }
    if mode == "json_object":
        return {"type": "json_object", "schema": schema}
    return None


def modes_from(start: Mode | None) -> tuple[Mode, ...]:
    """The chain to try, starting at a remembered mode (never climbing back above it)."""
    if start is None:
        return MODES
    return MODES[MODES.index(start) :]


class ModeMemory:
    """Which mode each (server, model) accepted; a file in the cache dir survives restarts."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._known: dict[str, Mode] | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The JSON file (computed when needed so MOCKROUND_HOME is honoured at call time)."""
        return self._path or locations.cache_dir() / MEMORY_FILE

    @staticmethod
    def key(server: str, model: str) -> str:
        """The memory key of one server and model."""
        return f"{server}|{model}"

    def _load(self) -> dict[str, Mode]:
        if self._known is None:
            self._known = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if isinstance(data, dict):
                self._known = {k: v for k, v in data.items() if v in MODES}
        return self._known

    def get(self, server: str, model: str) -> Mode | None:
        """The mode that worked last time for this server and model, if any."""
        with self._lock:
            return self._load().get(self.key(server, model))

    def remember(self, server: str, model: str, mode: Mode) -> str | None:
        """Record the mode that worked (the file is written only when it changes).

        Returns None, or why the file could not be written: a read-only cache costs only a
        rejected request next time, so the caller warns and keeps grading.
        """
        with self._lock:
            known = self._load()
            key = self.key(server, model)
            if known.get(key) == mode:
                return None
            known[key] = mode
            try:
                locations.ensure_dir(self.path.parent)
                tmp = self.path.with_suffix(".tmp")
                tmp.write_text(json.dumps(known, indent=2, sort_keys=True), encoding="utf-8")
                tmp.replace(self.path)
            except OSError as exc:
                return f"cannot write {self.path} ({exc.strerror or exc})"
            return None


_SHARED: dict[Path, ModeMemory] = {}
_SHARED_LOCK = threading.Lock()


def shared_memory() -> ModeMemory:
    """The process-wide memory for the current cache directory."""
    path = locations.cache_dir() / MEMORY_FILE
    with _SHARED_LOCK:
        if path not in _SHARED:
            _SHARED[path] = ModeMemory(path)
        return _SHARED[path]
