"""`mockround` (no command) and `mockround app`: open the Textual app."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `app` subcommand (what a bare `mockround` runs)."""
    add_command(subparsers, "app", run, "open the app (the default when no command is given)")


def run(args: argparse.Namespace) -> int:
    """Start the app; textual is imported only here."""
    from mockround.cli.common import load_bank_or_fail
    from mockround.tui.app import run_app

    settings = settings_from(args)
    bank = load_bank_or_fail()
    return run_app(settings, bank)
