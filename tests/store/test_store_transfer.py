"""Export and import: a lossless JSONL round trip, idempotent import, bad lines, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, GradeFactory, add_graded

from mockround.cli import main
from mockround.grading.exchange import LLMExchange
from mockround.store import Store
from mockround.store.export import write_csv, write_jsonl, write_markdown
from mockround.store.importer import import_jsonl


@pytest.fixture
def filled(store: Store, clock: FakeClock, make_grade: GradeFactory) -> Store:
    """A history with grades, a second opinion, a follow-up, an exchange and a draft."""
    parent = add_graded(store, clock, 45, scores={"context": 0, "metrics": 1})
    store.add_grade(parent, make_grade(70, second_opinion=make_grade(50, grader="llm:m")))
    store.log_exchange(
        LLMExchange(model="m", server="http://127.0.0.1:9/v1", mode="json_schema",
                    latency_ms=12.5, prompt_tokens=100, completion_tokens=20,
                    request={"messages": []}, response={"choices": []}),
        parent,
    )  # fmt: skip
    add_graded(store, clock, 80, question_id="which-metric", mode="followup", parent_id=parent)
    ungraded = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
    store.submit(ungraded, "only a few words")
    unfinished = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    store.save_draft(unfinished, "half typed")
    return store


def _export(store: Store) -> str:
    out = io.StringIO()
    with store.lock() as conn:
        write_jsonl(conn, out)
    return out.getvalue()


def test_export_then_import_into_an_empty_database_gives_the_same_history(
    filled: Store, tmp_path: Path, clock: FakeClock
) -> None:
    exported = _export(filled)
    source = tmp_path / "export.jsonl"
    source.write_text(exported, encoding="utf-8")
    with Store.open(tmp_path / "copy.db", clock=clock) as copy:
        result = import_jsonl(copy, source)
        assert (result.imported, result.already_present, result.bad_lines) == (4, 0, [])
        assert _export(copy) == exported
        assert copy.list_attempts() == filled.list_attempts()
        assert copy.unfinished_drafts() == filled.unfinished_drafts()
        for summary in filled.list_attempts():
            original = filled.get_attempt(summary.id)
            restored = copy.get_attempt(summary.id)
            assert restored.attempt == original.attempt
            assert [(g.grade, g.grader, g.model, g.created_at) for g in restored.grades] == [
                (g.grade, g.grader, g.model, g.created_at) for g in original.grades
            ]
            assert restored.followups == original.followups
            assert restored.exchanges == original.exchanges
        assert copy.stats() == filled.stats()


def test_importing_the_same_file_twice_adds_nothing(filled: Store, tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text(_export(filled), encoding="utf-8")
    second = import_jsonl(filled, source)
    assert (second.imported, second.already_present) == (0, 4)
    assert filled.count_attempts() == 4
    grades = filled.connection.execute("SELECT count(*) FROM grades").fetchone()[0]
    assert grades == 4  # 45, then 70 with its second opinion, and the follow-up's 80


def test_bad_lines_are_reported_with_their_numbers_and_skipped(
    filled: Store, tmp_path: Path
) -> None:
    good = _export(filled).splitlines()
    lines = [
        good[0],
        "{not json",
        "",
        json.dumps({"id": "x", "mode": "sprint"}),
        "[1, 2]",
        json.dumps({**json.loads(good[1]), "id": "fresh-1", "time_limit": -5}),
        *good[1:],
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db") as copy:
        result = import_jsonl(copy, source)
        assert result.imported == 4
        assert [n for n, _ in result.bad_lines] == [2, 4, 5, 6]
        assert "not JSON" in result.bad_lines[0][1]
        # Refused at the boundary by the model's constraint, before the database sees it.
        assert "time_limit" in result.bad_lines[3][1]
        assert copy.count_attempts() == 4


def test_a_follow_up_whose_parent_is_missing_is_imported_with_a_warning(
    filled: Store, tmp_path: Path
) -> None:
    followup = next(line for line in _export(filled).splitlines() if json.loads(line)["parent_id"])
    source = tmp_path / "orphan.jsonl"
    source.write_text(followup + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db") as copy:
        result = import_jsonl(copy, source)
        assert result.imported == 1
        assert [n for n, _ in result.warnings] == [1]
        assert copy.list_attempts()[0].parent_id is None


def test_import_command_reports_progress_with_the_flag(
    filled: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text(_export(filled), encoding="utf-8")
    code = main(["import", str(source), "--db", str(tmp_path / "copy.db"), "--progress"])
    captured = capsys.readouterr()
    assert code == 0
    assert "mockround: import: 4 lines read (100%)" in captured.err
    assert captured.out.strip() == (
        f"imported 4 attempts from {source} (0 already present, 0 bad lines skipped)"
    )
    code = main(["import", str(source), "--db", str(tmp_path / "copy.db")])
    assert "import:" not in capsys.readouterr().err  # no TTY, no flag: quiet


def test_import_command_exits_1_and_names_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("nope\n", encoding="utf-8")
    code = main(["import", str(source), "--db", str(tmp_path / "copy.db"), "--json"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{source}:1: skipped: not JSON" in captured.err
    summary = json.loads(captured.out)
    assert summary["imported"] == 0
    assert summary["bad_lines"][0]["line"] == 1


def test_importing_a_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", str(tmp_path / "absent.jsonl")])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err


def test_csv_has_one_row_per_attempt_with_criterion_columns(filled: Store) -> None:
    out = io.StringIO()
    with filled.lock() as conn:
        assert write_csv(conn, out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4
    first = rows[0]
    assert (first["overall"], first["band"], first["grader"]) == ("70", "solid", "offline")
    assert first["score_context"] == "1"  # the latest grade's scores, not the first grade's
    assert first["text"] == ANSWER
    assert rows[3]["submitted_at"] == "" and rows[3]["overall"] == ""


def test_markdown_reads_as_a_journal_grouped_by_day(filled: Store) -> None:
    out = io.StringIO()
    with filled.lock() as conn:
        count = write_markdown(conn, out, {"imbalanced-data": "How do you handle imbalanced data?"})
    text = out.getvalue()
    assert count == 3  # submitted attempts only
    assert text.startswith("# MockRound practice journal\n")
    assert text.count("\n## ") == 1
    assert "### " in text and "· How do you handle imbalanced data?" in text
    assert f"> {ANSWER}" in text
    assert "**70/100, solid** (graded by offline)" in text
    assert "*not graded*" in text


def test_export_command_writes_a_file_in_each_format(
    filled: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(filled.path)
    counts = (("jsonl", "4 attempts"), ("csv", "4 attempts"), ("md", "3 of 4 attempts"))
    for fmt, count in counts:
        target = tmp_path / f"out.{fmt}"
        assert main(["export", "--db", db, "--format", fmt, "--output", str(target)]) == 0
        assert target.stat().st_size > 0
        assert f"exported {count} " in capsys.readouterr().err
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_the_journal_counts_attempts_like_csv_and_says_which_it_left_out(
    filled: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.md"
    assert main(["export", "--db", str(filled.path), "--format", "md", "-o", str(target)]) == 0
    assert f"exported 3 of 4 attempts (1 never submitted) to {target}" in capsys.readouterr().err
