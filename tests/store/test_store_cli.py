"""The history commands: human tables, `--json` shapes, `--db` / MOCKROUND_DB and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_helpers import ANSWER, CRITERIA, FakeClock, add_graded, build_grade

from mockround import locations
from mockround.cli import main
from mockround.store import Store
from mockround.store.store import utc_now

ATTEMPT_KEYS = {
    "id", "question_id", "parent_id", "mode", "time_limit", "started_at", "submitted_at",
    "duration_seconds", "timed_out", "text", "words", "prompt", "paused",
}  # fmt: skip
SUMMARY_KEYS = ATTEMPT_KEYS | {"overall", "band", "grader"}


@pytest.fixture
def seeded() -> dict[str, str]:
    """Two graded attempts (one a follow-up of the other) in the default database."""
    clock = FakeClock(utc_now())
    with Store.open(locations.default_db_path(), clock=clock) as store:
        parent = add_graded(store, clock, 64, scores={"context": 2, "leakage": 0})
        store.add_grade(parent, build_grade(72, second_opinion=build_grade(55, grader="llm:m")))
        child = add_graded(store, clock, 81, question_id="which-metric", mode="followup",
                           parent_id=parent)  # fmt: skip
    return {"parent": parent, "child": child}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_history_json_lists_summaries_newest_first(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "history", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["id"] for r in rows] == [seeded["child"], seeded["parent"]]
    assert all(set(r) == SUMMARY_KEYS for r in rows)
    assert (rows[1]["overall"], rows[1]["band"], rows[1]["grader"]) == (72, "solid", "offline")


def test_history_filters_by_question_and_limits(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "history", "--question", "imbalanced-data", "--json")
    assert [r["id"] for r in json.loads(out)] == [seeded["parent"]]
    _, out, _ = _run(capsys, "history", "--limit", "1", "--json")
    assert [r["id"] for r in json.loads(out)] == [seeded["child"]]


def test_history_table_shows_date_id_question_mode_overall_band_duration(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "history")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["date", "id", "question", "mode", "overall", "band", "duration"]
    assert set(lines[1]) <= {"-", " "}
    assert seeded["parent"][:8] in lines[3] and "72" in lines[3] and "solid" in lines[3]
    assert "30 s" in lines[3]
    assert "\x1b[" not in out  # plain text, no colours


def test_history_of_an_empty_database_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "history")
    assert code == 0
    assert out.startswith("No attempts yet")
    assert json.loads(_run(capsys, "history", "--json")[1]) == []


def test_show_json_has_the_attempt_grades_followups_and_exchanges(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "show", seeded["parent"][:8], "--json")
    detail = json.loads(out)
    assert code == 0
    assert set(detail) == {"attempt", "grades", "followups", "exchanges", "disputes"}
    assert set(detail["attempt"]) == ATTEMPT_KEYS
    assert detail["attempt"]["text"] == ANSWER
    assert [g["grade"]["overall"] for g in detail["grades"]] == [64, 72, 55]
    assert set(detail["grades"][0]) == {
        "id", "attempt_id", "grader", "model", "created_at", "grade", "second_opinion_of",
    }  # fmt: skip
    assert detail["grades"][2]["second_opinion_of"] == detail["grades"][1]["id"]
    assert detail["grades"][0]["grade"]["criteria"][0]["evidence"][0]["text"] == ANSWER[:8]
    assert [f["id"] for f in detail["followups"]] == [seeded["child"]]
    assert set(detail["followups"][0]) == SUMMARY_KEYS
    assert detail["exchanges"] == []


def test_show_prints_the_answer_every_grade_its_evidence_and_follow_ups(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "show", seeded["parent"])
    assert code == 0
    assert ANSWER in out
    assert "grade 1: 64/100 solid by offline" in out
    assert "grade 2: 72/100 solid by offline" in out
    assert "second opinion: 55/100 developing by llm:m" in out
    assert f'"{ANSWER[:8]}"' in out
    assert "Leakage: Say why leakage matters here." in out
    assert "follow-ups" in out and seeded["child"][:8] in out


def test_show_an_unknown_attempt_is_a_one_line_error(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "show", "zzzz")
    assert code == 2
    assert out == ""
    assert err == "mockround: error: no attempt 'zzzz': list ids with `mockround history`\n"


def test_stats_json_shape(seeded: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert set(stats) == {
        "questions", "total_attempts", "followup_attempts", "graded_attempts", "trend_last5",
        "trend_prev5", "criteria", "weakest_criterion", "streak_days",
    }  # fmt: skip
    assert set(stats["questions"][0]) == {
        "question_id", "attempts", "average_overall", "best_overall", "last_overall", "last_at",
    }  # fmt: skip
    assert stats["total_attempts"] == 2
    assert stats["trend_last5"] == 72.0
    # The regrade scored every criterion 1: the first grade's 2 and 0 no longer count.
    assert stats["criteria"] == dict.fromkeys(sorted(CRITERIA), 1.0)
    assert stats["streak_days"] == 1


def test_stats_prints_totals_trend_weakest_and_tables(
    seeded: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "stats")
    assert code == 0
    assert out.splitlines()[0] == "attempts: 2 submitted, 2 graded; streak: 1 day"
    assert "trend: last 5 average 72.0" in out
    assert "weakest criterion: Cost first (1.00 of 2)" in out
    assert "Imbalanced data" in out and "Which metric" in out


def test_db_flag_and_environment_choose_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere.db"
    with Store.open(other) as store:
        attempt_id = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
        store.submit(attempt_id, "kept elsewhere")
    _, out, _ = _run(capsys, "history", "--json", "--db", str(other))
    assert [r["id"] for r in json.loads(out)] == [attempt_id]
    monkeypatch.setenv("MOCKROUND_DB", str(other))
    _, out, _ = _run(capsys, "history", "--json")
    assert [r["id"] for r in json.loads(out)] == [attempt_id]
    assert not locations.default_db_path().exists()


def test_a_limit_below_one_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "history", "--limit", "0")
    assert code == 2
    assert "--limit must be from 1 to" in err
