"""`mockround stats`: attempts, averages, trend, weakest criterion and streak."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, print_json, print_table, say, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `stats` subcommand."""
    parser = add_command(
        subparsers,
        "stats",
        run,
        "show statistics over the scored history",
        "Attempts per question, average and best overall, trend (last 5 vs previous 5 graded "
        "main-question attempts), per-criterion average score, the weakest criterion and "
        "the current daily streak.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """Print the statistics."""
    from mockround.cli.grade_view import bank_if_valid
    from mockround.store import Store
    from mockround.store.display import local_stamp, score_text

    with Store.open(settings_from(args).db_path) as store:
        stats = store.stats()
    if args.json:
        print_json(stats.model_dump(mode="json"))
        return 0
    if stats.total_attempts == 0:
        say("No attempts yet: run `mockround` to practise.")
        return 0
    bank = bank_if_valid()

    def label(criterion_id: str) -> str:
        return bank.criterion_label(criterion_id) if bank else criterion_id

    def title(question_id: str) -> str:
        return bank.question_title(question_id) if bank else question_id

    days = "day" if stats.streak_days == 1 else "days"
    say(
        f"attempts: {stats.total_attempts} submitted, {stats.graded_attempts} graded; "
        f"streak: {stats.streak_days} {days}"
    )
    if stats.trend_last5 is not None:
        line = f"trend: last 5 average {score_text(stats.trend_last5)}"
        if stats.trend_prev5 is not None:
            change = stats.trend_last5 - stats.trend_prev5
            line += f", previous 5 average {score_text(stats.trend_prev5)} ({change:+.1f})"
        say(line)
    if stats.weakest_criterion is not None:
        weakest = stats.criteria[stats.weakest_criterion]
        say(f"weakest criterion: {label(stats.weakest_criterion)} ({weakest:.2f} of 2)")
    say()
    print_table(
        ("question", "attempts", "average", "best", "last", "last attempt"),
        [
            (
                title(q.question_id),
                q.attempts,
                score_text(q.average_overall),
                score_text(q.best_overall),
                score_text(q.last_overall),
                local_stamp(q.last_at),
            )
            for q in stats.questions
        ],
    )
    if stats.criteria:
        say()
        print_table(
            ("criterion", "average (0-2)"),
            [(label(cid), f"{avg:.2f}") for cid, avg in stats.criteria.items()],
        )
    return 0
