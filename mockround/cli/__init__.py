"""The `mockround` command: no arguments opens the app; subcommands serve scripts.

Each subcommand lives in its own module with `register(subparsers)`; modules import
only the standard library at the top, so `mockround --version` and `--help` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from mockround import __version__
from mockround.cli.common import add_common_options, run_command

# Order here is the order `mockround --help` lists them. Each module registers itself.
COMMAND_MODULES: tuple[str, ...] = (
    "mockround.cli.cmd_tui",
    "mockround.cli.cmd_serve",
    "mockround.cli.cmd_questions",
    "mockround.cli.cmd_check",
    "mockround.cli.cmd_grade",
    "mockround.cli.cmd_config",
    "mockround.cli.cmd_demo",
    "mockround.cli.cmd_history",
    "mockround.cli.cmd_show",
    "mockround.cli.cmd_stats",
    "mockround.cli.cmd_plan",
    "mockround.cli.cmd_export",
    "mockround.cli.cmd_import",
)
APP_ONLY: tuple[str, ...] = ("mockround.cli.cmd_tui",)
APP_COMMANDS = frozenset({"app", "drill"})


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of `modules` (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="mockround",
        description="Practise answering 'How do you handle imbalanced data?' and its follow-ups. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"mockround {__version__}")
    add_common_options(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mockround` script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):
        # Answer before building the parser: the version must be instant.
        print(f"mockround {__version__}")
        return 0
    # MockRound uses no pydantic plugins; looking for them scans every installed package's
    # metadata (~20 ms at each start). A value the user set explicitly is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Opening the app needs none of the other commands: importing them would only delay it.
    opens_app = not args_list or args_list[0] in APP_COMMANDS
    parser = build_parser(APP_ONLY if opens_app else COMMAND_MODULES)
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        args = parser.parse_args(["app", *args_list])
    return run_command(args)
