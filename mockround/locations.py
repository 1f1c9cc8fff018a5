"""Every path MockRound reads or writes, in one place.

Nothing here touches the disk at import time: functions compute paths, and only
`ensure_dir` creates anything, when a caller is about to write.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mockround"
HOME_ENV = "MOCKROUND_HOME"
DB_ENV = "MOCKROUND_DB"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where the history database lives (MOCKROUND_HOME/data when relocated)."""
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where `config.toml` lives (MOCKROUND_HOME/config when relocated)."""
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Scratch space that may be deleted at any time (MOCKROUND_HOME/cache when relocated)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The TOML settings file."""
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    """The history database unless `--db` or MOCKROUND_DB says otherwise."""
    return data_dir() / "history.db"


def _package_data(name: str) -> Path:
    # A built wheel carries the data inside the package (see pyproject's force-include);
    # a source checkout or editable install reads it from the repository root.
    packaged = Path(__file__).parent / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def question_bank_dir() -> Path:
    """The shipped question bank (TOML)."""
    return _package_data("question_bank")


def rubrics_dir() -> Path:
    """The shipped rubrics (TOML)."""
    return _package_data("rubrics")


def ensure_dir(path: Path) -> Path:
    """Create `path` (and parents) when about to write into it; return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
