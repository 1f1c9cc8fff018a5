"""Two attempts row by row: overall, words, each criterion (by label) and the red flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mockround.bank.models import Rubric
from mockround.grading.contract import Grade

RowKind = Literal["overall", "words", "criterion", "flags"]


@dataclass(frozen=True)
class CompareRow:
    """One line of a comparison; `left`/`right` are None where that attempt has no value."""

    key: str
    """`overall`, `words`, `red_flags`, or the criterion id."""
    label: str
    kind: RowKind
    left: int | None = None
    right: int | None = None
    left_flags: tuple[str, ...] = ()
    """Red flag titles (kind `flags` only)."""
    right_flags: tuple[str, ...] = ()

    @property
    def change(self) -> int | None:
        """right - left, or None when either side is missing."""
        if self.left is None or self.right is None:
            return None
        return self.right - self.left

    @property
    def changed(self) -> bool:
        """True when the two attempts differ on this row."""
        if self.kind == "flags":
            return set(self.left_flags) != set(self.right_flags)
        return self.left != self.right


def label_for(rubrics: Sequence[Rubric], criterion_id: str) -> str:
    """The first rubric's short label for a criterion (the id when no rubric has it)."""
    for rubric in rubrics:
        if criterion_id in rubric.criterion_ids:
            return rubric.criterion(criterion_id).label
    return criterion_id


def flag_title(rubrics: Sequence[Rubric], flag_id: str) -> str:
    """A red flag's title from the first rubric that has it (the id otherwise)."""
    for rubric in rubrics:
        for flag in rubric.red_flags:
            if flag.id == flag_id:
                return flag.title
    return flag_id


def _score(grade: Grade | None, criterion_id: str) -> int | None:
    if grade is None:
        return None
    try:
        return grade.criterion(criterion_id).score
    except KeyError:
        return None


def compare_rows(
    left: Grade | None,
    right: Grade | None,
    rubrics: Sequence[Rubric],
    words: tuple[int, int],
) -> list[CompareRow]:
    """Overall, words, every criterion either grade scored (left's order first), red flags."""
    rows = [
        CompareRow(
            "overall",
            "Overall",
            "overall",
            left.overall if left else None,
            right.overall if right else None,
        ),
        CompareRow("words", "Words", "words", words[0], words[1]),
    ]
    ids = [c.id for c in (left.criteria if left else [])]
    ids += [c.id for c in (right.criteria if right else []) if c.id not in ids]
    rows += [
        CompareRow(cid, label_for(rubrics, cid), "criterion", _score(left, cid), _score(right, cid))
        for cid in ids
    ]
    rows.append(
        CompareRow(
            "red_flags",
            "Red flags",
            "flags",
            left_flags=tuple(flag_title(rubrics, h.id) for h in (left.red_flags if left else [])),
            right_flags=tuple(
                flag_title(rubrics, h.id) for h in (right.red_flags if right else [])
            ),
        )
    )
    return rows


def changed_criteria(rows: Sequence[CompareRow]) -> list[CompareRow]:
    """The criterion rows whose score moved, biggest move first (ties in rubric order)."""
    moved = [r for r in rows if r.kind == "criterion" and r.changed]
    return sorted(moved, key=lambda r: -abs(r.change or 0))


def changes_line(rows: Sequence[CompareRow]) -> str:
    """'Changed: Cost first +2, Metrics -1' ('No criterion changed.' when none did)."""
    moved = changed_criteria(rows)
    if not moved:
        return "No criterion changed."
    parts = [f"{r.label} {r.change:+d}" if r.change is not None else f"{r.label} ?" for r in moved]
    return "Changed: " + ", ".join(parts)
