"""`mockround config`: show the effective settings and where each came from."""

from __future__ import annotations

import argparse

from mockround.cli.common import Handler, add_command, print_json, print_table


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `config show` and `config path`."""
    parser = add_command(
        subparsers, "config", _help_only(subparsers), "show settings and the config file path"
    )
    inner = parser.add_subparsers(dest="config_command", metavar="ACTION")
    show = add_command(inner, "show", run_show, "print the effective settings (secrets masked)")
    show.add_argument("--json", action="store_true", help="print JSON")
    add_command(inner, "path", run_path, "print the config file path")


def _help_only(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> Handler:
    def run(args: argparse.Namespace) -> int:
        subparsers.choices["config"].print_help()
        return 2

    return run


def run_show(args: argparse.Namespace) -> int:
    """Print every setting, its value (keys masked) and its source."""
    from mockround.cli.common import cli_overrides
    from mockround.config import describe_settings, load_settings

    settings, origin = load_settings(cli_overrides(args))
    rows = describe_settings(settings, origin)
    if args.json:
        print_json({key: {"value": value, "source": source} for key, value, source in rows})
    else:
        print_table(("setting", "value", "source"), rows)
    return 0


def run_path(args: argparse.Namespace) -> int:
    """Print the config file path (it may not exist yet)."""
    from mockround import locations

    print(locations.config_file())
    return 0
