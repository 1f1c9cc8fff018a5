"""Belt and braces: strip anything that looks like a credential before it reaches the disk.

The LLM grader never puts keys in what it logs; this is the second line of defence.
"""

from __future__ import annotations

import re
from typing import Any

from mockround.redact import REDACTED, is_secret_name, redact_url

# Bearer tokens and OpenAI-style keys inside free text (error messages, echoed headers).
_SECRET_TEXT = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}|\bsk-[A-Za-z0-9_-]{12,}")


def scrub_text(text: str) -> str:
    """Text with bearer tokens and `sk-...` keys replaced."""
    return _SECRET_TEXT.sub(REDACTED, text)


def scrub_url(url: str) -> str:
    """A URL without user:password@ and without key-like query values."""
    return scrub_text(redact_url(url))


def scrub(value: Any) -> Any:
    """A deep copy of `value` with secret-named keys redacted and secret-looking text masked."""
    if isinstance(value, dict):
        return {
            key: REDACTED if is_secret_name(key) else scrub(item) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value
