"""Load the question bank and rubrics from TOML, and report every problem in them.

`check_bank` never raises for bad data: it returns one `Problem` per fault, each naming
the file, the entry and the field, so `mockround check` can print them all at once.
`load_bank` raises `BankError` when there is any problem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mockround import locations
from mockround.bank.models import FollowUpSpec, Question, QuestionSpec, Rubric

M = TypeVar("M", bound=BaseModel)

# Plural section names in the TOML -> the word used for one entry in messages.
_SECTIONS = {"criteria": "criterion", "red_flags": "red flag", "followups": "followup"}


@dataclass(frozen=True)
class Problem:
    """One fault in one file: printed as a single line."""

    file: Path
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class BankError(Exception):
    """The bank or a rubric is invalid; `problems` lists every fault."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more; run `mockround check`)" if len(problems) > 1 else ""
        )
        super().__init__(f"{first}{more}")


@dataclass(frozen=True)
class Bank:
    """Every question (main and follow-up) by id, in display order."""

    questions: tuple[Question, ...]
    rubrics: dict[str, Rubric]

    def main_questions(self) -> tuple[Question, ...]:
        """Top-level questions, main question first."""
        return self.questions

    def all_items(self) -> Iterable[Question]:
        """Every question and follow-up."""
        for question in self.questions:
            yield question
            yield from question.followups

    def get(self, question_id: str) -> Question:
        """A question or follow-up by id (KeyError if unknown)."""
        for item in self.all_items():
            if item.id == question_id:
                return item
        raise KeyError(question_id)

    def ids(self) -> list[str]:
        """Every question and follow-up id."""
        return [item.id for item in self.all_items()]

    def criterion_label(self, criterion_id: str) -> str:
        """A criterion's short label, main questions' rubrics first (the id if nowhere).

        Follow-up questions drilled on their own count as main attempts in the stats, so their
        criteria (`cost_link`) must find a label too.
        """
        for question in self.all_items():
            for criterion in question.rubric.criteria:
                if criterion.id == criterion_id:
                    return criterion.label
        return criterion_id

    def question_title(self, question_id: str) -> str:
        """A question's title (the id when the bank no longer has it)."""
        try:
            return self.get(question_id).title
        except KeyError:
            return question_id


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(path, "file", "toml", f"not valid TOML: {exc}"))
    except UnicodeDecodeError:
        problems.append(Problem(path, "file", "encoding", "not UTF-8 text"))
    except OSError as exc:
        problems.append(Problem(path, "file", "read", str(exc.strerror)))
    return None


def _entry_name(data: dict[str, Any], loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Turn a pydantic error location into (entry, field) using the entry's own id."""
    if len(loc) >= 2 and loc[0] in _SECTIONS and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        items = data.get(section)
        ident: Any = None
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            ident = items[index].get("id")
        name = f"{_SECTIONS[section]} '{ident}'" if ident else f"{section}[{index}]"
        field = ".".join(str(p) for p in loc[2:]) or "entry"
        return name, field
    return f"'{data.get('id', '?')}'", ".".join(str(p) for p in loc) or "file"


def _validate(
    model: type[M], data: dict[str, Any], path: Path, problems: list[Problem]
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            entry, field = _entry_name(data, tuple(error["loc"]))
            problems.append(Problem(path, entry, field, error["msg"]))
    return None


# The two kinds of top-level file, each named after its id.
IdM = TypeVar("IdM", Rubric, QuestionSpec)


def _read_models(
    folder: Path, model: type[IdM], problems: list[Problem]
) -> Iterator[tuple[Path, IdM]]:
    """Each valid TOML file in `folder` as `model`; a file's id must match its name."""
    for path in sorted(folder.glob("*.toml")):
        data = _read_toml(path, problems)
        if data is None:
            continue
        item = _validate(model, data, path, problems)
        if item is None:
            continue
        if item.id != path.stem:
            problems.append(
                Problem(path, f"'{item.id}'", "id", f"must match the file name '{path.stem}'")
            )
        yield path, item


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for ident in ids:
        if ident in seen and ident not in dupes:
            dupes.append(ident)
        seen.add(ident)
    return dupes


def _load_rubrics(rubrics_dir: Path, problems: list[Problem]) -> dict[str, tuple[Rubric, Path]]:
    rubrics: dict[str, tuple[Rubric, Path]] = {}
    for path, rubric in _read_models(rubrics_dir, Rubric, problems):
        for dup in _duplicates(rubric.criterion_ids):
            problems.append(Problem(path, f"criterion '{dup}'", "id", "duplicate criterion id"))
        for dup in _duplicates(f.id for f in rubric.red_flags):
            problems.append(Problem(path, f"red flag '{dup}'", "id", "duplicate red flag id"))
        if rubric.id in rubrics:
            problems.append(Problem(path, f"'{rubric.id}'", "id", "duplicate rubric id"))
        rubrics[rubric.id] = (rubric, path)
    return rubrics


def _check_demos(
    rubrics: dict[str, tuple[Rubric, Path]], demo_ids: set[str], problems: list[Problem]
) -> None:
    known = ", ".join(sorted(demo_ids))
    for rubric, path in rubrics.values():
        entries = [(f"criterion '{c.id}'", c.demos) for c in rubric.criteria]
        entries += [(f"red flag '{f.id}'", f.demos) for f in rubric.red_flags]
        for entry, demos in entries:
            for demo in demos:
                if demo not in demo_ids:
                    problems.append(
                        Problem(path, entry, "demos", f"unknown demo '{demo}' (known: {known})")
                    )


def _resolve_followup(
    spec: FollowUpSpec,
    parent: QuestionSpec,
    rubrics: dict[str, tuple[Rubric, Path]],
    path: Path,
    problems: list[Problem],
) -> Question | None:
    entry = f"followup '{spec.id}'"
    parent_rubric = rubrics.get(parent.rubric)
    if parent_rubric is not None:
        known = parent_rubric[0].criterion_ids
        for target in spec.targets:
            if target not in known:
                problems.append(
                    Problem(
                        path,
                        entry,
                        "targets",
                        f"unknown criterion '{target}' (known: {', '.join(known)})",
                    )
                )
    if spec.rubric not in rubrics:
        problems.append(Problem(path, entry, "rubric", f"no rubric '{spec.rubric}' in rubrics/"))
        return None
    return Question(
        id=spec.id,
        prompt=spec.prompt,
        title=spec.title,
        rubric=rubrics[spec.rubric][0],
        model_answer=spec.model_answer,
        parent_id=parent.id,
        targets=spec.targets,
    )


def _load_questions(
    bank_dir: Path, rubrics: dict[str, tuple[Rubric, Path]], problems: list[Problem]
) -> list[Question]:
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path, spec in _read_models(bank_dir, QuestionSpec, problems):
        for ident, entry in [(spec.id, f"'{spec.id}'")] + [
            (f.id, f"followup '{f.id}'") for f in spec.followups
        ]:
            if ident in seen:
                problems.append(Problem(path, entry, "id", f"duplicate id (also in {seen[ident]})"))
            seen[ident] = path
        followups = [_resolve_followup(f, spec, rubrics, path, problems) for f in spec.followups]
        if spec.rubric not in rubrics:
            problems.append(
                Problem(path, f"'{spec.id}'", "rubric", f"no rubric '{spec.rubric}' in rubrics/")
            )
            continue
        questions.append(
            Question(
                id=spec.id,
                prompt=spec.prompt,
                title=spec.title,
                rubric=rubrics[spec.rubric][0],
                model_answer=spec.model_answers.short,
                deep_answer=spec.model_answers.deep,
                followups=tuple(f for f in followups if f is not None),
                order=spec.order,
            )
        )
    return sorted(questions, key=lambda q: (q.order, q.id))


def _read_bank(
    bank_dir: Path, rubrics_dir: Path, demo_ids: set[str] | None
) -> tuple[Bank, list[Problem]]:
    problems: list[Problem] = []
    for folder in (bank_dir, rubrics_dir):
        if not folder.is_dir():
            problems.append(Problem(folder, "folder", "path", "not a directory"))
    if problems:
        return Bank((), {}), problems
    rubrics = _load_rubrics(rubrics_dir, problems)
    if demo_ids is not None:
        _check_demos(rubrics, demo_ids, problems)
    questions = _load_questions(bank_dir, rubrics, problems)
    if not questions and not problems:
        problems.append(Problem(bank_dir, "folder", "questions", "no question files (*.toml)"))
    return Bank(tuple(questions), {k: v[0] for k, v in rubrics.items()}), problems


def read_rubrics(rubrics_dir: Path | None = None) -> dict[str, Rubric]:
    """The valid rubrics by id (their problems are `check_bank`'s to report)."""
    folder = rubrics_dir or locations.rubrics_dir()
    if not folder.is_dir():
        return {}
    return {k: v[0] for k, v in _load_rubrics(folder, []).items()}


def check_bank(
    bank_dir: Path | None = None,
    rubrics_dir: Path | None = None,
    demo_ids: set[str] | None = None,
) -> list[Problem]:
    """Every problem in the bank and rubrics (empty when all is well)."""
    _, problems = _read_bank(
        bank_dir or locations.question_bank_dir(), rubrics_dir or locations.rubrics_dir(), demo_ids
    )
    return problems


def load_bank(
    bank_dir: Path | None = None,
    rubrics_dir: Path | None = None,
    demo_ids: set[str] | None = None,
) -> Bank:
    """The validated bank; raises BankError naming the first problem."""
    bank, problems = _read_bank(
        bank_dir or locations.question_bank_dir(), rubrics_dir or locations.rubrics_dir(), demo_ids
    )
    if problems:
        raise BankError(problems)
    return bank


def load_bank_or_fail() -> Bank:
    """The shipped bank; a broken bank is a one-line user error (for the CLI and the app)."""
    from mockround.errors import UserError

    try:
        return load_bank()
    except BankError as exc:
        raise UserError(f"the question bank is invalid: {exc}") from None
