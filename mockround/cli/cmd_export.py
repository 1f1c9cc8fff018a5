"""`mockround export`: the whole history as JSONL, CSV or a Markdown practice journal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mockround.cli.common import add_command, settings_from


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `export` subcommand."""
    parser = add_command(
        subparsers,
        "export",
        run,
        "export the history (jsonl, csv or md)",
        "Export every attempt. jsonl is lossless and re-importable with `mockround import`; "
        "csv has one row per attempt (latest grade, a score column per criterion); md reads "
        "as a practice journal grouped by day.",
    )
    parser.add_argument(
        "--format", choices=("jsonl", "csv", "md"), default="jsonl", help="default: jsonl"
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write here (default: standard output)"
    )


def _prompts() -> dict[str, str]:
    from mockround.bank import BankError, load_bank

    try:
        return {q.id: q.prompt for q in load_bank().all_items()}
    except BankError:
        # The journal still reads fine with question ids instead of prompts.
        return {}


def run(args: argparse.Namespace) -> int:
    """Write the export; a file is written to a temporary name and then renamed into place."""
    from mockround.errors import UserError
    from mockround.store import Store
    from mockround.store.export import write_csv, write_jsonl, write_markdown

    with Store.open(settings_from(args).db_path) as store, store.lock() as conn:
        out_path: Path | None = args.output
        partial = out_path.with_name(f".{out_path.name}.partial") if out_path else None
        try:
            out = partial.open("w", encoding="utf-8", newline="") if partial else sys.stdout
        except OSError as exc:
            raise UserError(
                f"{out_path}: cannot write ({exc.strerror}); pick another --output"
            ) from None
        try:
            if args.format == "jsonl":
                count = write_jsonl(conn, out)
            elif args.format == "csv":
                count = write_csv(conn, out)
            else:
                count = write_markdown(conn, out, _prompts())
        finally:
            if out is not sys.stdout:
                out.close()
        if partial and out_path:
            os.replace(partial, out_path)
            print(f"exported {count} attempts to {out_path}", file=sys.stderr)
    return 0
