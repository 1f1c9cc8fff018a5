"""Check every cue file against the schema and against the rubric it serves.

`check_cues` never raises for bad data: it returns one `Problem` per fault (file, entry,
field, what to do), so `mockround check` prints them beside the bank's. Beyond the schema
it compiles every regex and checks each id a cue file names against the rubric's TOML: a
table for an unknown criterion or red flag is dead, and a rubric criterion or red flag
without cues is one the offline grader can never score or raise.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mockround import locations
from mockround.bank.loader import Problem
from mockround.bank.models import Rubric
from mockround.grading.offline.cue_schema import CommonCueFile, RubricCueFile, read_cue_file
from mockround.grading.offline.cues import COMMON_FILE, build_cues
from mockround.grading.offline.pattern import CueError


def check_cues(rubrics_dir: Path | None, rubrics: Mapping[str, Rubric]) -> list[Problem]:
    """Every problem in `<rubrics_dir>/cues/` (empty when all is well).

    `rubrics` are the valid rubrics by id; a cue file whose rubric file exists but is
    invalid is checked against the schema only (the rubric's own problems are the bank's).
    """
    rubrics_dir = rubrics_dir or locations.rubrics_dir()
    folder = rubrics_dir / "cues"
    if not folder.is_dir():
        return [Problem(folder, "folder", "path", "not a directory; add one cue file per rubric")]
    problems: list[Problem] = []
    common = folder / COMMON_FILE
    if common.is_file():
        problems += read_cue_file(common, CommonCueFile, compile_regexes=True)[1]
    else:
        problems.append(
            Problem(common, "file", "path", "missing: the shared reasons and guards live here")
        )
    for path in sorted(folder.glob("*.toml")):
        if path.name != COMMON_FILE:
            problems += _check_file(path, rubrics_dir, rubrics)
    for rubric_id in sorted(rubrics):
        path = folder / f"{rubric_id}.toml"
        if not path.is_file():
            message = "missing: the offline grader scores every criterion 0; add the file"
            problems.append(Problem(path, "file", "path", message))
    # A broken file that others include is also reported by their loads: say it once.
    return list(dict.fromkeys(problems))


def _check_file(path: Path, rubrics_dir: Path, rubrics: Mapping[str, Rubric]) -> list[Problem]:
    spec, problems = read_cue_file(path, RubricCueFile, compile_regexes=True)
    rubric_id = path.stem
    if not (rubrics_dir / path.name).is_file():
        problems.append(
            Problem(path, "file", "name", f"no rubric '{rubric_id}' in {rubrics_dir}; rename it")
        )
    named = _Named.of(spec) if spec is not None else _Named.read(path)
    if named is not None and rubric_id in rubrics:
        problems += _against_rubric(path, named, rubrics[rubric_id])
    if spec is None:
        return problems
    if spec.rubric is not None and spec.rubric != rubric_id:
        problems.append(
            Problem(path, f"'{rubric_id}'", "rubric", f"must match the file name '{rubric_id}'")
        )
    for fid, flag in spec.red_flags.items():
        if not flag.triggers:
            message = (
                "empty: with no patterns (nor sequel/lead, step_act/step_then, "
                "code_source/code_sink) the flag is never raised; add some"
            )
            problems.append(Problem(path, f"red flag '{fid}'", "patterns", message))
    # Includes and the `named` rule need the other files: load as the grader would (the
    # first such fault only; a fault of an included file is reported once, by check_cues).
    try:
        build_cues(path.parent, rubric_id)
    except CueError as exc:
        problems += exc.problems
    return problems


@dataclass(frozen=True)
class _Named:
    """The ids a cue file names: its criteria, its red flags (with `reasoning`), techniques."""

    criteria: tuple[str, ...]
    red_flags: dict[str, tuple[str, ...]]
    techniques: tuple[str, ...]

    @classmethod
    def of(cls, spec: RubricCueFile) -> _Named:
        flags = {fid: flag.reasoning for fid, flag in spec.red_flags.items()}
        return cls(tuple(spec.criteria), flags, spec.techniques)

    @classmethod
    def read(cls, path: Path) -> _Named | None:
        """The ids from the raw tables of a file the schema rejected (None if unreadable).

        A schema fault elsewhere in the file must not hide a misnamed table.
        """
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        criteria, flags = data.get("criteria"), data.get("red_flags")
        return cls(
            tuple(criteria) if isinstance(criteria, dict) else (),
            {
                fid: _strings(table.get("reasoning") if isinstance(table, dict) else None)
                for fid, table in (flags.items() if isinstance(flags, dict) else ())
            },
            _strings(data.get("techniques")),
        )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _against_rubric(path: Path, named: _Named, rubric: Rubric) -> list[Problem]:
    """Every id the cue file names must be the rubric's, and every rubric id needs cues."""
    criteria = rubric.criterion_ids
    flags = tuple(f.id for f in rubric.red_flags)
    known_criteria = f"known: {', '.join(criteria)}"
    known_flags = f"known: {', '.join(flags) or 'none'}"
    problems: list[Problem] = []
    for cid in named.criteria:
        if cid not in criteria:
            message = f"not a criterion of rubric '{rubric.id}' ({known_criteria}); rename it"
            problems.append(Problem(path, f"criterion '{cid}'", "id", message))
    for cid in criteria:
        if cid not in named.criteria:
            message = f"no [criteria.{cid}] table: the offline grader always scores it 0"
            problems.append(Problem(path, f"criterion '{cid}'", "named", message))
    for fid, reasoning in named.red_flags.items():
        if fid not in flags:
            message = f"not a red flag of rubric '{rubric.id}' ({known_flags}); rename it"
            problems.append(Problem(path, f"red flag '{fid}'", "id", message))
        for index, item in enumerate(reasoning):
            cid = item.partition(":")[0]
            if cid not in criteria:
                message = f"unknown criterion '{cid}' ({known_criteria})"
                problems.append(Problem(path, f"red flag '{fid}'", f"reasoning.{index}", message))
    for fid in flags:
        if fid not in named.red_flags:
            message = f"no [red_flags.{fid}] table: the offline grader never raises it"
            problems.append(Problem(path, f"red flag '{fid}'", "patterns", message))
    for index, cid in enumerate(named.techniques):
        if cid not in criteria:
            message = f"unknown criterion '{cid}' ({known_criteria})"
            problems.append(Problem(path, f"'{rubric.id}'", f"techniques.{index}", message))
    return problems
