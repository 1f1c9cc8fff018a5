"""`mockround demo`: list the runnable demos, or run one and show its figures."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mockround.cli.common import add_command, print_json, print_table, say
from mockround.errors import UserError

if TYPE_CHECKING:
    from mockround.demos.models import DemoResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `demo` subcommand."""
    parser = add_command(
        subparsers,
        "demo",
        run,
        "run a scikit-learn mini-demo that proves a claim",
        "Run a mini-demo (synthetic data, seconds at most) that shows why a claim the rubric "
        "rewards is true, with a figure you can quote. Without an id, lists the demos.",
    )
    parser.add_argument("demo_id", nargs="?", metavar="ID", help="the demo to run (see --list)")
    parser.add_argument("--list", action="store_true", help="list the demos and what they back")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed (default: the demo's)")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a demo parameter (repeatable), e.g. --param miss_cost_ratio=20",
    )
    parser.add_argument(
        "--plot",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw the terminal plot (default: only when stdout is a terminal)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    """List the demos, or run the chosen one and print its result."""
    from mockround.demos import registry

    if args.list or args.demo_id is None:
        specs = registry.list_specs()
        if args.json:
            print_json([spec.model_dump(mode="json") for spec in specs])
        else:
            print_table(
                ["id", "backs", "claim"],
                [[s.id, ", ".join((*s.criteria, *s.red_flags)), s.title] for s in specs],
            )
        return 0
    if args.demo_id not in registry.demo_ids():
        from mockround.cli.unknown_id import unknown_id

        raise unknown_id("demo", args.demo_id, registry.demo_ids(), listing="mockround demo")
    try:
        result = registry.run_demo(args.demo_id, args.seed, **_parse_params(args.param))
    except registry.DemoParamError as exc:
        raise UserError(f"{exc} (see `mockround demo --list --json` for defaults)") from None
    if args.json:
        print_json(result.model_dump(mode="json"))
        return 0
    show_plot = sys.stdout.isatty() if args.plot is None else args.plot
    print_result(result, plot=show_plot, colour=sys.stdout.isatty())
    return 0


def print_result(result: DemoResult, *, plot: bool, colour: bool) -> None:
    """The human view: claim, figures, optional plot, verdict and the quotable takeaway."""
    say(f"{result.id}: {result.title}")
    say(f"Claim: {result.claim}")
    say(f"Backs: {', '.join(result.criteria)}")
    params = ", ".join(f"{k}={v}" for k, v in result.params.items())
    say(f"Seed {result.seed}; {params}")
    say()
    print_table(result.metrics.columns, [[_cell(c) for c in row] for row in result.metrics.rows])
    if plot and result.series:
        from mockround.demos.plot import render_plot

        say()
        print(render_plot(result, colour=colour))
    say()
    verdict = "yes" if result.claim_holds else "NO (the figures above do not support it)"
    say(f"Claim holds: {verdict}")
    say(f"Say it: {result.takeaway}")
    say(f"({result.runtime_seconds:.2f} s)")


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--param expects NAME=VALUE, got '{item}'")
        params[name.strip()] = value.strip()
    return params


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
