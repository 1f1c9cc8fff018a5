"""Hardening of the history: bad import lines are isolated, nothing stored breaks a read,
damaged databases and failed writes end in one line, CSV cells never run as formulas.

Issue 12 cases 4, 6, 7, 9, 10 (import), 11 (`--limit`, `--db`), 15 (foreign empty SQLite,
imported evidence that is not in the text).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import sqlite3
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, add_graded

from mockround.cli import main
from mockround.store import Store, StoreError
from mockround.store import importer as importer_module
from mockround.store.export import write_csv, write_jsonl
from mockround.store.importer import import_jsonl


def _good_lines(store: Store, clock: FakeClock, count: int = 2) -> list[str]:
    for score in range(count):
        add_graded(store, clock, 50 + score)
    out = io.StringIO()
    write_jsonl(store.connection, out)
    return out.getvalue().splitlines()


def _with(line: str, **changes: object) -> str:
    return json.dumps({**json.loads(line), **changes})


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_infinite_duration_is_refused_and_history_show_and_export_still_read(
    store: Store, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _good_lines(store, clock)
    bad = _with(good[0], id="inf-1").replace(
        '"duration_seconds": 30.0', '"duration_seconds": 1e999'
    )
    bad_too = _with(good[0], id="inf-2").replace(
        '"duration_seconds": 30.0', '"duration_seconds": Infinity'
    )
    source = tmp_path / "inf.jsonl"
    source.write_text("\n".join([bad, bad_too, *good]) + "\n", encoding="utf-8")
    db = str(tmp_path / "copy.db")

    code, _, err = _run(capsys, "import", str(source), "--db", db)
    assert code == 1
    assert ":1: skipped:" in err and ":2: skipped:" in err
    for argv in (["history"], ["export", "--format", "md"], ["show", json.loads(good[0])["id"]]):
        code, _, err = _run(capsys, *argv, "--db", db)
        assert code == 0, err
        assert "Traceback" not in err


def test_a_stored_infinite_duration_from_an_older_import_is_cleared_by_a_migration(
    db_path: Path, store: Store, clock: FakeClock
) -> None:
    attempt = add_graded(store, clock, 60)
    store.connection.execute(
        "UPDATE attempts SET duration_seconds = 9e999 WHERE id = ?", (attempt,)
    )
    store.connection.execute("DELETE FROM _migrations WHERE name = '005_finite_durations'")
    store.close()
    with Store.open(db_path) as again:
        (summary,) = again.list_attempts()
        assert summary.duration_seconds is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("nested", "nested too deeply"),
        ("year_1", "year must be from"),
        ("year_9999", "year must be from"),
        ("huge_int", "less than or equal"),
        ("surrogate", "lone surrogate"),
        ("huge_digits", "digits"),
    ],
)
def test_one_bad_line_is_reported_by_number_and_the_rest_is_imported(
    store: Store, clock: FakeClock, tmp_path: Path, change: str, reason: str
) -> None:
    good = _good_lines(store, clock)
    base = json.loads(good[0])
    if change == "nested":
        bad = '{"id": "deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    elif change == "year_1":
        bad = _with(good[0], id="y1", started_at="0001-01-01T00:30:00+05:00")
    elif change == "year_9999":
        bad = _with(good[0], id="y9", submitted_at="9999-12-31T23:30:00-05:00")
    elif change == "huge_int":
        bad = _with(good[0], id="big", words=10**30)
    elif change == "surrogate":
        bad = json.dumps({**base, "id": "sur"}).replace('"sur"', '"sur\\ud800"')
    else:
        words = f'"words": {base["words"]}'
        bad = json.dumps({**base, "id": "dig"}).replace(words, '"words": ' + "9" * 5000)
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join([good[0], bad, good[1]]) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db") as copy:
        result = import_jsonl(copy, source)
        assert result.imported == 2
        assert [n for n, _ in result.bad_lines] == [2]
        assert reason in result.bad_lines[0][1]


def test_imported_grades_must_quote_the_answer_they_grade(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    good = _good_lines(store, clock, 1)
    record = json.loads(good[0])
    record["id"] = "forged"
    evidence = record["grades"][0]["grade"]["criteria"][0]["evidence"]
    evidence[:] = [{"text": "I am brilliant", "start": 0, "end": 14}]
    source = tmp_path / "forged.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db") as copy:
        result = import_jsonl(copy, source)
    assert result.imported == 0
    assert "not in the answer text" in result.bad_lines[0][1]


def test_import_reads_a_bounded_amount_of_an_endless_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(importer_module, "MAX_LINE_BYTES", 1024)
    monkeypatch.setattr(importer_module, "MAX_IMPORT_BYTES", 4 * 1024 * 1024)
    code, _, err = _run(capsys, "import", "/dev/zero", "--db", str(tmp_path / "z.db"))
    assert code == 1
    assert "the rest was not read" in err and "Traceback" not in err


def test_an_over_long_import_line_is_skipped_and_the_next_one_imported(
    store: Store, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _good_lines(store, clock, 1)
    monkeypatch.setattr(importer_module, "MAX_LINE_BYTES", len(good[0]) + 10)
    source = tmp_path / "long.jsonl"
    source.write_text("x" * 50_000 + "\n" + good[0] + "\n", encoding="utf-8")
    with Store.open(tmp_path / "copy.db") as copy:
        result = import_jsonl(copy, source)
    assert result.imported == 1
    assert result.bad_lines == [(1, f"over {len(good[0]) + 10:,} bytes; skipped")]


def test_csv_cells_that_look_like_formulas_are_written_as_text(
    store: Store, clock: FakeClock
) -> None:
    for text in ('=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "plain"):
        attempt = store.start_attempt("imbalanced-data", mode="untimed", time_limit=None)
        store.submit(attempt, text)
    out = io.StringIO()
    write_csv(store.connection, out)
    texts = [row["text"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert texts == ['\'=HYPERLINK("http://x","click")', "'+1+1", "'-2+3", "'@SUM(A1)", "plain"]


def _filled_db(path: Path, clock: FakeClock) -> None:
    with Store.open(path, clock=clock) as store:
        for score in range(30):
            add_graded(store, clock, score + 40)
            store.submit(
                store.start_attempt("imbalanced-data", mode="untimed", time_limit=None), ANSWER * 20
            )


def test_export_of_a_damaged_database_is_one_line_for_every_damaged_page(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine = tmp_path / "pristine.db"
    _filled_db(pristine, clock)
    data = pristine.read_bytes()
    page = 4096
    for number in range(1, len(data) // page):
        damaged = tmp_path / f"damaged-{number}.db"
        broken = bytearray(data)
        broken[number * page : (number + 1) * page] = bytes(
            (i * 37 + number) % 251 for i in range(page)
        )
        damaged.write_bytes(bytes(broken))
        for fmt in ("jsonl", "csv", "md"):
            code, _, err = _run(capsys, "export", "--format", fmt, "--db", str(damaged))
            assert code in (0, 2), err
            assert err.count("\n") <= 1 and "Traceback" not in err


def test_export_of_a_database_cut_mid_page_is_one_line(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cut.db"
    _filled_db(db, clock)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2 + 1000])
    code, _, err = _run(capsys, "export", "--db", str(db))
    assert code == 2
    assert err.startswith("mockround: error:") and err.count("\n") == 1


def test_export_to_a_folder_is_refused_and_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = _run(capsys, "export", "--output", str(folder))
    assert code == 2 and "is a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_export_that_fails_mid_write_leaves_no_partial_file(
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mockround.store import export as export_module

    def disk_full(conn: sqlite3.Connection, out: io.TextIOBase) -> int:
        out.write("{}\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module, "write_jsonl", disk_full)
    target = tmp_path / "export.jsonl"
    code, _, err = _run(capsys, "export", "--output", str(target))
    assert code == 2 and "No space left on device" in err
    assert list(tmp_path.iterdir()) == [] or all(
        not p.name.endswith(".partial") and p != target for p in tmp_path.iterdir()
    )


def test_a_huge_history_limit_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "history", "--limit", "99999999999999999999")
    assert code == 2 and "--limit must be from 1 to" in err and "Traceback" not in err


def test_a_database_in_a_folder_we_may_not_search_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    real_is_dir = Path.is_dir

    # Tests may run as root, where chmod cannot deny anything: deny the way the OS would.
    def is_dir(self: Path) -> bool:
        if str(self).startswith(str(locked)):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    code, _, err = _run(capsys, "history", "--db", str(locked / "history.db"))
    assert code == 2 and "Permission denied" in err and err.count("\n") == 1


def test_an_empty_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="not a MockRound history database"):
        Store.open(foreign)
    assert foreign.read_bytes() == before
