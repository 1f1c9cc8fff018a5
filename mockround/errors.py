"""Errors a user can cause: each carries a one-line message that says what to do."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or environment the user can fix; the CLI prints it on one line and exits 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        # One line, always: a multi-line message would read like a traceback.
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)
