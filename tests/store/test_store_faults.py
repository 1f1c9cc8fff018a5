"""Faults: killed processes, files that are not ours, read-only places, concurrent writers."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from store_helpers import ANSWER, FakeClock, add_graded

from mockround.cli import main
from mockround.store import Store, StoreError
from mockround.store.store import utc_now

CHILD_ATTEMPT = """
import sys, time
from pathlib import Path
from mockround.store import Store
store = Store.open(Path(sys.argv[1]))
attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
store.submit(attempt_id, sys.argv[2])
print(attempt_id, flush=True)
time.sleep(60)  # the grader would run here; the test kills us first
"""

CHILD_DRAFTS = """
import sys
from pathlib import Path
from mockround.store import Store
store = Store.open(Path(sys.argv[1]))
attempt_id = store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
print(attempt_id, flush=True)
i = 0
while True:
    # Big drafts span many pages, so a kill mid-write would tear a non-atomic save.
    store.save_draft(attempt_id, f"draft {i} " + "x" * 20000 + f" end {i}")
    print(i, flush=True)
    i += 1
"""

CHILD_WRITER = """
import sys, time
from pathlib import Path
from mockround.grading.contract import Grade
from mockround.store import Store
path, go, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
store = Store.open(path)
while not go.exists():
    time.sleep(0.005)
grade = Grade(question_id="q", grader="offline", overall=50, band="developing",
              criteria=[], words=3, speaking_seconds=1.2)
for i in range(n):
    attempt_id = store.start_attempt("q", mode="untimed", time_limit=None)
    for j in range(3):
        store.save_draft(attempt_id, f"typing {j}")
    store.submit(attempt_id, "final answer here")
    store.add_grade(attempt_id, grade)
store.close()
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def test_an_attempt_survives_a_kill_before_grading(db_path: Path) -> None:
    Store.open(db_path).close()
    child = _spawn(CHILD_ATTEMPT, str(db_path), ANSWER)
    attempt_id = child.stdout.readline().strip()  # type: ignore[union-attr]
    assert attempt_id, child.stderr.read()  # type: ignore[union-attr]
    _kill(child)
    with Store.open(db_path) as store:
        detail = store.get_attempt(attempt_id)
    assert detail.attempt.text == ANSWER
    assert detail.attempt.submitted_at is not None
    assert detail.grades == []


def test_a_kill_while_saving_drafts_keeps_the_last_committed_draft(db_path: Path) -> None:
    Store.open(db_path).close()
    for stop_after in (3, 17, 41):
        child = _spawn(CHILD_DRAFTS, str(db_path))
        out = child.stdout
        assert out is not None
        attempt_id = out.readline().strip()
        last = -1
        while last < stop_after:
            line = out.readline()
            assert line, child.stderr.read()  # type: ignore[union-attr]
            last = int(line)
        _kill(child)
        with Store.open(db_path) as store:
            drafts = {d.attempt_id: d.text for d in store.unfinished_drafts()}
        # The child runs ahead of what we have read from its pipe, so any save from the last
        # acknowledged one on may be the survivor; what must hold is that it is whole (never a
        # torn mix of two saves) and not older than one the child reported as saved.
        survivor = re.fullmatch(r"draft (\d+) x{20000} end (\d+)", drafts[attempt_id])
        assert survivor is not None and survivor[1] == survivor[2]
        assert int(survivor[1]) >= last


def test_a_non_sqlite_file_is_refused_and_left_byte_for_byte(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"my shopping list\nmilk\n" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.message == (
        f"{db_path} is not a MockRound history database (not SQLite): move it away or pass --db"
    )
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.db"]


def test_a_corrupted_database_is_a_clear_error_and_stays_untouched(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        for _ in range(3):
            store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # the schema page, trashed
    db_path.write_bytes(bytes(data))
    code = main(["history", "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"mockround: error: {db_path} is damaged or not a MockRound history")
    assert err.count("\n") == 1
    assert db_path.read_bytes() == bytes(data)


def test_a_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match=r"cannot create the folder .* pick a writable location"):
        Store.open(blocker / "history.db")


@contextmanager
def _read_only_folder(folder: Path) -> Iterator[None]:
    """Make `folder` read-only even for root (chattr +i), or by mode bits for other users."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode
    ):
        pytest.skip("running as root without a working chattr +i: mode bits cannot stop root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_a_read_only_location_is_a_clear_error(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.start_attempt("imbalanced-data", mode="drill", time_limit=90)
    with _read_only_folder(db_path.parent), pytest.raises(StoreError, match="read-only"):
        Store.open(db_path)


def test_a_new_database_in_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with _read_only_folder(folder), pytest.raises(StoreError, match="read-only"):
        Store.open(folder / "history.db")


def test_two_processes_writing_at_once_both_succeed(db_path: Path, tmp_path: Path) -> None:
    Store.open(db_path).close()
    go = tmp_path / "go"
    writers = [_spawn(CHILD_WRITER, str(db_path), str(go), "40") for _ in range(2)]
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    conn = sqlite3.connect(db_path)
    counts = conn.execute(
        "SELECT count(*), count(submitted_at), count(latest_grade_id) FROM attempts"
    ).fetchone()
    conn.close()
    assert counts == (80, 80, 80)


def test_history_survives_reopening(db_path: Path) -> None:
    clock = FakeClock(utc_now())
    with Store.open(db_path, clock=clock) as store:
        attempt_id = add_graded(store, clock, 70)
    with Store.open(db_path) as store:
        assert [a.id for a in store.list_attempts()] == [attempt_id]
