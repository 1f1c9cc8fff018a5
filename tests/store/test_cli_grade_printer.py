"""`grade` and `show` print a grade the same way: labels as in the app, evidence wrapped whole.

`history` and `stats` name questions and criteria as the app does too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import FakeClock, add_graded

from mockround import locations
from mockround.bank import load_bank
from mockround.cli import main
from mockround.grading.contract import CriterionScore, Evidence, Grade, band_for
from mockround.grading.scoring import rubric_points
from mockround.store import Store
from mockround.store.store import utc_now

RUBRIC = load_bank().get("imbalanced-data").rubric
CONTEXT = RUBRIC.criterion("context").label
LEAKAGE = RUBRIC.criterion("leakage").label
LONG = (
    "First I would ask what a missed fraud case costs compared with a false alarm, because "
    "that ratio decides the threshold and the metric I report to the business at the end."
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _evidence_rows(out: str) -> list[str]:
    """The criteria table's rows (between its rule line and the first blank line)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("criterion")) + 2
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.fixture
def long_evidence_attempt() -> str:
    clock = FakeClock(utc_now())
    with Store.open(locations.default_db_path(), clock=clock) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
        store.submit(attempt_id, LONG)
        grade = Grade(
            question_id="imbalanced-data",
            grader="offline",
            overall=40,
            band=band_for(40),
            words=len(LONG.split()),
            speaking_seconds=10.0,
            criteria=[
                CriterionScore(id="context", score=2, evidence=[Evidence.of(LONG, 0, len(LONG))])
            ],
        )
        store.add_grade(attempt_id, grade)
    return attempt_id


def test_show_wraps_long_evidence_whole_and_uses_labels(
    long_evidence_attempt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "show", long_evidence_attempt)
    rows = _evidence_rows(out)
    assert rows[0].startswith(CONTEXT + " "), rows
    column = rows[0].index('"')
    quoted = " ".join(row[column:].strip() for row in rows)
    assert " ".join(quoted.split()) == f'"{LONG}"'
    assert "…" not in out
    assert max(len(row) for row in rows) <= 80


def test_grade_prints_through_the_same_printer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(LONG + " I would weight the classes and tune the threshold on cost.")
    out = _run(capsys, "grade", str(answer))
    rows = _evidence_rows(out)
    assert all(len(row) <= 80 for row in rows)
    assert any(row.startswith(CONTEXT + " ") for row in rows)
    feedback = out[out.index("feedback:") :]
    assert f"\n  {CONTEXT}:" in feedback and "\n  context:" not in feedback


def test_history_and_stats_name_questions_and_criteria_as_the_app_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock(utc_now())
    with Store.open(locations.default_db_path(), clock=clock) as store:
        add_graded(store, clock, 64, scores={"context": 2, "leakage": 0})
    history = _run(capsys, "history")
    assert "Imbalanced data" in history and "imbalanced-data" not in history
    stats = _run(capsys, "stats")
    assert f"weakest criterion: {LEAKAGE}" in stats
    assert "imbalanced-data" not in stats


def test_the_printer_says_what_the_rubric_gave_and_what_each_flag_took(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The case the 0 floor used to hide: credit earned, then taken away by a red flag.
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "First I would ask what a missed fraud costs against a false alarm, because that "
        "decides everything. Then class weights. Accuracy is fine to report at the end."
    )
    out = _run(capsys, "grade", "--json", str(answer))
    grade = Grade.model_validate_json(out)
    assert [f.id for f in grade.red_flags] == ["accuracy_endorsed"]
    title = next(f.title for f in RUBRIC.red_flags if f.id == "accuracy_endorsed")
    given = round(rubric_points(RUBRIC, grade.scores()))
    assert given > 0
    line = f"rubric gave {given}, red flags took 20 ({title} −20)"
    assert line in _run(capsys, "grade", str(answer)).splitlines()
    # A clean answer gets no breakdown line: nothing was taken away.
    answer.write_text(LONG)
    assert "red flags took" not in _run(capsys, "grade", str(answer))
