"""`mockround plan`: what to practise next, scheduled by FSRS from your grades."""

from __future__ import annotations

import argparse

from mockround.cli.common import add_command, print_json, print_table, say, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `plan` subcommand."""
    parser = add_command(
        subparsers,
        "plan",
        run,
        "list the questions and follow-ups due for practice",
        "Spaced repetition over the bank: every graded attempt is a review of its question "
        "(Again < 40, Hard < 60, Good < 80, Easy >= 80; a time's-up drill at best Hard), and a "
        "criterion scored 0 makes the follow-ups that target it due at once. Lists the cards "
        "due now with due time, state, stability, difficulty, last grade and weak criteria.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--all", action="store_true", help="every card, not only those due (new ones last)"
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="replay the whole graded history into the plan first",
    )


def run(args: argparse.Namespace) -> int:
    """Print the plan as a table (or JSON)."""
    from mockround.store import Store
    from mockround.store.display import local_stamp, score_text

    with Store.open(settings_from(args).db_path) as store:
        if args.rebuild:
            replayed = store.rebuild_plan()
            if not args.json:
                say(f"plan rebuilt from {replayed:,} graded attempts")
        items = store.plan(include_all=args.all)
        top = store.plan_reason(items[0]) if items and items[0].is_due else None
    if args.json:
        print_json([item.model_dump(mode="json") for item in items])
        return 0
    if not items:
        say("Nothing due: practise any question with `mockround`, or see `mockround plan --all`.")
        return 0
    if top is not None:
        say(f"next: {items[0].card_id}: {top}")
        say()
    print_table(
        ("card", "due", "state", "stability", "difficulty", "reviews", "last", "weak criteria"),
        [
            (
                item.card_id,
                local_stamp(item.due) + (" *" if item.is_due else ""),
                item.state,
                score_text(item.stability),
                score_text(item.difficulty),
                item.reviews,
                score_text(item.last_grade),
                ", ".join(item.weak_criteria) or "-",
            )
            for item in items
        ],
    )
    return 0
