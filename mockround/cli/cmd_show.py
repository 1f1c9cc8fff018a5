"""`mockround show ATTEMPT`: the answer, every grade with its evidence, and follow-ups."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mockround.cli.common import add_command, print_json, print_table, say, settings_from

if TYPE_CHECKING:
    from mockround.bank import Rubric
    from mockround.store import AttemptDetail, StoredGrade


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `show` subcommand."""
    parser = add_command(
        subparsers,
        "show",
        run,
        "show one attempt: answer, grades, evidence, follow-ups",
        "Show one attempt in full. ATTEMPT is an id from `mockround history` or its first "
        "characters.",
    )
    parser.add_argument("attempt", metavar="ATTEMPT", help="attempt id or unique prefix")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Print the attempt."""
    from mockround.store import Store

    with Store.open(settings_from(args).db_path) as store:
        detail = store.get_attempt(args.attempt)
    if args.json:
        print_json(detail.model_dump(mode="json"))
    else:
        _print_detail(detail)
    return 0


def _print_grade(number: int, stored: StoredGrade, rubric: Rubric | None) -> None:
    from mockround.cli.grade_view import print_grade_body
    from mockround.store.display import local_stamp

    grade = stored.grade
    label = "second opinion" if stored.second_opinion_of is not None else f"grade {number}"
    say(
        f"\n{label}: {grade.overall}/100 {grade.band} by {grade.grader}, "
        f"{local_stamp(stored.created_at)}"
    )
    print_grade_body(grade, rubric)


def _print_detail(detail: AttemptDetail) -> None:
    from mockround.cli.grade_view import bank_if_valid, bank_question
    from mockround.store.display import local_stamp, score_text, seconds_text, short_id

    bank = bank_if_valid()
    a = detail.attempt
    question = bank_question(bank, a.question_id)
    limit = f", {a.time_limit} s limit" if a.time_limit else ""
    ran_out = ", time ran out" if a.timed_out else ""
    # Attempts stored before the prompt was kept were asked the bank's wording.
    asked = a.prompt or (question.prompt if question else None)
    say(f"attempt    {a.id}")
    say(f"question   {question.title if question else a.question_id}")
    if asked:
        say(f"asked      {asked}")
    say(f"mode       {a.mode}{limit}{ran_out}")
    if a.parent_id:
        say(f"follows    {a.parent_id}")
    say(f"started    {local_stamp(a.started_at)}")
    if a.submitted_at is None:
        say("submitted  not yet (an unfinished draft)")
    else:
        say(
            f"submitted  {local_stamp(a.submitted_at)} "
            f"({seconds_text(a.duration_seconds)}, {a.words} words)"
        )
    say("\nanswer")
    for line in (a.text or "(empty)").splitlines():
        say(f"  {line}")
    if not detail.grades:
        say("\nnot graded")
    number = 0
    for stored in detail.grades:
        if stored.second_opinion_of is None:
            number += 1
        _print_grade(number, stored, question.rubric if question else None)
    if detail.followups:
        say("\nfollow-ups")
        print_table(
            ("date", "id", "question", "overall", "band"),
            [
                (
                    local_stamp(f.submitted_at or f.started_at),
                    short_id(f.id),
                    bank.question_title(f.question_id) if bank else f.question_id,
                    score_text(f.overall),
                    f.band or "-",
                )
                for f in detail.followups
            ],
        )
    if detail.exchanges:
        say(f"\nLLM exchanges: {len(detail.exchanges)}")
        for ex in detail.exchanges:
            outcome = f"error: {ex.error}" if ex.error else "ok"
            say(f"  {local_stamp(ex.created_at)}  {ex.model}  {ex.latency_ms:.0f} ms  {outcome}")
