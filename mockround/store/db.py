"""Opening the history database: checks before any write, pragmas, and clear errors.

Nothing is written to a file until it is known to be a MockRound database (or a new,
empty one): a stray file at the path is never altered, only reported.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from mockround.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10.0
"""How long a writer waits for another process's transaction before giving up."""


class StoreError(UserError):
    """The history database cannot be used: not SQLite, damaged, newer, read-only or locked."""


def to_db_time(moment: datetime) -> str:
    """A UTC timestamp as fixed-width ISO text, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The inverse of `to_db_time` (always timezone-aware)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _check_file(path: Path) -> None:
    """Refuse a directory or a non-SQLite file before SQLite touches it."""
    try:
        # Inside the try: in a folder we may not search, even asking whether it exists fails.
        if path.is_dir():
            raise StoreError(
                f"{path} is a directory, not a history database: pass --db with a file"
            )
        if not path.exists():
            return
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot read ({exc.strerror or exc}); check its permissions or pass --db"
        ) from None
    # An empty file is what sqlite3 leaves after a failed first open: safe to initialise.
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a MockRound history database (not SQLite): move it away or pass --db"
        )


def _ensure_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StoreError(
            f"cannot create the folder for {path} ({reason}): "
            "pick a writable location with --db or MOCKROUND_DB"
        ) from None


def describe_sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """Turn an sqlite3 error into a one-line StoreError that says what to do."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return StoreError(
            f"{path}: cannot write the history database ({text}): the location looks read-only; "
            "pick a writable location with --db or MOCKROUND_DB"
        )
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"{path}: the history database is locked by another process ({text}); "
            "close the other MockRound and retry"
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return StoreError(
            f"{path} is damaged or not a MockRound history database ({text}): "
            "move it away or pass --db"
        )
    return StoreError(f"{path}: database error ({text})")


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` with the pragmas MockRound relies on; raise StoreError on any problem.

    The connection is in autocommit mode: single statements commit at once and
    multi-statement writes use `write_transaction`, so no write is ever left pending.
    """
    _check_file(path)
    _ensure_parent(path)
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from None
    try:
        # A read first: a damaged file fails here, before any pragma could write to it.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise describe_sqlite_error(path, exc) from None
    return conn


def enable_wal(conn: sqlite3.Connection, path: Path) -> None:
    """WAL lets readers and a writer work at once; FULL sync keeps every commit on disk."""
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from None
    if str(mode).lower() != "wal":
        raise StoreError(
            f"{path}: cannot switch the history database to WAL mode (got {mode}); "
            "pick a local, writable location with --db"
        )


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT: take the write lock up front so the busy timeout applies."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
