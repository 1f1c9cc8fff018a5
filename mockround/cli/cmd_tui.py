"""`mockround` (no command), `mockround app` and `mockround drill`: open the Textual app."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `app` (what a bare `mockround` runs) and `drill` (straight into a timed drill)."""
    add_command(subparsers, "app", run, "open the app (the default when no command is given)")
    drill = add_command(
        subparsers,
        "drill",
        run_drill,
        "open a timed drill directly",
        "Open the app straight into a timed drill; the answer locks and is graded at 0:00.",
    )
    drill.add_argument(
        "--question",
        metavar="ID",
        help="question or follow-up id (default: the main question; see `mockround questions`)",
    )
    drill.add_argument(
        "--seconds",
        type=int,
        metavar="N",
        help="length of the drill (default: 90; env MOCKROUND_SECONDS)",
    )


def run(args: argparse.Namespace) -> int:
    """Start the app on Home; textual is imported only here.

    The settings and the bank are validated by the app after Home's first paint (pydantic's
    import alone is a quarter of the start-up); a bad config file or a broken bank still ends
    the session with the same one-line error.
    """
    from mockround.tui.app import run_app

    return run_app(lambda: settings_from(args))


def run_drill(args: argparse.Namespace) -> int:
    """Start the app in a drill on the chosen question."""
    from mockround.cli.common import load_bank_or_fail
    from mockround.cli.unknown_id import unknown_id
    from mockround.config import MAX_DRILL_SECONDS, MIN_DRILL_SECONDS
    from mockround.errors import UserError
    from mockround.tui.app import DrillStart, run_app

    seconds = getattr(args, "seconds", None)
    if seconds is not None and not MIN_DRILL_SECONDS <= seconds <= MAX_DRILL_SECONDS:
        # Checked here so the flag is named as typed, not as the settings field it fills.
        raise UserError(
            f"--seconds must be from {MIN_DRILL_SECONDS} to {MAX_DRILL_SECONDS} (got {seconds})"
        )
    settings = settings_from(args)
    bank = load_bank_or_fail()
    question_id = getattr(args, "question", None)
    if question_id is not None and question_id not in bank.ids():
        raise unknown_id("question id", question_id, bank.ids(), listing="mockround questions")
    return run_app(settings, bank, drill=DrillStart(question_id, settings.drill.seconds))
