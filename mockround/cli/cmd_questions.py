"""`mockround questions`: list questions and their follow-ups."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, load_bank_or_fail, print_json, say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `questions` subcommand."""
    parser = add_command(subparsers, "questions", run, "list questions and follow-ups")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Print the questions, each with its follow-ups indented beneath it."""
    bank = load_bank_or_fail()
    if args.json:
        print_json(
            [
                {
                    "id": q.id,
                    "title": q.title,
                    "prompt": q.prompt,
                    "criteria": list(q.rubric.criterion_ids),
                    "followups": [
                        {
                            "id": f.id,
                            "title": f.title,
                            "prompt": f.prompt,
                            "targets": list(f.targets),
                            "criteria": list(f.rubric.criterion_ids),
                        }
                        for f in q.followups
                    ],
                }
                for q in bank.questions
            ]
        )
        return 0
    for question in bank.questions:
        say(f"{question.id}  {question.prompt}")
        for followup in question.followups:
            say(f"    {followup.id}  {followup.prompt}")
    return 0
