"""Where batch results go: whole lines, one `write()` each; and what an earlier run finished.

A result line is written with a single `os.write` of its bytes (looping only if the kernel
takes part of it), from one thread: a batch killed at any moment leaves whole lines behind,
except in the rare case the kill lands inside that one call. `--resume` reads the file back,
and repairs such a cut last line by removing it (its answer is simply graded again).
Nothing is fsync'ed per line: a killed process loses nothing the kernel already has; only a
power cut could, and the file is fsync'ed when the batch ends.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from mockround.errors import UserError
from mockround.lines import iter_lines, loads

MAX_RESULT_LINE = 16 * 1024 * 1024
"""A grade line quotes the answer at most a few times over; far past that, it is not ours."""
MAX_RESULT_FILE = 1 << 40


def resume_key(ident: Any, number: int) -> str:
    """What identifies an input line across runs: its id, or its line number without one."""
    if ident is not None:
        return "id:" + json.dumps(ident, ensure_ascii=False)
    return f"line:{number}"


class LineWriter:
    """Writes JSON objects as whole lines to a file descriptor (or a text stream without one)."""

    def __init__(
        self,
        fd: int | None,
        text: TextIO | None = None,
        *,
        owned: bool = False,
        name: str = "standard output",
    ) -> None:
        self._fd = fd
        self._text = text
        self._owned = owned
        self.name = name
        self.written = 0

    @classmethod
    def stdout(cls) -> LineWriter:
        """Standard output: its descriptor when it has one (a test's capture has none)."""
        stream = sys.stdout
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            return cls(None, stream)
        stream.flush()
        return cls(fd)

    @classmethod
    def append_to(cls, path: Path, *, newline_first: bool = False) -> LineWriter:
        """`path` opened to append (created if missing)."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        writer = cls(fd, owned=True, name=str(path))
        if newline_first:
            writer._write(b"\n")
        return writer

    def write(self, result: Any) -> None:
        """One result as one line."""
        line = json.dumps(result, ensure_ascii=False) + "\n"
        try:
            if self._fd is None:
                assert self._text is not None
                self._text.write(line)
                self._text.flush()
            else:
                self._write(line.encode("utf-8"))
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the CLI ends quietly
        except OSError as exc:
            raise UserError(
                f"cannot write {self.name} ({exc.strerror or exc}) after {self.written} result "
                "line(s): free space or fix the file, then continue with --resume"
            ) from None
        self.written += 1

    def _write(self, data: bytes) -> None:
        assert self._fd is not None
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]

    def close(self) -> None:
        """Sync and close a file this writer opened."""
        if self._owned and self._fd is not None:
            with contextlib.suppress(OSError):  # a device or a pipe: nothing to sync
                os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None


def is_result(value: Any) -> bool:
    """Whether a parsed line is one of ours: {"id", "grade"} or {"id", "error"}."""
    return isinstance(value, dict) and "id" in value and ("grade" in value or "error" in value)


def _key_of(result: dict[str, Any]) -> str:
    line = result.get("line")
    return resume_key(result.get("id"), line if isinstance(line, int) else -1)


def _repair_tail(path: Path) -> tuple[bool, str | None]:
    """Handle a last line without its newline: (append a newline first?, note for the user).

    A whole result that merely lacks the newline is kept; anything else there is a line an
    interrupted run was cut off in, and is removed so appended lines start clean.
    """
    with path.open("rb") as stream:
        size = stream.seek(0, os.SEEK_END)
        if size == 0:
            return False, None
        start = max(size - MAX_RESULT_LINE - 1, 0)
        stream.seek(start)
        tail = stream.read()
    if tail.endswith(b"\n"):
        return False, None
    cut = tail.rfind(b"\n")
    if cut < 0 and start > 0:
        raise UserError(f"{path} ends in a line over {MAX_RESULT_LINE:,} bytes: is it a result?")
    partial = tail[cut + 1 :]
    try:
        whole = is_result(loads(partial))
    except ValueError:
        whole = False
    if whole:
        return True, None
    os.truncate(path, size - len(partial))
    return False, (
        f"{path}: removed an incomplete last line ({len(partial):,} bytes) left by an "
        "interrupted run; that answer is graded again"
    )


def read_done(path: Path) -> tuple[Counter[str], bool, str | None]:
    """The keys an earlier run finished (counted: a repeated id counts per line), whether a
    newline must be written before appending, and a note about a repaired last line.

    A line that is not a result means this is not an output file (the input, say): refused,
    before anything is written to it.
    """
    done: Counter[str] = Counter()
    if not path.exists():
        return done, False, None
    try:
        newline_first, note = _repair_tail(path)
        with path.open("rb") as stream:
            for line in iter_lines(stream, MAX_RESULT_LINE, MAX_RESULT_FILE):
                if line.raw is not None and not line.raw.strip():
                    continue
                try:
                    value: Any = loads(line.raw) if line.raw is not None else None
                except ValueError:
                    value = None
                if not is_result(value):
                    raise UserError(
                        f"{path} line {line.number} is not a result line of `mockround grade "
                        '--jsonl` ({"id", "grade"} or {"id", "error"}): resume into that '
                        "output, or name a new file"
                    )
                done[_key_of(value)] += 1
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    return done, newline_first, note
