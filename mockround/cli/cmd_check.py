"""`mockround check`: validate every question bank, rubric and cue file."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from mockround.cli.common import add_command, say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `check` subcommand."""
    parser = add_command(
        subparsers,
        "check",
        run,
        "validate the question bank, rubrics and cue files",
        "Validate every question bank, rubric and cue file (rubrics/cues/*.toml, checked "
        "against the rubric each serves); print one line per problem "
        "(file: entry: field: message) and exit 1 if there is any.",
    )
    parser.add_argument(
        "--bank", type=Path, metavar="DIR", help="question bank folder (default: the shipped one)"
    )
    parser.add_argument(
        "--rubrics", type=Path, metavar="DIR", help="rubrics folder (default: the shipped one)"
    )


def run(args: argparse.Namespace) -> int:
    """Print every problem; exit 0 when there are none, 1 otherwise."""
    from mockround.bank import check_bank, load_bank
    from mockround.bank.loader import read_rubrics
    from mockround.grading.offline.cue_check import check_cues

    demo_ids = _known_demo_ids()
    problems = check_bank(args.bank, args.rubrics, demo_ids)
    problems += check_cues(args.rubrics, read_rubrics(args.rubrics))
    if problems:
        for problem in problems:
            say(problem)
        say(f"{len(problems)} problem(s) found")
        return 1
    bank = load_bank(args.bank, args.rubrics, demo_ids)
    followups = sum(len(q.followups) for q in bank.questions)
    counts = f"{len(bank.questions)} questions, {followups} follow-ups, {len(bank.rubrics)} rubrics"
    say(f"ok: {counts} and their cue files")
    return 0


def _known_demo_ids() -> set[str] | None:
    # Demo ids come from the demo registry (which imports no scikit-learn). Until the demos
    # package exists there is nothing to check the rubric links against.
    try:
        registry = importlib.import_module("mockround.demos.registry")
    except ModuleNotFoundError:
        return None
    return set(registry.demo_ids())
