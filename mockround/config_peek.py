"""The one setting the app reads before its settings are validated: the theme of the first paint.

Validating the settings imports pydantic, about a quarter of the app's start-up, so the app
draws Home first and validates in a worker. Drawing Home needs only the theme, read here as
`load_settings` resolves it (environment over config file, else the default); a bad value or
an unreadable file falls back to the default here and is reported when the settings load.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

THEME_ENV = "MOCKROUND_THEME"
DEFAULT_THEME = "textual-dark"


def peek_theme(config_path: Path, environ: Mapping[str, str] | None = None) -> str:
    """The theme the settings will name, without validating them (the default when unsure)."""
    env = os.environ if environ is None else environ
    if value := env.get(THEME_ENV, "").strip():
        return value
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DEFAULT_THEME
    ui = data.get("ui")
    theme = ui.get("theme") if isinstance(ui, dict) else None
    return theme if isinstance(theme, str) and theme.strip() else DEFAULT_THEME
