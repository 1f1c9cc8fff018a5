"""`mockround grade`: grade one answer, or a JSONL batch, against a question's rubric."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mockround.cli.common import add_command, load_bank_or_fail, print_json, say
from mockround.cli.grade_cohort import add_batch_flags, batch_options, run_batch
from mockround.errors import UserError
from mockround.lines import MAX_ANSWER_CHARS as MAX_CHARS
from mockround.lines import InputTooLarge, read_bounded

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.grading.contract import Grade

DEFAULT_QUESTION = "imbalanced-data"
MAX_ANSWER_BYTES = MAX_CHARS * 4
"""UTF-8 takes at most 4 bytes a character: more than this cannot be a gradable answer."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `grade` subcommand."""
    parser = add_command(
        subparsers,
        "grade",
        run,
        "grade an answer (or a JSONL batch) against a question's rubric",
        "Grade one answer from FILE (or stdin with -) and print the criteria with quoted "
        "evidence, or the Grade as JSON with --json. With --jsonl, read lines "
        '{"id": ..., "text": ..., "question": optional} and write one {"id", "line", "grade"} or '
        '{"id", "line", "error"} line per input; with an LLM, N at a time (--concurrency). '
        "Exit 0 ok, 2 bad usage or input.",
    )
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="answer file, or - for stdin (default: stdin)"
    )
    parser.add_argument(
        "--question",
        default=DEFAULT_QUESTION,
        metavar="ID",
        help=f"question or follow-up id (default: {DEFAULT_QUESTION}; see `mockround questions`)",
    )
    parser.add_argument("--json", action="store_true", help="print the Grade as JSON")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="offline grader: per criterion, what fired, what was set aside and why the level",
    )
    parser.add_argument(
        "--jsonl", action="store_true", help="grade a JSONL batch (one answer object per line)"
    )
    add_batch_flags(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar or notes on stderr")


def run(args: argparse.Namespace) -> int:
    """Grade the input and print the result."""
    from mockround.cli.common import settings_from
    from mockround.cli.exchange_log import ExchangeLog
    from mockround.grading.select import make_grader

    bank = load_bank_or_fail()
    question_id = _question_id(bank, args.question)
    if args.explain and (args.json or args.jsonl):
        raise UserError("--explain prints a readable account: use it without --json or --jsonl")
    options = batch_options(args)
    settings = settings_from(args)
    log = ExchangeLog(settings.db_path)
    grader = make_grader(settings, on_exchange=log.add)
    stream = _open_input(args.file)
    try:
        if args.jsonl:
            try:
                run_batch(args, bank, settings, grader, log, question_id, stream, options)
            finally:
                log.close()
            return 0
        data = _read_answer(stream, args.file)
    finally:
        if args.file not in (None, "-"):
            stream.close()
    answer = _decode(data, "the answer")
    if len(answer) > MAX_CHARS:
        raise UserError(
            f"the answer is {len(answer):,} characters; the limit is {MAX_CHARS:,}: shorten it"
        )
    if args.explain:
        from mockround.cli.grade_explain import print_explanation

        print_explanation(bank.get(question_id), answer)
        return 0
    grade = grader.grade(bank.get(question_id), answer)
    log.close()
    if args.json:
        print_json(grade.model_dump(mode="json"))
    else:
        _print_grade(bank, grade)
    return 0


def _question_id(bank: Bank, wanted: str) -> str:
    from mockround.cli.unknown_id import unknown_id

    try:
        return bank.get(wanted).id
    except KeyError:
        raise unknown_id("question id", wanted, bank.ids(), listing="mockround questions") from None


def _open_input(file: str | None) -> BinaryIO:
    if file is None or file == "-":
        if sys.stdin is None or sys.stdin.closed:
            # `mockround grade - <&-`: there is no standard input to read at all.
            raise UserError("standard input is closed: give an answer FILE or pipe one in")
        if file is None and sys.stdin.isatty():
            raise UserError("give an answer FILE, or pipe the answer in and pass - for stdin")
        return sys.stdin.buffer
    try:
        return Path(file).open("rb")
    except OSError as exc:
        raise UserError(f"cannot read {file}: {exc.strerror or exc}") from None


def _read_answer(stream: BinaryIO, file: str | None) -> bytes:
    """The answer's bytes, never more than the longest answer can take: the rest is refused."""
    try:
        return read_bounded(stream, MAX_ANSWER_BYTES)
    except InputTooLarge:
        raise UserError(
            f"the answer is over {MAX_ANSWER_BYTES:,} bytes; the limit is {MAX_CHARS:,} "
            "characters: shorten it"
        ) from None
    except OSError as exc:
        raise UserError(f"cannot read {file or 'standard input'}: {exc.strerror or exc}") from None


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{what} is not valid UTF-8 (byte {exc.start}); save it as UTF-8 and retry"
        ) from None


def _print_grade(bank: Bank, grade: Grade) -> None:
    from mockround.cli.grade_view import print_grade_body

    question = bank.get(grade.question_id)
    say(f"{question.id}: {question.prompt}")
    say(
        f"overall {grade.overall}/100 ({grade.band}) · grader {grade.grader} · "
        f"{grade.words} words, about {grade.speaking_seconds:.0f} s to say"
    )
    say()
    print_grade_body(grade, question.rubric)
