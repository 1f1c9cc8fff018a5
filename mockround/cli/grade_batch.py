"""`mockround grade --jsonl`: one result line per input line; a bad line never stops the batch.

Lines are read one at a time and bounded (see `mockround.lines`), so a huge or endless input
costs a fixed amount of memory; every way a line can be unusable becomes an `error` line that
names its number, and the output is always valid JSON, one object per line. Each result
carries the input's `id` and its `line` number (the only handle on a line without an id).

With an LLM the answers are graded by several workers at once (`batch_pool`), written in input
order or as they finish, and `--resume` appends to an earlier run's output, skipping what it
holds (`batch_output`). Batch grading stores no attempts (only the LLM exchanges are logged),
so the rule that an answer is stored before any grader runs does not arise here.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mockround.cli.batch_output import LineWriter, read_done, resume_key
from mockround.cli.batch_pool import Ready, run_pool
from mockround.cli.batch_progress import Progress
from mockround.errors import UserError
from mockround.lines import MAX_ANSWER_CHARS, InputTooLarge, iter_lines, loads

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.bank.models import Question
    from mockround.cli.exchange_log import ExchangeLog
    from mockround.grading.base import Grader

MAX_CHARS = MAX_ANSWER_CHARS
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


@dataclass(frozen=True)
class Job:
    """One answer to grade."""

    number: int
    ident: Any
    question: Question
    answer: str

    @property
    def key(self) -> str:
        """Its `--resume` key."""
        return resume_key(self.ident, self.number)


Item = Job | Ready[dict[str, Any]]


def _error(ident: Any, number: int, message: str) -> Ready[dict[str, Any]]:
    return Ready({"id": ident, "line": number, "error": f"line {number}: {message}"})


def parse_line(bank: Bank, default_question: str, raw: bytes, number: int) -> Item:
    """The answer one input line asks to grade, or its error line; never raises."""
    try:
        item = loads(raw)
    except ValueError as exc:
        return _error(None, number, str(exc))
    if not isinstance(item, dict):
        return _error(None, number, "expected a JSON object")
    ident, bad_id = _ident(item)
    if bad_id:
        return _error(None, number, bad_id)
    answer = item.get("text")
    if not isinstance(answer, str):
        return _error(ident, number, "'text' must be a string")
    if len(answer) > MAX_CHARS:
        return _error(ident, number, f"answer over {MAX_CHARS:,} characters")
    # An explicit null means "not given", like a missing key.
    question_id = item.get("question")
    if question_id is None:
        question_id = default_question
    if not isinstance(question_id, str):
        return _error(ident, number, "'question' must be a question id string")
    try:
        question = bank.get(question_id)
    except KeyError:
        shown = question_id if len(question_id) <= 60 else question_id[:59] + "…"
        return _error(ident, number, f"unknown question id {shown!r}")
    return Job(number, ident, question, answer)


def grade_job(grader: Grader, job: Job) -> dict[str, Any]:
    """The result line for one answer; a grader that raises costs this line only."""
    try:
        grade = grader.grade(job.question, job.answer)
    except Exception as exc:
        # Graders never raise by contract; if one does, the rest of the batch still runs.
        reason = " ".join(str(exc).split())[:200]
        return {
            "id": job.ident,
            "line": job.number,
            "error": f"line {job.number}: grading failed ({type(exc).__name__}: {reason})",
        }
    return {"id": job.ident, "line": job.number, "grade": grade.model_dump(mode="json")}


def read_items(bank: Bank, question_id: str, stream: BinaryIO) -> Iterator[Item]:
    """Every non-blank input line as a job or an error line; UserError past MAX_BATCH_BYTES."""
    try:
        for line in iter_lines(stream, MAX_LINE_BYTES, MAX_BATCH_BYTES):
            if line.raw is None:
                yield _error(None, line.number, f"over {MAX_LINE_BYTES:,} bytes; skipped")
            elif line.raw.strip():
                yield parse_line(bank, question_id, line.raw, line.number)
    except InputTooLarge as exc:
        raise UserError(
            f"the batch is {exc}; the rest was not read: split it into smaller files"
        ) from None


def count_lines(stream: BinaryIO) -> int | None:
    """Non-blank lines in a seekable input (read once, then rewound); None for a pipe."""
    try:
        if not stream.seekable():
            return None
        start = stream.tell()
    except OSError:
        return None
    try:
        lines = iter_lines(stream, MAX_LINE_BYTES, MAX_BATCH_BYTES)
        return sum(1 for line in lines if line.raw is None or line.raw.strip())
    except (InputTooLarge, OSError):
        return None
    finally:
        stream.seek(start)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs."""

    workers: int = 1
    ordered: bool = True
    resume: Path | None = None
    quiet: bool = False


def _item_key(item: Item) -> str:
    if isinstance(item, Job):
        return item.key
    return resume_key(item.result["id"], item.result["line"])


def _not_done(items: Iterator[Item], done: Counter[str], progress: Progress) -> Iterator[Item]:
    """Items an earlier run has no result for (a repeated id: as many as it has)."""
    for item in items:
        key = _item_key(item)
        if done[key] > 0:
            done[key] -= 1
            progress.skipped()
            continue
        yield item


def grade_batch(
    bank: Bank,
    graders: Callable[[], Grader],
    question_id: str,
    stream: BinaryIO,
    options: BatchOptions = BatchOptions(),
    log: ExchangeLog | None = None,
) -> int:
    """Grade every line of `stream`: one result line each, on stdout or appended to the
    `--resume` file. `graders` gives each worker thread its grader. Returns lines written."""
    done: Counter[str] = Counter()
    newline_first = False
    if options.resume is not None:
        done, newline_first, note = read_done(options.resume)
        if note:
            from mockround.cli.common import say

            say(f"mockround: {note}", file=sys.stderr)
    progress = Progress.on_stderr(sys.stderr, None, quiet=options.quiet)
    if progress.shown:
        # Only a drawn bar needs the total: a pipe costs no second read.
        progress.total = count_lines(stream)
    if options.resume is None:
        out = LineWriter.stdout()
    else:
        out = LineWriter.append_to(options.resume, newline_first=newline_first)
    local = threading.local()

    def work(job: Job) -> dict[str, Any]:
        grader: Grader | None = getattr(local, "grader", None)
        if grader is None:
            grader = local.grader = graders()
        return grade_job(grader, job)

    def emit(result: dict[str, Any]) -> None:
        out.write(result)
        progress.advance()
        if log is not None:
            log.flush()

    try:
        items = _not_done(read_items(bank, question_id, stream), done, progress)
        run_pool(
            items,
            work,
            emit,
            workers=options.workers,
            ordered=options.ordered,
            idle=progress.draw,
        )
    finally:
        progress.finish()
        out.close()
    return out.written
