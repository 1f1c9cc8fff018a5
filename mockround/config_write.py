"""Save one setting into the user's config file, leaving the rest of it (comments too) as is.

tomllib only reads, and rewriting the whole file would drop the user's comments and layout:
so the one `key = value` line is replaced (or added under its table, or a table appended),
and the result is parsed back; a file that would not read back is left untouched.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from mockround.errors import UserError
from mockround.locations import ensure_dir


def save_setting(path: Path, table: str, key: str, value: str) -> None:
    """Set `[table] key = "value"` in the TOML file at `path` (created when missing)."""
    try:
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None
    new = _with_setting(old, table, key, value)
    try:
        parsed = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        raise UserError(f"{path}: could not save {table}.{key}; edit the file by hand") from None
    if parsed.get(table, {}).get(key) != value:
        raise UserError(f"{path}: could not save {table}.{key}; edit the file by hand")
    try:
        ensure_dir(path.parent)
        path.write_text(new, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror}); check its permissions") from None


def _with_setting(text: str, table: str, key: str, value: str) -> str:
    line = f"{key} = {json.dumps(value)}"  # a JSON string is a valid TOML basic string
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$")
    start = next((i for i, row in enumerate(lines) if header.match(row)), None)
    if start is None:
        tail = "" if not text or text.endswith("\n") else "\n"
        spacer = "\n" if text.strip() else ""
        return f"{text}{tail}{spacer}[{table}]\n{line}\n"
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
        len(lines),
    )
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(start + 1, end):
        if assignment.match(lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(start + 1, line)
    return "\n".join(lines) + "\n"
