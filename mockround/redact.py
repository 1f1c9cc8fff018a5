"""Keys out of everything shown, logged or cached: URLs with credentials, echoed secrets.

People put keys in `OPENAI_BASE_URL` (`https://user:KEY@host/v1`, `...?api_key=KEY`) because
some proxies want them there; the URL is then shown by `config show`, named in warnings, used
as a cache key and logged. Every one of those goes through `redact_url`. A server may echo a
key back altered (upper-cased, or with zero-width characters between its letters), so `mask`
matches it ignoring case and invisible characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit, urlunsplit

REDACTED = "[redacted]"

SECRET_NAMES = frozenset(
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
"""Field names whose values are credentials, wherever they appear."""
URL_SECRET_PARAMS = SECRET_NAMES | {"key", "token", "api_token", "auth", "sig", "signature"}
"""Query parameters that carry a credential in a URL (`?key=` is common for gateways)."""
# Characters that render as nothing: a key split by them still reads as the key.
_INVISIBLE = "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]*"


def is_secret_name(name: object, names: frozenset[str] = SECRET_NAMES) -> bool:
    """True for a field name (or, with URL_SECRET_PARAMS, a query parameter) of a credential."""
    return isinstance(name, str) and name.lower().replace("-", "_") in names


def redact_url(url: str) -> str:
    """`url` without user:password@ and with key-like query values replaced."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a malformed port raises here, not later in a message
    except ValueError:
        return REDACTED
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = "&".join(
        f"{name}={REDACTED}"
        if is_secret_name(name, URL_SECRET_PARAMS)
        else f"{name}={value}"
        if sep
        else name
        for name, sep, value in (item.partition("=") for item in parts.query.split("&") if item)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def url_secrets(url: str | None) -> list[str]:
    """The credentials inside a URL (password, bare user key, key-like query values)."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found: list[str] = []
    if parts.password:
        found.append(parts.password)
    if parts.username and not parts.password:
        # `https://KEY@host` is how some gateways take a key; a lone user name is one.
        found.append(parts.username)
    found += [
        value
        for name, value in parse_qsl(parts.query)
        if is_secret_name(name, URL_SECRET_PARAMS) and value
    ]
    return [secret for secret in found if len(secret) >= 4]


def _pattern(secret: str) -> re.Pattern[str]:
    return re.compile(_INVISIBLE.join(re.escape(char) for char in secret), re.IGNORECASE)


def mask(text: str, secrets: Iterable[str | None], replacement: str = "***") -> str:
    """`text` with every secret masked, however it was re-cased or split by invisible marks."""
    for secret in secrets:
        if not secret:
            continue
        text = _pattern(secret).sub(replacement, text)
        # OpenAI's own 401 body echoes a masked key ("sk-abc...wxyz"): drop the visible tail.
        if len(secret) >= 12:
            text = re.sub(
                r"(\.{3}|\*{3,})" + _INVISIBLE.join(re.escape(c) for c in secret[-4:]),
                r"\1****",
                text,
                flags=re.IGNORECASE,
            )
    return text
