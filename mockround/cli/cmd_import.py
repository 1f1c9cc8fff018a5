"""`mockround import FILE.jsonl`: restore an export; importing twice adds nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mockround.cli.common import add_command, print_json, say, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `import` subcommand."""
    parser = add_command(
        subparsers,
        "import",
        run,
        "import a JSONL export",
        "Add the attempts of a `mockround export` JSONL file that the database does not have "
        "yet (matched by attempt id). A bad line is reported with its number and skipped; "
        "exit 1 when any line was bad.",
    )
    parser.add_argument("file", type=Path, metavar="FILE.jsonl", help="a JSONL export")
    parser.add_argument(
        "--progress",
        action="store_true",
        help="report progress on stderr (default: only when stderr is a terminal)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def _show_progress(lines: int, done: int, total: int) -> None:
    share = f" ({100 * done // total}%)" if total else ""
    say(f"mockround: import: {lines} lines read{share}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Import the file and print what was added, skipped and rejected."""
    from mockround.store import Store
    from mockround.store.importer import import_jsonl

    progress = _show_progress if args.progress or sys.stderr.isatty() else None
    with Store.open(settings_from(args).db_path) as store:
        result = import_jsonl(store, args.file, progress)
    for line, message in result.bad_lines:
        say(f"mockround: {args.file}:{line}: skipped: {message}", file=sys.stderr)
    for line, message in result.warnings:
        say(f"mockround: {args.file}:{line}: warning: {message}", file=sys.stderr)
    if result.truncated:
        say(f"mockround: {result.truncated}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "file": str(args.file),
                "lines": result.lines,
                "imported": result.imported,
                "already_present": result.already_present,
                "bad_lines": [{"line": n, "error": m} for n, m in result.bad_lines],
                "warnings": [{"line": n, "warning": m} for n, m in result.warnings],
                "truncated": result.truncated,
            }
        )
    else:
        say(
            f"imported {result.imported} attempts from {args.file} "
            f"({result.already_present} already present, {len(result.bad_lines)} bad lines skipped)"
        )
    return 1 if result.bad_lines or result.truncated else 0
