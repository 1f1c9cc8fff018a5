"""`mockround export`: the whole history as JSONL, CSV or a Markdown practice journal."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from mockround.cli.common import add_command, say, settings_from


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

    out_path: Path | None = args.output
    if out_path is not None and out_path.is_dir():
        raise UserError(f"{out_path} is a folder: give --output a file name")
    with Store.open(settings_from(args).db_path) as store, store.lock() as conn:
        partial = out_path.with_name(f".{out_path.name}.partial") if out_path else None
        try:
            out = partial.open("w", encoding="utf-8", newline="") if partial else sys.stdout
        except OSError as exc:
            raise UserError(
                f"{out_path}: cannot write ({exc.strerror}); pick another --output"
            ) from None
        try:
            count = _write(args.format, conn, out)
            total = _attempt_count(conn)
            if partial and out_path:
                out.close()
                os.replace(partial, out_path)
        except sqlite3.Error as exc:
            raise store.error_from(exc) from None
        except ValueError as exc:
            # A row that reads back as nonsense (a damaged page, a file cut short).
            reason = " ".join(str(exc).split())[:120]
            raise UserError(
                f"{store.path} is damaged: a stored row cannot be read ({reason}); "
                "export what you can with sqlite3's .recover, or move the file away"
            ) from None
        except OSError as exc:
            raise UserError(
                f"{out_path or 'standard output'}: cannot write ({exc.strerror or exc}); "
                "free some space or pick another --output"
            ) from None
        finally:
            if out is not sys.stdout:
                out.close()
            if partial is not None:
                # Whatever happened, no half-written file is left behind under a hidden name.
                partial.unlink(missing_ok=True)
        if out_path:
            say(f"exported {_counted(count, total)} to {out_path}", file=sys.stderr)
    return 0


def _attempt_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])


def _counted(written: int, total: int) -> str:
    """'9 attempts', or '6 of 9 attempts (3 never submitted)' for the journal.

    The journal keeps only submitted answers; saying so keeps its count from looking like a
    different history than the csv and jsonl of the same database.
    """
    if written == total:
        return f"{total} attempt{'s' if total != 1 else ''}"
    return f"{written} of {total} attempts ({total - written} never submitted)"


def _write(fmt: str, conn: sqlite3.Connection, out: TextIO) -> int:
    from mockround.store.export import write_csv, write_jsonl, write_markdown

    if fmt == "jsonl":
        return write_jsonl(conn, out)
    if fmt == "csv":
        return write_csv(conn, out)
    return write_markdown(conn, out, _prompts())
