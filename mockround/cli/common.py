"""What every subcommand shares: common options, settings, error handling, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from mockround.errors import UserError
from mockround.terminal import clean, one_line

if TYPE_CHECKING:
    from mockround.bank import Bank
    from mockround.config import Settings

Handler = Callable[[argparse.Namespace], int]


def add_common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--db and --grader (and the LLM overrides), valid before or after the subcommand."""
    # On subcommands SUPPRESS keeps an absent flag from overwriting one given earlier.
    default = None if top_level else argparse.SUPPRESS
    group = parser.add_argument_group("common options")
    group.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="history database (default: <data dir>/history.db; env MOCKROUND_DB)",
    )
    group.add_argument(
        "--grader",
        choices=("auto", "offline", "llm"),
        default=default,
        help="who grades: auto uses an LLM when a key or base URL is set (default: auto)",
    )
    group.add_argument(
        "--model", metavar="NAME", default=default, help="LLM model name (env MOCKROUND_MODEL)"
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=default,
        help="OpenAI-compatible server URL (env OPENAI_BASE_URL)",
    )


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    help_text: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """Register one subcommand with the common options; return its parser."""
    parser = subparsers.add_parser(name, help=help_text, description=description or help_text)
    add_common_options(parser)
    parser.set_defaults(func=handler)
    return parser


def cli_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The settings this command line sets (absent flags are None)."""
    return {
        "db": getattr(args, "db", None),
        "grader": getattr(args, "grader", None),
        "llm.model": getattr(args, "model", None),
        "llm.base_url": getattr(args, "base_url", None),
        "drill.seconds": getattr(args, "seconds", None),
    }


def settings_from(args: argparse.Namespace) -> Settings:
    """Effective settings: defaults < config file < environment < these flags."""
    from mockround.config import load_settings

    settings, _ = load_settings(cli_overrides(args))
    return settings


def load_bank_or_fail() -> Bank:
    """The shipped bank; a broken bank is a one-line user error."""
    from mockround.bank import load_bank_or_fail

    return load_bank_or_fail()


def print_json(data: Any) -> None:
    """Pretty JSON on stdout."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


def say(*parts: object, file: TextIO | None = None, flush: bool = False) -> None:
    """`print` for text meant for a terminal: control and bidi characters made visible.

    Answers, imports, question ids and LLM replies are not ours to send to a terminal raw;
    every human-readable line the CLI prints goes through here (`--json` does not).
    """
    print(*(clean(part) for part in parts), file=file, flush=flush)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned text table (no colours: safe for pipes and terminals)."""
    cells = [[one_line(h) for h in headers], *[[one_line(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error on stderr and return the exit code."""
    say(f"mockround: error: {one_line(' '.join(message.split()))}", file=sys.stderr)
    return code


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen handler, turning user errors into one line and an exit code."""
    handler: Handler = args.func
    try:
        return handler(args)
    except UserError as exc:
        return fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0
