"""`mockround plan`: the due cards as a table or JSON, --all, and --rebuild."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from store_helpers import CRITERIA, FakeClock, add_graded

from mockround import locations
from mockround.cli import main
from mockround.store import Store
from mockround.store.store import utc_now

PLAN_KEYS = {
    "card_id", "title", "parent_id", "state", "due", "is_due", "stability", "difficulty",
    "reviews", "last_grade", "weak_criteria",
}  # fmt: skip


@pytest.fixture
def weak_threshold() -> None:
    """One answer to the main question that missed the threshold, in the default database."""
    # Minutes ago, so the answer's review time is already past when the command runs.
    clock = FakeClock(utc_now() - timedelta(minutes=5))
    with Store.open(locations.default_db_path(), clock=clock) as store:
        add_graded(store, clock, 45, scores={c: 0 if c == "threshold" else 2 for c in CRITERIA})


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.usefixtures("weak_threshold")
def test_plan_json_lists_the_followups_aimed_at_the_missed_criterion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(capsys, "plan", "--json")
    rows = json.loads(out)
    assert code == 0
    assert all(set(r) == PLAN_KEYS for r in rows)
    due = {r["card_id"]: r for r in rows}
    assert set(due) == {"change-threshold", "explain-tradeoff"}
    assert due["change-threshold"]["weak_criteria"] == ["threshold"]
    assert due["change-threshold"]["parent_id"] == "imbalanced-data"


@pytest.mark.usefixtures("weak_threshold")
def test_plan_table_names_the_top_card_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "plan")
    assert code == 0
    assert "next: change-threshold: Threshold missed in 1 of your last 1; due " in out
    assert "weak criteria" in out and "threshold" in out


@pytest.mark.usefixtures("weak_threshold")
def test_plan_all_lists_unpractised_cards_as_new_and_rebuild_says_what_it_replayed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = _run(capsys, "plan", "--all", "--json")
    states = {r["card_id"]: r["state"] for r in json.loads(out)}
    assert code == 0 and states["data-leakage"] == "new"
    assert states["imbalanced-data"] == "learning"
    code, out = _run(capsys, "plan", "--rebuild")
    assert code == 0 and "plan rebuilt from 1 graded attempts" in out


def test_plan_on_an_empty_history_says_how_to_start(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "plan")
    assert code == 0 and "Nothing due" in out
