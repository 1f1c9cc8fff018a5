"""Cue data for the offline grader: regular expressions per criterion and red flag.

Cues live in `rubrics/cues/<rubric-id>.toml` (data, not code) next to the rubrics they
serve; `_common.toml` holds what every rubric shares (generic reasons, guard patterns).
Each file is validated against the schema in `cue_schema.py` as it is read (an unknown key
fails loudly, naming file and field); regexes compile on first use. Loaded cues are cached
per rubric, so a grader reads each file once per rubric per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mockround import locations
from mockround.bank.loader import Problem
from mockround.grading.offline.cue_schema import (
    DEFAULT_WHY,
    CommonCueFile,
    CriterionSpec,
    RedFlagSpec,
    RubricCueFile,
    read_cue_file,
)
from mockround.grading.offline.pattern import CueError, Pattern

COMMON_FILE = "_common.toml"


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
    why: str = DEFAULT_WHY
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


class _Files:
    """The cue files one load reads, each parsed and validated once.

    Includes reach into other rubrics' files (most into `imbalanced-data.toml`); reading a
    file once per load, not once per included criterion, keeps start-up fast.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._specs: dict[str, RubricCueFile] = {}

    def path(self, rubric_id: str) -> Path:
        return self.folder / f"{rubric_id}.toml"

    def spec(self, rubric_id: str) -> RubricCueFile:
        if rubric_id not in self._specs:
            spec, problems = read_cue_file(self.path(rubric_id), RubricCueFile)
            if spec is None:
                raise CueError.of(problems)
            self._specs[rubric_id] = spec
        return self._specs[rubric_id]

    def common(self) -> CommonCueFile:
        common, problems = read_cue_file(self.folder / COMMON_FILE, CommonCueFile)
        if common is None:
            raise CueError.of(problems)
        return common


def _patterns(patterns: tuple[str, ...], where: str) -> tuple[Pattern, ...]:
    return tuple(Pattern(pattern, where) for pattern in patterns)


def _resolve(files: _Files, rubric_id: str, cid: str, seen: frozenset[str]) -> CriterionSpec:
    """One criterion's spec with its `include` chain merged in."""
    spec = files.spec(rubric_id).criteria[cid]
    if spec.include is None:
        return spec
    other_rubric, _, other_cid = spec.include.partition(":")
    other_cid = other_cid or cid
    key = f"{other_rubric}:{other_cid}"
    where = (files.path(rubric_id), f"criterion '{cid}'", "include")
    if key in seen:
        raise CueError.of([Problem(*where, f"include cycle at {key}; break the cycle")])
    if other_cid not in files.spec(other_rubric).criteria:
        message = f"{key} is not a cue criterion (no [criteria.{other_cid}] in {other_rubric}.toml)"
        raise CueError.of([Problem(*where, f"{message}; fix the name")])
    base = _resolve(files, other_rubric, other_cid, seen | {key})
    # The including table adds patterns to the included ones and overrides scalars.
    update: dict[str, object] = {}
    for name in spec.model_fields_set - {"include"}:
        value = getattr(spec, name)
        update[name] = (*getattr(base, name), *value) if isinstance(value, tuple) else value
    return base.model_copy(update=update)


def _criterion(files: _Files, rubric_id: str, cid: str) -> CriterionCues:
    table = _resolve(files, rubric_id, cid, frozenset({f"{rubric_id}:{cid}"}))
    where = f"{files.path(rubric_id)}: criterion '{cid}': "
    if not table.named:
        message = "needs at least one pattern (here or in the criterion it includes)"
        raise CueError.of([Problem(files.path(rubric_id), f"criterion '{cid}'", "named", message)])
    return CriterionCues(
        id=cid,
        named=_patterns(table.named, f"{where}named"),
        reasoned=_patterns(table.reasoned, f"{where}reasoned"),
        weak=_patterns(table.weak, f"{where}weak"),
        requires=_patterns(table.requires, f"{where}requires"),
        framed=_patterns(table.framed, f"{where}framed"),
        story=_patterns(table.story, f"{where}story"),
        before_techniques=table.before_techniques,
        why=table.why,
        use_generic_reasons=table.generic_reasons,
        self_reasoned=table.self_reasoned,
        declined=_patterns(table.declined, f"{where}declined"),
        unless=_patterns(table.unless, f"{where}unless"),
    )


def _red_flag(where: str, flag_id: str, table: RedFlagSpec) -> RedFlagCues:
    return RedFlagCues(
        id=flag_id,
        kind=table.kind,
        patterns=_patterns(table.patterns, f"{where}patterns"),
        unless=_patterns(table.unless, f"{where}unless"),
        min_remedies=table.min_remedies,
        conditions=_patterns(table.conditions, f"{where}conditions"),
        reasoning=tuple(_reasoning(item) for item in table.reasoning),
        criticism=_patterns(table.criticism, f"{where}criticism"),
        off_point=_patterns(table.off_point, f"{where}off_point"),
        sequel=_patterns(table.sequel, f"{where}sequel"),
        lead=_patterns(table.lead, f"{where}lead"),
        step_act=_patterns(table.step_act, f"{where}step_act"),
        step_then=_patterns(table.step_then, f"{where}step_then"),
        code_source=_patterns(table.code_source, f"{where}code_source"),
        code_sink=_patterns(table.code_sink, f"{where}code_sink"),
    )


def _reasoning(item: str) -> tuple[str, int]:
    # The schema has checked the "criterion:score" form.
    cid, _, minimum = item.partition(":")
    return cid, int(minimum)


def build_cues(folder: Path, rubric_id: str) -> RubricCues:
    """A rubric's cues read afresh from `folder` (CueError naming every problem of a file)."""
    files = _Files(folder)
    path = files.path(rubric_id)
    data = files.spec(rubric_id)
    common = files.common()
    criteria = {cid: _criterion(files, rubric_id, cid) for cid in data.criteria}
    flags = {
        fid: _red_flag(f"{path}: red flag '{fid}': ", fid, table)
        for fid, table in data.red_flags.items()
    }
    remedies = {
        name: _patterns(patterns, f"{path}: remedy '{name}': patterns")
        for name, patterns in data.remedies.items()
    }
    groups: dict[str, tuple[str, ...]] = {}
    for head, members in data.remedy_groups.items():
        for member in members:
            groups[member] = (*groups.get(member, ()), head)
    guards = common.guards
    top = f"{path}: '{rubric_id}': "
    shared = f"{folder / COMMON_FILE}: "
    return RubricCues(
        rubric_id=rubric_id,
        criteria=criteria,
        red_flags=flags,
        techniques=data.techniques,
        remedies=remedies,
        remedy_groups=groups,
        domain=_patterns((*guards.domain, *data.domain), f"{top}domain"),
        generic_reasons=_patterns(common.generic_reasons, f"{shared}'_common': generic_reasons"),
        injection=_patterns(guards.injection, f"{shared}guards: injection"),
        function_words=frozenset(w.lower() for w in guards.function_words),
        typo_vocabulary=(*common.typos.vocabulary, *data.vocabulary),
        typo_protected=common.typos.protected,
        warning_frames=_patterns(
            common.red_flag_context.warning_frames,
            f"{shared}red_flag_context: warning_frames",
        ),
        generic_remedies=frozenset(data.generic_remedies),
        deferred=_patterns(data.remedy_deferred, f"{top}remedy_deferred"),
    )


_load = lru_cache(maxsize=64)(build_cues)


def all_patterns(cues: RubricCues) -> list[Pattern]:
    """Every pattern of a rubric's cues (for eager validation in tests)."""
    found = [*cues.domain, *cues.generic_reasons, *cues.injection, *cues.warning_frames]
    for criterion in cues.criteria.values():
        found += [*criterion.named, *criterion.reasoned, *criterion.weak, *criterion.requires]
        found += [*criterion.framed, *criterion.story, *criterion.declined, *criterion.unless]
    for flag in cues.red_flags.values():
        found += [*flag.patterns, *flag.unless, *flag.conditions, *flag.criticism]
        found += [*flag.off_point, *flag.sequel, *flag.lead, *flag.step_act, *flag.step_then]
        found += [*flag.code_source, *flag.code_sink]
    for patterns in cues.remedies.values():
        found += patterns
    return [*found, *cues.deferred]


def load_cues(rubric_id: str, folder: Path | None = None) -> RubricCues:
    """Compiled cues for a rubric (cached); criteria without a cue file come back empty."""
    return _load(folder or cues_dir(), rubric_id)
