"""Serve the app to browsers with textual-serve (aiohttp); imported only by `mockround serve`."""

from __future__ import annotations

import asyncio
import signal
import socket
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from mockround.errors import UserError


class MockRoundServer(Server):
    """textual-serve's server, announcing itself in one plain line once it listens."""

    def __init__(self, command: str, host: str, port: int, url: str) -> None:
        super().__init__(command, host=host, port=port, title="MockRound")
        self.page_url = url
        self.sessions: set[asyncio.Task[Any]] = set()
        """The tasks serving open browser tabs, each with its own app process."""

    async def on_startup(self, app: web.Application) -> None:
        """No logo and no command line (it holds paths): `announce` says what matters."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab's session, remembered so that Ctrl+C can end it at once."""
        task = asyncio.current_task()
        if task is not None:
            self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End open tabs' sessions now; aiohttp would wait 60 s for them to close by themselves.

        Cancelling is textual-serve's own way out of a session: it closes the websocket and
        asks the app to quit, so a drill's draft is saved as on any quit.
        """
        for task in list(self.sessions):
            task.cancel()

    def announce(self, _aiohttp_banner: str) -> None:
        """Where to point the browser, printed only once the socket accepts connections."""
        print(f"MockRound is served at {self.page_url} (Ctrl+C stops it)", flush=True)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's own `serve`, but with aiohttp's after-bind hook printing our line.

        The parent prints from on_startup, before the port is bound, so a script (or a
        user) given the URL could find nothing listening yet.
        """
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,
        )

    async def handle_index(self, request: web.Request) -> Any:
        """The page, pointing its websocket at the address the browser used.

        textual-serve builds that address from --host, which for 0.0.0.0 is no address a
        browser elsewhere can reach. The parent has no await before it reads `public_url`,
        so no other request can change it in between.
        """
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)


def check_free(host: str, port: int) -> None:
    """A one-line error now, rather than aiohttp's traceback after the URL was printed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UserError(f"--host {host} is not an address of this machine ({exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # The same option aiohttp sets, so a port left in TIME_WAIT is not called busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UserError(
                f"cannot listen on {host} port {port} ({exc.strerror}); "
                "choose another with --port, or stop what uses it"
            ) from None


def serve(command: str, host: str, port: int, url: str) -> int:
    """Serve until Ctrl+C (or SIGTERM); each browser session runs `command`."""
    check_free(host, port)
    try:
        MockRoundServer(command, host, port, url).serve()
    except OSError as exc:
        raise UserError(f"cannot serve on {host} port {port} ({exc.strerror or exc})") from None
    return 0
