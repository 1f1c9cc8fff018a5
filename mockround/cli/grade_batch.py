"""`mockround grade --jsonl`: one result line per input line; a bad line never stops the batch.

Lines are read one at a time and bounded (see `mockround.lines`), so a huge or endless input
costs a fixed amount of memory; every way a line can be unusable becomes an `error` line that
names its number, and the output is always valid JSON, one object per line.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, BinaryIO

from mockround.lines import InputTooLarge, iter_lines, loads

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.grading.base import Grader

MAX_CHARS = 20_000
"""Longest answer graded; a spoken 90-second answer is about 1,500 characters."""
MAX_LINE_BYTES = MAX_CHARS * 6 + 4096
"""A line holding the longest answer, every character written as a \\uXXXX escape."""
MAX_BATCH_BYTES = 256 * 1024 * 1024
"""Input read for one batch at most; the rest is refused (split a larger batch)."""
MAX_ID_CHARS = 200


def _ident(item: dict[str, Any]) -> tuple[Any, str | None]:
    """The line's id as echoed back, or None and why it cannot be echoed."""
    ident = item.get("id")
    if ident is None or isinstance(ident, bool):
        return ident, None
    if isinstance(ident, str):
        if len(ident) > MAX_ID_CHARS:
            return None, f"'id' is over {MAX_ID_CHARS} characters"
        return ident, None
    if isinstance(ident, int):
        # Beyond 2**53 an id would not survive a round trip through most JSON readers.
        if abs(ident) > 2**53:
            return None, "'id' is too large a number; use a string"
        return ident, None
    if isinstance(ident, float):
        return ident, None
    return None, "'id' must be a string or a number"


def grade_line(bank: Bank, grader: Grader, default_question: str, raw: bytes, number: int) -> Any:
    """One output object for one input line; never raises for bad input."""
    try:
        item = loads(raw)
    except ValueError as exc:
        return {"id": None, "error": f"line {number}: {exc}"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {number}: expected a JSON object"}
    ident, bad_id = _ident(item)
    if bad_id:
        return {"id": None, "error": f"line {number}: {bad_id}"}
    answer = item.get("text")
    if not isinstance(answer, str):
        return {"id": ident, "error": f"line {number}: 'text' must be a string"}
    if len(answer) > MAX_CHARS:
        return {"id": ident, "error": f"line {number}: answer over {MAX_CHARS:,} characters"}
    # An explicit null means "not given", like a missing key.
    question_id = item.get("question")
    if question_id is None:
        question_id = default_question
    if not isinstance(question_id, str):
        return {"id": ident, "error": f"line {number}: 'question' must be a question id string"}
    try:
        question = bank.get(question_id)
    except KeyError:
        shown = question_id if len(question_id) <= 60 else question_id[:59] + "…"
        return {"id": ident, "error": f"line {number}: unknown question id {shown!r}"}
    return {"id": ident, "grade": grader.grade(question, answer).model_dump(mode="json")}


def grade_batch(bank: Bank, grader: Grader, question_id: str, stream: BinaryIO) -> None:
    """Grade every line of `stream`, writing one JSON line per non-blank input line."""
    try:
        for line in iter_lines(stream, MAX_LINE_BYTES, MAX_BATCH_BYTES):
            if line.raw is None:
                result: Any = {
                    "id": None,
                    "error": f"line {line.number}: over {MAX_LINE_BYTES:,} bytes; skipped",
                }
            elif not line.raw.strip():
                continue
            else:
                result = grade_line(bank, grader, question_id, line.raw, line.number)
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    except InputTooLarge as exc:
        from mockround.errors import UserError

        raise UserError(
            f"the batch is {exc}; the rest was not read: split it into smaller files"
        ) from None
