"""How far the offline grader is trusted on a question: its measured agreement on real answers.

`agreement.json` is written by `benchmarks/grading_quality.py --split test --write-agreement`,
never by hand. It records a digest of the grader it measured (cue files, trained models and the
offline grader's code); when the grader changes, the digest no longer matches, a test fails, and
the test split is measured once more for the new version.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from mockround.bank.models import Question

AGREEMENT_FILE = Path(__file__).parent / "agreement.json"
MIN_ANSWERS = 20
"""Fewer test answers than this for one question: quote its family's figure instead."""
_ROOT = Path(__file__).resolve().parents[2]
_GRADER_FILES = (
    "mockround/grading/offline/*.py",
    "mockround/grading/offline/*.json",
    "mockround/grading/semantic/*.py",
    "mockround/grading/semantic/model.*",
    "rubrics/cues/*.toml",
)


def grader_digest(root: Path = _ROOT) -> str:
    """A fingerprint of everything that decides an offline grade."""
    digest = hashlib.sha256()
    for pattern in _GRADER_FILES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _agreement() -> dict[str, Any] | None:
    if not AGREEMENT_FILE.exists():
        return None
    data: dict[str, Any] = json.loads(AGREEMENT_FILE.read_text(encoding="utf-8"))
    return data


def trust_note(question: Question, grader: str) -> str | None:
    """One line on the offline grader's measured agreement for this question (None if unknown)."""
    data = _agreement()
    if data is None or grader != data.get("grader"):
        return None
    figures = data["rubrics"].get(question.rubric.id)
    scope = "this question"
    if figures is None or figures["answers"] < MIN_ANSWERS:
        figures, scope = data["families"].get(question.family), f"{question.family} questions"
    if figures is None:
        return None
    return (
        f"On real answers to {scope} this grader agrees with expert labels at macro-F1 "
        f"{figures['macro_f1']:.2f} ({figures['answers']} test answers; two labellers: "
        f"{figures['human_macro_f1']:.2f}): check what matters to you."
    )
