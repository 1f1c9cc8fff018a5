"""`mockround history`: scored attempts, newest first."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, print_json, print_table, say, settings_from

MAX_LIMIT = 1_000_000
"""More rows than anyone reads in a terminal; `export` is the way to get everything."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `history` subcommand."""
    parser = add_command(
        subparsers,
        "history",
        run,
        "list scored attempts, newest first",
        "List submitted attempts, newest first: date, id, question, mode, overall, band and "
        "duration. Pass an id (or its first characters) to `mockround show`.",
    )
    parser.add_argument("--question", metavar="ID", help="only attempts at this question")
    parser.add_argument(
        "--limit", type=int, default=50, metavar="N", help="how many attempts (default: 50)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Print the newest attempts as a table (or JSON)."""
    from mockround.cli.grade_view import bank_if_valid
    from mockround.errors import UserError
    from mockround.store import Store
    from mockround.store.display import local_stamp, score_text, seconds_text, short_id

    if not 1 <= args.limit <= MAX_LIMIT:
        # SQLite integers stop at 2**63: a larger LIMIT would fail inside the query.
        raise UserError(f"--limit must be from 1 to {MAX_LIMIT:,} (got {args.limit})")
    if args.question is not None:
        _check_question(args.question)
    with Store.open(settings_from(args).db_path) as store:
        attempts = store.list_attempts(question_id=args.question, limit=args.limit)
    bank = bank_if_valid()
    if args.json:
        print_json([attempt.model_dump(mode="json") for attempt in attempts])
        return 0
    if not attempts:
        where = f" at {args.question}" if args.question else ""
        say(f"No attempts{where} yet: run `mockround` to practise.")
        return 0
    print_table(
        ("date", "id", "question", "mode", "overall", "band", "duration"),
        [
            (
                local_stamp(a.submitted_at),
                short_id(a.id),
                bank.question_title(a.question_id) if bank else a.question_id,
                a.mode
                + (" (time ran out)" if a.timed_out else "")
                + (" (paused)" if a.paused else ""),
                score_text(a.overall),
                a.band or "-",
                seconds_text(a.duration_seconds),
            )
            for a in attempts
        ],
    )
    return 0


def _check_question(question_id: str) -> None:
    """An id the bank does not know is a typo to report, not an empty history to show."""
    from mockround.cli.common import load_bank_or_fail
    from mockround.cli.unknown_id import unknown_id

    ids = load_bank_or_fail().ids()
    if question_id not in ids:
        raise unknown_id("question id", question_id, ids, listing="mockround questions")
