"""The batch flags of `mockround grade --jsonl`: declared, checked, and the batch run with them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mockround.cli.common import say
from mockround.errors import UserError

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.cli.exchange_log import ExchangeLog
    from mockround.cli.grade_batch import BatchOptions
    from mockround.config import Settings
    from mockround.grading.base import Grader

DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 64


def add_batch_flags(parser: argparse.ArgumentParser) -> None:
    """--concurrency, --unordered and --resume."""
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


def batch_options(args: argparse.Namespace) -> BatchOptions:
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
    # The batch machinery (threads, queues, output files) is imported only for a batch: the
    # CLI parser, and so the app's start, load this module.
    from mockround.cli.grade_batch import BatchOptions

    return BatchOptions(workers, not args.unordered, resume, args.quiet)


def run_batch(
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
    from mockround.cli.grade_batch import grade_batch

    written = grade_batch(bank, graders, question_id, stream, options, log)
    if options.resume is not None and not args.quiet:
        say(f"mockround: {written} result line(s) appended to {options.resume}", file=sys.stderr)
