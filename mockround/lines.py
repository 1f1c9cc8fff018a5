"""Reading untrusted input in bounded pieces: whole inputs, JSONL lines, one JSON value per line.

`grade /dev/zero` or `yes | mockround grade -` must not grow until memory runs out, and one
bad line of a batch must not stop the rest. Readers here never hold more than a fixed number
of bytes; a line over its limit is skipped (and reported by number), never read whole; and
`loads` turns every way a line's JSON can be unusable into one ValueError with a short reason.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

MAX_ANSWER_CHARS = 20_000
"""Longest answer graded; a spoken 90-second answer is about 1,500 characters."""
CHUNK = 1 << 20
"""Bytes read at a time while skipping the rest of an over-long line."""


class InputTooLarge(ValueError):
    """The input is longer than the reader accepts; nothing past the limit was read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"over {limit:,} bytes")
        self.limit = limit


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """All of `stream` if it holds at most `limit` bytes; InputTooLarge otherwise."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(limit)
    return data


@dataclass(frozen=True)
class Line:
    """One line of input: its number, and its bytes (None when it was over the limit)."""

    number: int
    raw: bytes | None
    consumed: int
    """Bytes read from the stream so far, this line included."""


def iter_lines(stream: BinaryIO, max_line: int, max_total: int) -> Iterator[Line]:
    """Lines of `stream` (without the newline), each at most `max_line` bytes.

    A longer line is yielded with `raw=None` and skipped to its end in fixed-size chunks.
    InputTooLarge once `max_total` bytes have been read: the rest is refused, not read.
    """
    total = 0
    number = 0
    while True:
        raw = stream.readline(max_line + 1)
        if not raw:
            return
        number += 1
        total += len(raw)
        too_long = len(raw) > max_line and not raw.endswith(b"\n")
        while too_long and not raw.endswith(b"\n"):
            if total > max_total:
                raise InputTooLarge(max_total)
            raw = stream.readline(CHUNK)
            if not raw:
                break
            total += len(raw)
        if total > max_total:
            raise InputTooLarge(max_total)
        yield Line(number, None if too_long else raw.rstrip(b"\r\n"), total)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON: accepting them stores values that later break reads.
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]}... is out of range for a number")
    return value


def loads(raw: bytes) -> Any:
    """The JSON value in one line; ValueError with a short reason when it is unusable.

    Rejects invalid UTF-8, NaN/Infinity, numbers too large for a float or over Python's
    digit limit, nesting too deep to parse, and strings with lone surrogates (which cannot
    be written back out as UTF-8 or stored).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    except ValueError as exc:
        # int() past sys.get_int_max_str_digits, or one of the refusals above.
        raise ValueError(" ".join(str(exc).split())[:120]) from None
    if "\\u" in text and "\\ud" in text.lower():
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("contains a lone surrogate escape (not valid Unicode)") from None
        except RecursionError:
            raise ValueError("nested too deeply to read") from None
    return value
