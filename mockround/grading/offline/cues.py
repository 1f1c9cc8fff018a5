"""Cue data for the offline grader: regular expressions per criterion and red flag.

Cues live in `rubrics/cues/<rubric-id>.toml` (data, not code) next to the rubrics they
serve; `_common.toml` holds what every rubric shares (generic reasons, guard patterns).
Compiled cues are cached per rubric, so a grader costs one file read per rubric per process.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mockround import locations

COMMON_FILE = "_common.toml"


class CueError(Exception):
    """A cue file is missing a field or holds an invalid regular expression."""


def _fold_pattern(pattern: str) -> str:
    """`pattern` lower-cased except escapes (`\\W`, `\\S`, `\\B` keep their meaning)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


_last_fold: tuple[str, str] = ("", "")
"""The last text folded and its folded copy: every pattern of a grade scans the same text."""


def folded(text: str) -> str:
    """`text` lower-cased with every offset kept ("İ", whose lower case is longer, stays)."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    _last_fold = (text, low)
    return low


class Pattern:
    """A case-insensitive cue regex compiled on first use.

    Compiling every cue of a rubric up front cost most of `mockround grade`'s start-up, and
    a typical answer never reaches many of them (reasons only run next to a named hit,
    `unless` guards only when a flag pattern matched). `check()` compiles eagerly.

    Matching runs a lower-cased copy of the pattern over a lower-cased copy of the text
    (same length, so every offset holds): Python's `re` searches about a third faster
    without IGNORECASE, and the answer is lower-cased once, not once per pattern.
    """

    __slots__ = ("_compiled", "_gate", "gateable", "pattern", "where")

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        self._compiled: re.Pattern[str] | None = None
        self._gate: tuple[str, bool] | None = None
        # A sentence window ends where the answer has a non-word character (space, quote,
        # bracket), so a match inside the window is also a match of the whole answer unless
        # the pattern looks past the window's end with `(?!`, `$` or `\Z`.
        self.gateable = not any(mark in pattern for mark in ("(?!", "$", "\\Z"))
        """Whether `absent_from` may rule out every sentence with one scan of the answer."""

    def check(self) -> re.Pattern[str]:
        """The compiled regex, run on lower-cased text (raises CueError for an invalid one)."""
        if self._compiled is None:
            try:
                re.compile(self.pattern, re.IGNORECASE)
                self._compiled = re.compile(_fold_pattern(self.pattern))
            except re.error as exc:
                raise CueError(
                    f"{self.where}: bad regular expression {self.pattern!r}: {exc}"
                ) from None
        return self._compiled

    def absent_from(self, text: str) -> bool:
        """True when no sentence window of `text` can hold a match (one scan, remembered).

        Matching each sentence window separately cost most of a grade: hundreds of patterns
        times dozens of sentences, almost none of which match. One search of the whole
        answer settles most patterns at once; the last answer's verdict is kept, since every
        criterion and flag scans the same text.
        """
        if not self.gateable:
            return False
        gate = self._gate
        if gate is not None and gate[0] is text:
            return gate[1]
        absent = self.check().search(folded(text)) is None
        self._gate = (text, absent)
        return absent

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Like re.Pattern.finditer, case-insensitive (matches are on the folded text)."""
        return self.check().finditer(folded(string), pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like re.Pattern.search, case-insensitive (the match is on the folded text)."""
        return self.check().search(folded(string), pos, endpos)


@dataclass(frozen=True)
class CriterionCues:
    """How to recognise one criterion at score 1 (named) and score 2 (reasoned)."""

    id: str
    named: tuple[Pattern, ...]
    reasoned: tuple[Pattern, ...] = ()
    weak: tuple[Pattern, ...] = ()
    """Names that count for 1 at most (ROC AUC alone is not a minority-aware metric)."""
    requires: tuple[Pattern, ...] = ()
    """When set, a named cue only counts if its sentence (or the next) also matches one."""
    framed: tuple[Pattern, ...] = ()
    """Named cues that count only in a sentence matching no `story` cue."""
    story: tuple[Pattern, ...] = ()
    """Frames that make a `framed` cue part of the scenario ("at my last job we had 2%")."""
    before_techniques: bool = False
    """Score 2 only when the reasoned cue comes before the first technique is named."""
    why: str = "it is named with the reason that makes it the right call"
    use_generic_reasons: bool = True
    """Whether the shared connectives ("because", "trade-off") count as a reason here."""
    self_reasoned: bool = False
    """A reasoned cue may lie inside the named one ("a miss is far worse than a false alarm"
    names the cost framing and states the trade-off in the same words)."""
    unless: tuple[Pattern, ...] = ()
    """A named cue whose own clause matches one of these is about something else ("recalibrate
    on an untouched validation set" is calibration, not the held-out protocol)."""
    declined: tuple[Pattern, ...] = ()
    """Reasons that make a declined remedy a decision about it ("at 5,000 positives I
    wouldn't bother with SMOTE" weighs SMOTE; "I never use SMOTE" only dismisses it)."""


@dataclass(frozen=True)
class RedFlagCues:
    """How to recognise one red flag."""

    id: str
    kind: str
    """`pattern` (a cue not denied in its sentence) or `tool_list` (remedies without reasons)."""
    patterns: tuple[Pattern, ...] = ()
    unless: tuple[Pattern, ...] = ()
    """A sentence matching one of these cannot raise the flag (it criticises the practice)."""
    min_remedies: int = 3
    conditions: tuple[Pattern, ...] = ()
    """For tool lists: a remedy offered under a condition counts as decision reasoning."""
    reasoning: tuple[tuple[str, int], ...] = ()
    """For tool lists: (criterion, minimum score) pairs that show decision reasoning."""
    criticism: tuple[Pattern, ...] = ()
    """Criticism in the next sentences of the same item or paragraph ("2. Reporting accuracy.
    Use PR AUC instead.") that exempts the flagged sentence."""
    off_point: tuple[Pattern, ...] = ()
    """For tool lists: a condition whose own stretch matches one of these is about something
    else (a reason about the metric does not reason the remedies)."""
    sequel: tuple[Pattern, ...] = ()
    """A sentence that carries the practice on from the one before ("After that you split")."""
    lead: tuple[Pattern, ...] = ()
    """What one of the previous sentences of the paragraph must do for a `sequel` to count
    ("randomly pick as many negatives as positives")."""
    step_act: tuple[Pattern, ...] = ()
    """The practice done in a numbered step ("Step 2: apply ADASYN", or its code)."""
    step_then: tuple[Pattern, ...] = ()
    """What a later-numbered step does that completes the flag ("Step 3: split")."""
    code_source: tuple[Pattern, ...] = ()
    """A code call whose result is resampled data (`resample(df_minor, ...)`)."""
    code_sink: tuple[Pattern, ...] = ()
    """A code call that completes the flag when a name from `code_source` flows into it."""


@dataclass(frozen=True)
class RubricCues:
    """Every cue for one rubric, compiled."""

    rubric_id: str
    criteria: dict[str, CriterionCues]
    red_flags: dict[str, RedFlagCues] = field(default_factory=dict)
    techniques: tuple[str, ...] = ()
    """Criteria whose first mention marks 'the first technique' for ordering checks."""
    remedies: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    remedy_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Remedy family -> the families that subsume it ("smote" -> "oversampling"; the bare
    "resampling" -> every named resampler)."""
    domain: tuple[Pattern, ...] = ()
    generic_reasons: tuple[Pattern, ...] = ()
    injection: tuple[Pattern, ...] = ()
    function_words: frozenset[str] = frozenset()
    typo_vocabulary: tuple[str, ...] = ()
    """Domain words near-miss spellings are mapped onto (shared list plus the rubric's own)."""
    typo_protected: tuple[str, ...] = ()
    """Real words one edit from a vocabulary word that must never be rewritten."""
    warning_frames: tuple[Pattern, ...] = ()
    """Lead-ins that frame the list below them as mistakes ("Two classic mistakes I see:")."""
    generic_remedies: frozenset[str] = frozenset()
    """Remedy families that are a generic word for others ("resampling"): they count as a
    remedy only when none of the families grouped under them is named."""
    deferred: tuple[Pattern, ...] = ()
    """Sentences that only announce a remedy for later ("in the next article: SMOTE")."""


def cues_dir() -> Path:
    """Folder holding the cue files (inside the shipped rubrics folder)."""
    return locations.rubrics_dir() / "cues"


def _compile(patterns: Any, where: str) -> tuple[Pattern, ...]:
    if patterns is None:
        return ()
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise CueError(f"{where}: expected a list of regular expressions")
    return tuple(Pattern(pattern, where) for pattern in patterns)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CueError(f"{path}: cannot read cue file: {exc}") from None


def _criterion_table(
    folder: Path, rubric_id: str, cid: str, seen: frozenset[str]
) -> dict[str, Any]:
    """The raw table for one criterion, with `include = "rubric:criterion"` resolved."""
    key = f"{rubric_id}:{cid}"
    if key in seen:
        raise CueError(f"{folder / (rubric_id + '.toml')}: include cycle at {key}")
    raw = _read(folder / f"{rubric_id}.toml").get("criteria", {}).get(cid)
    if raw is None:
        raise CueError(f"{folder / (rubric_id + '.toml')}: no criterion {cid!r} to include")
    table = dict(raw)
    include = table.pop("include", None)
    if include is None:
        return table
    other_rubric, _, other_cid = str(include).partition(":")
    base = _criterion_table(folder, other_rubric, other_cid or cid, seen | {key})
    # The including table adds patterns to the included ones and overrides scalars.
    for name, value in table.items():
        if isinstance(value, list) and isinstance(base.get(name), list):
            base[name] = [*base[name], *value]
        else:
            base[name] = value
    return base


def _criterion(folder: Path, rubric_id: str, cid: str) -> CriterionCues:
    table = _criterion_table(folder, rubric_id, cid, frozenset())
    where = f"{folder / (rubric_id + '.toml')}: criteria.{cid}"
    named = _compile(table.get("named"), f"{where}.named")
    if not named:
        raise CueError(f"{where}: needs at least one `named` pattern")
    return CriterionCues(
        id=cid,
        named=named,
        reasoned=_compile(table.get("reasoned"), f"{where}.reasoned"),
        weak=_compile(table.get("weak"), f"{where}.weak"),
        requires=_compile(table.get("requires"), f"{where}.requires"),
        framed=_compile(table.get("framed"), f"{where}.framed"),
        story=_compile(table.get("story"), f"{where}.story"),
        before_techniques=bool(table.get("before_techniques", False)),
        why=str(table.get("why", CriterionCues.why)),
        use_generic_reasons=bool(table.get("generic_reasons", True)),
        self_reasoned=bool(table.get("self_reasoned", False)),
        declined=_compile(table.get("declined"), f"{where}.declined"),
        unless=_compile(table.get("unless"), f"{where}.unless"),
    )


def _red_flag(where: str, flag_id: str, table: dict[str, Any]) -> RedFlagCues:
    kind = str(table.get("kind", "pattern"))
    if kind not in ("pattern", "tool_list"):
        raise CueError(f"{where}: kind must be 'pattern' or 'tool_list'")
    return RedFlagCues(
        id=flag_id,
        kind=kind,
        patterns=_compile(table.get("patterns"), f"{where}.patterns"),
        unless=_compile(table.get("unless"), f"{where}.unless"),
        min_remedies=int(table.get("min_remedies", 3)),
        conditions=_compile(table.get("conditions"), f"{where}.conditions"),
        reasoning=tuple(_reasoning(where, item) for item in table.get("reasoning", [])),
        criticism=_compile(table.get("criticism"), f"{where}.criticism"),
        off_point=_compile(table.get("off_point"), f"{where}.off_point"),
        sequel=_compile(table.get("sequel"), f"{where}.sequel"),
        lead=_compile(table.get("lead"), f"{where}.lead"),
        step_act=_compile(table.get("step_act"), f"{where}.step_act"),
        step_then=_compile(table.get("step_then"), f"{where}.step_then"),
        code_source=_compile(table.get("code_source"), f"{where}.code_source"),
        code_sink=_compile(table.get("code_sink"), f"{where}.code_sink"),
    )


def _reasoning(where: str, item: Any) -> tuple[str, int]:
    cid, _, minimum = str(item).partition(":")
    if not minimum.isdigit():
        raise CueError(f"{where}.reasoning: expected 'criterion:score', got {item!r}")
    return cid, int(minimum)


@lru_cache(maxsize=64)
def _load(folder: Path, rubric_id: str) -> RubricCues:
    path = folder / f"{rubric_id}.toml"
    data = _read(path)
    common = _read(folder / COMMON_FILE)
    criteria = {cid: _criterion(folder, rubric_id, cid) for cid in data.get("criteria", {})}
    flags = {
        fid: _red_flag(f"{path}: red_flags.{fid}", fid, table)
        for fid, table in data.get("red_flags", {}).items()
    }
    remedies = {
        name: _compile(patterns, f"{path}: remedies.{name}")
        for name, patterns in data.get("remedies", {}).items()
    }
    groups: dict[str, tuple[str, ...]] = {}
    for head, members in data.get("remedy_groups", {}).items():
        for member in members:
            groups[str(member)] = (*groups.get(str(member), ()), str(head))
    heads = {head for member_heads in groups.values() for head in member_heads}
    unknown = sorted((set(groups) | heads) - set(remedies))
    if unknown:
        raise CueError(f"{path}: remedy_groups names unknown remedies {', '.join(unknown)}")
    generic = {str(g) for g in data.get("generic_remedies", ())}
    if generic - set(remedies):
        raise CueError(f"{path}: generic_remedies names unknown remedies")
    guards = common.get("guards", {})
    typos = common.get("typos", {})
    return RubricCues(
        rubric_id=rubric_id,
        criteria=criteria,
        red_flags=flags,
        techniques=tuple(data.get("techniques", ())),
        remedies=remedies,
        remedy_groups=groups,
        domain=_compile([*guards.get("domain", []), *data.get("domain", [])], f"{path}: domain"),
        generic_reasons=_compile(common.get("generic_reasons"), f"{COMMON_FILE}: generic_reasons"),
        injection=_compile(guards.get("injection"), f"{COMMON_FILE}: guards.injection"),
        function_words=frozenset(str(w).lower() for w in guards.get("function_words", [])),
        typo_vocabulary=tuple(
            str(w) for w in [*typos.get("vocabulary", []), *data.get("vocabulary", [])]
        ),
        typo_protected=tuple(str(w) for w in typos.get("protected", [])),
        warning_frames=_compile(
            common.get("red_flag_context", {}).get("warning_frames"),
            f"{COMMON_FILE}: red_flag_context.warning_frames",
        ),
        generic_remedies=frozenset(generic),
        deferred=_compile(data.get("remedy_deferred"), f"{path}: remedy_deferred"),
    )


def all_patterns(cues: RubricCues) -> list[Pattern]:
    """Every pattern of a rubric's cues (for eager validation in tests)."""
    found = [*cues.domain, *cues.generic_reasons, *cues.injection, *cues.warning_frames]
    for criterion in cues.criteria.values():
        found += [*criterion.named, *criterion.reasoned, *criterion.weak, *criterion.requires]
        found += [*criterion.framed, *criterion.story, *criterion.declined, *criterion.unless]
    for flag in cues.red_flags.values():
        found += [*flag.patterns, *flag.unless, *flag.conditions, *flag.criticism]
        found += [*flag.off_point, *flag.sequel, *flag.lead]
    for patterns in cues.remedies.values():
        found += patterns
    return [*found, *cues.deferred]


def load_cues(rubric_id: str, folder: Path | None = None) -> RubricCues:
    """Compiled cues for a rubric (cached); criteria without a cue file come back empty."""
    return _load(folder or cues_dir(), rubric_id)
