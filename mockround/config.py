"""Settings: defaults < the TOML config file < environment < command-line flags.

`load_settings` is the only entry point; it reads the file when called, never at import.
The API key is a `SecretStr`, so printing or dumping settings never shows it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from mockround import locations
from mockround.config_peek import DEFAULT_THEME, THEME_ENV
from mockround.errors import UserError
from mockround.redact import redact_url

GraderChoice = Literal["auto", "offline", "llm"]


class LLMSettings(BaseModel):
    """How to reach an OpenAI-compatible server."""

    model_config = ConfigDict(extra="forbid")

    model: str = "gpt-4o-mini"
    """Model name the server knows (OpenAI, Ollama, vLLM, llama.cpp)."""
    base_url: str | None = None
    """Server URL, e.g. http://127.0.0.1:11434/v1 for Ollama; None means OpenAI's default."""
    api_key: SecretStr | None = None
    """Read from OPENAI_API_KEY or the config file; never stored or printed."""
    timeout: float = Field(default=30.0, gt=0, le=600, allow_inf_nan=False)
    """Seconds one request may take in all, reply included (the SDK's own default is 600)."""
    max_retries: int = Field(default=2, ge=0, le=10)
    """Retries on connection errors, 429 and 5xx before falling back to offline grading."""


MIN_DRILL_SECONDS = 10
MAX_DRILL_SECONDS = 3600


class DrillSettings(BaseModel):
    """Timed drills."""

    model_config = ConfigDict(extra="forbid")

    seconds: int = Field(default=90, ge=MIN_DRILL_SECONDS, le=MAX_DRILL_SECONDS)
    """Length of a timed drill."""
    reading_seconds: int = Field(default=5, ge=0, le=60)
    """Seconds to read the question before a timed drill's clock starts (0: none; enter skips)."""


class PlanSettings(BaseModel):
    """The practice plan."""

    model_config = ConfigDict(extra="forbid")

    daily_goal: int = Field(default=3, ge=1, le=100)
    """Answers a day Home counts you towards (any question, graded or not)."""


class UISettings(BaseModel):
    """How the app looks."""

    model_config = ConfigDict(extra="forbid")

    theme: str = Field(default=DEFAULT_THEME, min_length=1, max_length=64)
    """A Textual theme name; the app's theme picker (t on Home) saves the choice here."""


class Settings(BaseModel):
    """Every setting MockRound reads."""

    model_config = ConfigDict(extra="forbid")

    grader: GraderChoice = "auto"
    """auto uses the LLM when a key or base URL is set, otherwise the offline grader."""
    db: Path | None = None
    """History database; None means <data dir>/history.db."""
    llm: LLMSettings = Field(default_factory=LLMSettings)
    drill: DrillSettings = Field(default_factory=DrillSettings)
    plan: PlanSettings = Field(default_factory=PlanSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @property
    def llm_configured(self) -> bool:
        """True when a key or a base URL says an LLM server is meant to be used."""
        return self.llm.api_key is not None or self.llm.base_url is not None

    @property
    def db_path(self) -> Path:
        """The database path to open."""
        return self.db if self.db is not None else locations.default_db_path()


# Environment variable -> dotted setting. OPENAI_* names are the SDK's own, so a user's
# existing set-up for other tools works unchanged.
ENV_VARS: dict[str, str] = {
    "MOCKROUND_GRADER": "grader",
    locations.DB_ENV: "db",
    "MOCKROUND_MODEL": "llm.model",
    "OPENAI_BASE_URL": "llm.base_url",
    "OPENAI_API_KEY": "llm.api_key",
    "MOCKROUND_TIMEOUT": "llm.timeout",
    "MOCKROUND_MAX_RETRIES": "llm.max_retries",
    "MOCKROUND_SECONDS": "drill.seconds",
    "MOCKROUND_READING_SECONDS": "drill.reading_seconds",
    "MOCKROUND_DAILY_GOAL": "plan.daily_goal",
    THEME_ENV: "ui.theme",
}

SECRET_KEYS = frozenset({"llm.api_key"})
URL_KEYS = frozenset({"llm.base_url"})
"""Settings shown with any key inside the URL redacted."""


def _set_dotted(
    target: dict[str, Any], dotted: str, value: Any, origin: dict[str, str] | None = None
) -> None:
    *parents, leaf = dotted.split(".")
    node = target
    path: list[str] = []
    for part in parents:
        path.append(part)
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            # `llm = 5` in the file, then MOCKROUND_TIMEOUT wants to set llm.timeout.
            section = ".".join(path)
            where = (origin or {}).get(section, "settings")
            raise UserError(f"{where}: {section} must be a table ([{section}]); fix the value")
    node[leaf] = value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _read_file(path: Path) -> dict[str, Any]:
    try:
        if not path.exists():
            return {}
        if not path.is_file():
            raise UserError(f"{path} is not a file; move it away so a config file can go there")
        # utf-8-sig: Windows editors save a byte-order mark that TOML itself does not allow.
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not valid TOML ({exc}); fix or delete the file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None


def _describe(exc: ValidationError, origin: dict[str, str]) -> str:
    first = exc.errors()[0]
    dotted = ".".join(str(p) for p in first["loc"])
    where = origin.get(dotted, "settings")
    return f"{where}: {dotted}: {first['msg']}; fix the value"


def load_settings(
    cli: dict[str, Any] | None = None,
    *,
    environ: dict[str, str] | None = None,
    config_path: Path | None = None,
) -> tuple[Settings, dict[str, str]]:
    """Resolve settings; return them with the source of every non-default value."""
    env = os.environ if environ is None else environ
    path = config_path or locations.config_file()
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}

    for dotted, value in _flatten(_read_file(path)).items():
        _set_dotted(merged, dotted, value, origin)
        origin[dotted] = str(path)
    for var, dotted in ENV_VARS.items():
        value = env.get(var, "").strip()
        if value:
            _set_dotted(merged, dotted, value, origin)
            origin[dotted] = f"env {var}"
    for dotted, value in (cli or {}).items():
        if value is not None:
            _set_dotted(merged, dotted, value, origin)
            origin[dotted] = "command line"
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        raise UserError(_describe(exc, origin)) from None
    return settings, origin


def describe_settings(settings: Settings, origin: dict[str, str]) -> list[tuple[str, str, str]]:
    """Rows of (setting, shown value, source) with every secret masked."""
    rows: list[tuple[str, str, str]] = []
    values = _flatten(settings.model_dump(mode="python"))
    values["db"] = str(settings.db_path)
    for dotted, value in values.items():
        if dotted in SECRET_KEYS:
            shown = "******** (set)" if value is not None else "(not set)"
        elif dotted in URL_KEYS and value is not None:
            shown = redact_url(str(value))
        elif value is None:
            shown = "(not set)"
        else:
            shown = str(value)
        rows.append((dotted, shown, origin.get(dotted, "default")))
    return rows
