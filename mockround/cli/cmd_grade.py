"""`mockround grade`: grade one answer, or a JSONL batch, against a question's rubric."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mockround.cli.common import add_command, load_bank_or_fail, print_json, print_table, say
from mockround.cli.exchange_log import ExchangeLog
from mockround.cli.grade_batch import MAX_CHARS, BatchOptions, grade_batch
from mockround.errors import UserError
from mockround.lines import InputTooLarge, read_bounded

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.config import Settings
    from mockround.grading.base import Grader
    from mockround.grading.contract import Grade

DEFAULT_QUESTION = "imbalanced-data"
MAX_ANSWER_BYTES = MAX_CHARS * 4
"""UTF-8 takes at most 4 bytes a character: more than this cannot be a gradable answer."""
QUOTE_WIDTH = 72
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 64


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `grade` subcommand."""
    parser = add_command(
        subparsers,
        "grade",
        run,
        "grade an answer (or a JSONL batch) against a question's rubric",
        "Grade one answer from FILE (or stdin with -) and print the criteria with quoted "
        "evidence, or the Grade as JSON with --json. With --jsonl, read lines "
        '{"id": ..., "text": ..., "question": optional} and write one {"id", "grade"} or '
        '{"id", "error"} line per input. Exit 0 ok, 2 bad usage or input.',
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
    batch = parser.add_argument_group("batch options (with --jsonl)")
    batch.add_argument(
        "--concurrency",
        type=int,
        metavar="N",
        help=f"LLM requests in flight at once (default {DEFAULT_CONCURRENCY}, at most "
        f"{MAX_CONCURRENCY}); the offline grader grades one line at a time",
    )
    batch.add_argument(
        "--unordered",
        action="store_true",
        help="write each result as soon as it is done instead of in input order",
    )
    batch.add_argument(
        "--resume",
        metavar="OUT.jsonl",
        help="append results to OUT.jsonl instead of stdout (created if missing), skipping "
        "the ids it already holds: rerun the same command to continue a stopped batch",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar or notes on stderr")


def run(args: argparse.Namespace) -> int:
    """Grade the input and print the result."""
    from mockround.cli.common import settings_from
    from mockround.grading.select import make_grader

    bank = load_bank_or_fail()
    question_id = _question_id(bank, args.question)
    if args.explain and (args.json or args.jsonl):
        raise UserError("--explain prints a readable account: use it without --json or --jsonl")
    options = _batch_options(args)
    settings = settings_from(args)
    log = ExchangeLog(settings.db_path)
    grader = make_grader(settings, on_exchange=log.add)
    stream = _open_input(args.file)
    try:
        if args.jsonl:
            try:
                _run_batch(args, bank, settings, grader, log, question_id, stream, options)
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


def _batch_options(args: argparse.Namespace) -> BatchOptions:
    """The batch flags, checked: they need --jsonl, and N must be sensible."""
    used = [
        flag
        for flag, value in (
            ("--concurrency", args.concurrency is not None),
            ("--unordered", args.unordered),
            ("--resume", args.resume is not None),
        )
        if value
    ]
    if used and not args.jsonl:
        raise UserError(f"{', '.join(used)} grade a batch: add --jsonl")
    workers = DEFAULT_CONCURRENCY if args.concurrency is None else args.concurrency
    if not 1 <= workers <= MAX_CONCURRENCY:
        raise UserError(f"--concurrency must be between 1 and {MAX_CONCURRENCY}")
    resume = Path(args.resume) if args.resume is not None else None
    if resume is not None and args.file not in (None, "-") and resume.exists():
        try:
            same = resume.samefile(args.file)
        except OSError:
            same = False
        if same:
            raise UserError("--resume names the input file: give the output file to append to")
    return BatchOptions(workers, not args.unordered, resume, args.quiet)


def _run_batch(
    args: argparse.Namespace,
    bank: Bank,
    settings: Settings,
    grader: Grader,
    log: ExchangeLog,
    question_id: str,
    stream: BinaryIO,
    options: BatchOptions,
) -> None:
    """Grade the batch; with an LLM each worker gets its own grader (the first is `grader`)."""
    from mockround.grading.select import make_grader

    spare = [grader]

    def graders() -> Grader:
        # One grader per worker: a grader's bookkeeping (notes, log failures) is its own.
        try:
            return spare.pop()
        except IndexError:
            return make_grader(settings, on_exchange=log.add)

    if not grader.needs_network:
        if args.concurrency is not None and not args.quiet:
            say(
                "mockround: note: --concurrency applies to LLM grading; the offline grader "
                "grades one line at a time",
                file=sys.stderr,
            )
        options = replace(options, workers=1)
    written = grade_batch(bank, graders, question_id, stream, options, log)
    if options.resume is not None and not args.quiet:
        say(f"mockround: {written} result line(s) appended to {options.resume}", file=sys.stderr)


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


def _quote(text: str) -> list[str]:
    """The evidence in quotes, wrapped: the whole span, since the words that earned the score
    may sit at the end of a long sentence."""
    import textwrap

    return textwrap.wrap(f'"{" ".join(text.split())}"', QUOTE_WIDTH) or ['""']


def _print_grade(bank: Bank, grade: Grade) -> None:
    question = bank.get(grade.question_id)
    say(f"{question.id}: {question.prompt}")
    say(
        f"overall {grade.overall}/100 ({grade.band}) · grader {grade.grader} · "
        f"{grade.words} words, about {grade.speaking_seconds:.0f} s to say"
    )
    say()
    rows: list[tuple[str, str, str]] = []
    for score in grade.criteria:
        label = question.rubric.criterion(score.id).label
        lines = [line for e in score.evidence for line in _quote(e.text)] or ["-"]
        mark = " ?" if score.unsure else ""
        rows.append((label, f"{score.score}/{score.max}{mark}", lines[0]))
        rows.extend(("", "", line) for line in lines[1:])
    print_table(("criterion", "score", "evidence"), rows)
    unsure = [question.rubric.criterion(s.id).label for s in grade.criteria if s.unsure]
    if unsure:
        say(f"? unsure: check these yourself: {', '.join(unsure)}")
    if grade.red_flags:
        say()
        say("red flags:")
        for flag in grade.red_flags:
            say(f"  {flag.id}")
            for evidence in flag.evidence:
                say("\n".join(f"    {line}" for line in _quote(evidence.text)))
    if grade.warnings:
        say()
        say("warnings:")
        for warning in grade.warnings:
            say(f"  {warning}")
    say()
    say("feedback:")
    for score in grade.criteria:
        say(f"  {score.id}: {score.feedback}")
