"""The schema of the cue files (`rubrics/cues/*.toml`): what each table may hold.

The models mirror the TOML exactly and forbid unknown keys, so a misspelt `unles` is an
error naming its file and field instead of a guard that silently never runs. Regular
expressions are compiled only when validation asks for it (`mockround check`): the grader
compiles each on first use, because compiling every cue up front cost most of its start-up.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from mockround.bank.loader import Problem
from mockround.bank.models import ID_PATTERN

COMPILE = "compile_regexes"
"""Validation context key: when true, every regex is compiled (as the grader would)."""

DEFAULT_WHY = "it is named with the reason that makes it the right call"

_ID = ID_PATTERN.strip("^$")


def fold_pattern(pattern: str) -> str:
    """`pattern` lower-cased except escapes (`\\W`, `\\S`, `\\B` keep their meaning)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def compile_cue(pattern: str) -> re.Pattern[str]:
    """The regex the grader runs on lower-cased text (re.error when either form is invalid).

    The pattern as written must compile, and so must its lower-cased form: folding can break
    a pattern that was valid (`(?P<Name>...)` becomes `(?p<name>...)`).
    """
    re.compile(pattern, re.IGNORECASE)
    return re.compile(fold_pattern(pattern))


def _compiles(pattern: str, info: ValidationInfo) -> str:
    if isinstance(info.context, dict) and info.context.get(COMPILE):
        try:
            compile_cue(pattern)
        except re.error as exc:
            short = pattern if len(pattern) <= 60 else pattern[:57] + "..."
            raise PydanticCustomError(
                "cue_regex",
                "bad regular expression {pattern}: {error}; fix it (Python `re` syntax)",
                {"pattern": repr(short), "error": str(exc)},
            ) from None
    return pattern


Regex = Annotated[StrictStr, AfterValidator(_compiles)]
Patterns = tuple[Regex, ...]


class _Strict(BaseModel):
    # Whitespace is kept: a space inside a regex is part of what it matches.
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionSpec(_Strict):
    """`[criteria.<id>]`: how one criterion is recognised (see `CriterionCues`)."""

    include: StrictStr | None = Field(default=None, pattern=rf"^{_ID}(?::{_ID})?$")
    """`"rubric:criterion"` (or `"rubric"` for the same id): start from that criterion's cues;
    lists given here are added to the included ones, scalars override them."""
    named: Patterns = ()
    reasoned: Patterns = ()
    weak: Patterns = ()
    requires: Patterns = ()
    framed: Patterns = ()
    story: Patterns = ()
    declined: Patterns = ()
    unless: Patterns = ()
    before_techniques: StrictBool = False
    why: StrictStr = DEFAULT_WHY
    generic_reasons: StrictBool = True
    self_reasoned: StrictBool = False


_TOOL_LIST_ONLY = ("min_remedies", "conditions", "off_point", "reasoning")
_PATTERN_ONLY = (
    "patterns",
    "unless",
    "criticism",
    "lead",
    "sequel",
    "step_act",
    "step_then",
    "code_source",
    "code_sink",
)
# Each second field only works with the first: without its partner it never fires.
_PARTNERS = {"sequel": "lead", "step_then": "step_act", "code_sink": "code_source"}


class RedFlagSpec(_Strict):
    """`[red_flags.<id>]`: how one red flag is recognised (see `RedFlagCues`)."""

    kind: Literal["pattern", "tool_list"] = "pattern"
    patterns: Patterns = ()
    unless: Patterns = ()
    criticism: Patterns = ()
    lead: Patterns = ()
    # Validated even when absent, so a partner given alone is caught.
    sequel: Patterns = Field(default=(), validate_default=True)
    step_act: Patterns = ()
    step_then: Patterns = Field(default=(), validate_default=True)
    code_source: Patterns = ()
    code_sink: Patterns = Field(default=(), validate_default=True)
    min_remedies: StrictInt = Field(default=3, ge=1)
    conditions: Patterns = ()
    off_point: Patterns = ()
    reasoning: tuple[Annotated[StrictStr, Field(pattern=rf"^{_ID}:[0-2]$")], ...] = ()
    """`"criterion:score"` pairs: a tool list is excused when one criterion reaches its score."""

    @property
    def triggers(self) -> bool:
        """Whether anything can raise the flag (a tool list always can)."""
        fired = (self.patterns, self.sequel, self.step_act, self.code_source)
        return self.kind == "tool_list" or any(fired)

    @field_validator(*_TOOL_LIST_ONLY, *_PATTERN_ONLY)
    @classmethod
    def _used_by_kind(cls, value: Any, info: ValidationInfo) -> Any:
        # A field the flag's kind never reads would be as dead as a misspelt one.
        if "kind" not in info.data:
            return value  # the kind itself is invalid and already reported
        kind = info.data["kind"]
        wanted = "tool_list" if info.field_name in _TOOL_LIST_ONLY else "pattern"
        if value and kind != wanted:
            raise PydanticCustomError(
                "cue_kind",
                "only read by kind = '{wanted}' flags (this one is '{kind}'); remove it",
                {"wanted": wanted, "kind": kind},
            )
        return value

    @field_validator(*_PARTNERS)
    @classmethod
    def _has_partner(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        name = str(info.field_name)
        partner = _PARTNERS[name]
        if partner in info.data and bool(value) != bool(info.data[partner]):
            raise PydanticCustomError(
                "cue_partner",
                "`{first}` and `{second}` work only together; give both or neither",
                {"first": partner, "second": name},
            )
        return value


class RubricCueFile(_Strict):
    """`rubrics/cues/<rubric-id>.toml`: every cue for one rubric."""

    rubric: StrictStr | None = None
    """The rubric these cues serve (must be the file name)."""
    criteria: dict[StrictStr, CriterionSpec] = {}
    red_flags: dict[StrictStr, RedFlagSpec] = {}
    techniques: tuple[StrictStr, ...] = ()
    """Criteria whose first mention marks 'the first technique' for ordering checks."""
    domain: Patterns = ()
    """Words that put an answer on topic, added to the shared `guards.domain`."""
    vocabulary: tuple[StrictStr, ...] = ()
    """Typo-correction words added to the shared `typos.vocabulary`."""
    remedies: dict[StrictStr, Patterns] = {}
    remedy_groups: dict[StrictStr, tuple[StrictStr, ...]] = {}
    """Family -> the families it subsumes (written as head = [members])."""
    generic_remedies: tuple[StrictStr, ...] = ()
    remedy_deferred: Patterns = ()

    @field_validator("remedy_groups", "generic_remedies")
    @classmethod
    def _known_remedies(cls, value: Any, info: ValidationInfo) -> Any:
        if "remedies" not in info.data:
            return value
        known = set(info.data["remedies"])
        named = set(value)
        if isinstance(value, dict):
            named |= {member for members in value.values() for member in members}
        unknown = sorted(named - known)
        if unknown:
            raise PydanticCustomError(
                "cue_remedy",
                "names unknown remedies {unknown} (known: {known}); add them to [remedies]",
                {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known)) or "none"},
            )
        return value


class Guards(_Strict):
    """`[guards]` in `_common.toml`."""

    injection: Patterns = ()
    """Text addressed to the grader instead of the interviewer."""
    domain: Patterns = ()
    """Words that mark an answer as being about the subject at all."""
    function_words: tuple[StrictStr, ...] = ()
    """Small words that real sentences are full of and keyword salad lacks."""


class Typos(_Strict):
    """`[typos]` in `_common.toml`."""

    vocabulary: tuple[StrictStr, ...] = ()
    protected: tuple[StrictStr, ...] = ()


class RedFlagContext(_Strict):
    """`[red_flag_context]` in `_common.toml`."""

    warning_frames: Patterns = ()


class CommonCueFile(_Strict):
    """`rubrics/cues/_common.toml`: what every rubric shares."""

    generic_reasons: Patterns = ()
    guards: Guards = Guards()
    typos: Typos = Typos()
    red_flag_context: RedFlagContext = RedFlagContext()


M = TypeVar("M", RubricCueFile, CommonCueFile)

# Tables keyed by id -> the word used for one entry in a problem line.
_ENTRIES = {
    "criteria": "criterion",
    "red_flags": "red flag",
    "remedies": "remedy",
    "remedy_groups": "remedy group",
}


def read_cue_file(
    path: Path, model: type[M], *, compile_regexes: bool = False
) -> tuple[M | None, list[Problem]]:
    """The file as `model`, or None with one problem per fault; a missing file is empty."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return model(), []
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(path, "file", "toml", f"not valid TOML: {exc}")]
    except UnicodeDecodeError:
        return None, [Problem(path, "file", "encoding", "not UTF-8 text")]
    except OSError as exc:
        return None, [Problem(path, "file", "read", str(exc.strerror))]
    try:
        return model.model_validate(data, context={COMPILE: compile_regexes}), []
    except ValidationError as exc:
        return None, [_problem(path, model, error) for error in exc.errors()]


# Pydantic's wording for the faults people make in TOML, said in TOML's terms.
_FORMS = {
    "include": "'rubric:criterion' (or 'rubric' for the same criterion id)",
    "reasoning": "'criterion:score' with a score of 0, 1 or 2",
}


def _problem(path: Path, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(error["loc"])
    message = str(error["msg"])
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if error["type"] == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        message = f"unknown field; expected one of: {', '.join(known)}"
    elif error["type"] == "tuple_type":
        message = "should be a list of strings, e.g. ['...']"
    elif error["type"] == "string_pattern_mismatch" and field in _FORMS:
        message = f"should look like {_FORMS[field]}"
    if len(loc) >= 2 and loc[0] in _ENTRIES:
        entry = f"{_ENTRIES[str(loc[0])]} '{loc[1]}'"
        return Problem(path, entry, ".".join(str(p) for p in loc[2:]) or "entry", message)
    if len(loc) >= 2 and model is CommonCueFile:
        return Problem(path, str(loc[0]), ".".join(str(p) for p in loc[1:]), message)
    return Problem(path, f"'{path.stem}'", ".".join(str(p) for p in loc) or "file", message)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found by following `loc` from `model`."""
    target: Any = model
    for part in loc:
        if isinstance(target, type) and issubclass(target, BaseModel):
            target = target.model_fields[str(part)].annotation
        else:
            # dict[str, X] and tuple[X, ...]: the value type is the last argument (or first).
            args = [a for a in get_args(target) if a is not Ellipsis]
            target = args[-1] if args else None
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []
