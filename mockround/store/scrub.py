"""Belt and braces: strip anything that looks like a credential before it reaches the disk.

The LLM grader never puts keys in what it logs; this is the second line of defence.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"

_SECRET_KEYS = frozenset(
    {
        "api_key",
        "apikey",
        "x_api_key",
        "authorization",
        "proxy_authorization",
        "access_token",
        "refresh_token",
        "client_secret",
        "secret",
        "password",
        "bearer",
        "openai_api_key",
    }
)
# Bearer tokens and OpenAI-style keys inside free text (error messages, echoed headers).
_SECRET_TEXT = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}|\bsk-[A-Za-z0-9_-]{12,}")


def _is_secret_key(key: object) -> bool:
    return isinstance(key, str) and key.lower().replace("-", "_") in _SECRET_KEYS


def scrub_text(text: str) -> str:
    """Text with bearer tokens and `sk-...` keys replaced."""
    return _SECRET_TEXT.sub(REDACTED, text)


def scrub_url(url: str) -> str:
    """A URL without user:password@ and without key-like query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return scrub_text(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = "&".join(
        f"{name}={REDACTED}" if _is_secret_key(name) else f"{name}={value}" if sep else name
        for name, sep, value in (item.partition("=") for item in parts.query.split("&") if item)
    )
    return scrub_text(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)))


def scrub(value: Any) -> Any:
    """A deep copy of `value` with secret-named keys redacted and secret-looking text masked."""
    if isinstance(value, dict):
        return {
            key: REDACTED if _is_secret_key(key) else scrub(item) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value
