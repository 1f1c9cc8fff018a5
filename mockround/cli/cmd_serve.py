"""`mockround serve`: the same app, served to a browser by Textualize's textual-serve."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from mockround.cli.common import add_command, say, settings_from
from mockround.errors import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
NO_LOGIN_WARNING = (
    "warning: the app has no login: anyone who can reach {url} can practise as you and read "
    "your history"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `serve`: run the app for a browser."""
    parser = add_command(
        subparsers,
        "serve",
        run,
        "run the app in a web browser (localhost only unless --allow-remote)",
        "Serve the app to a web browser with textual-serve: each browser tab runs its own copy "
        "of the app on this machine's database. Grades offline unless --grader is given.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other browsers can reach (the app has no login)",
    )


def is_local(host: str) -> bool:
    """True when only this machine can connect to `host` (a loopback address or name)."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def page_url(host: str, port: int) -> str:
    """The address to open in a browser (IPv6 literals in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def app_command(db_path: Path, grader: str, args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session.

    The same interpreter (so the same installed MockRound), the same database as an absolute
    path, and the grader chosen here; the environment (MOCKROUND_HOME, keys) is inherited.
    """
    argv = [sys.executable, "-m", "mockround", "app", "--db", str(db_path.resolve())]
    argv += ["--grader", grader]
    for flag, name in (("--model", "model"), ("--base-url", "base_url")):
        value = getattr(args, name, None)
        if value is not None:
            argv += [flag, value]
    return shlex.join(argv)


def check_options(host: str, port: int, allow_remote: bool) -> None:
    """Refuse a bad port, and a non-local host unless --allow-remote says so."""
    if not 1 <= port <= 65535:
        raise UserError(f"--port must be from 1 to 65535 (got {port})")
    if not host.strip():
        raise UserError("--host is empty; leave it out to serve on 127.0.0.1")
    if not is_local(host) and not allow_remote:
        raise UserError(
            f"--host {host} lets other machines open the app, which has no login; "
            "add --allow-remote to do it anyway, or leave --host out"
        )


def run(args: argparse.Namespace) -> int:
    """Check the options, then serve until Ctrl+C; aiohttp is imported only here."""
    host: str = args.host
    port: int = args.port
    check_options(host, port, args.allow_remote)
    settings = settings_from(args)
    # A served app may be open to others: it spends no one's LLM key unless asked to.
    grader = getattr(args, "grader", None) or "offline"
    command = app_command(settings.db_path, grader, args)
    url = page_url(host, port)
    from mockround.tui.serve import serve

    if not is_local(host):
        say(NO_LOGIN_WARNING.format(url=url), file=sys.stderr)
    return serve(command, host, port, url)
