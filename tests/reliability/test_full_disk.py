"""A full disk (SPEC §8), simulated with SQLite's ``PRAGMA max_page_count``: the write that
does not fit fails with one line saying so, nothing of it is half-written, everything before
it is kept, and the app and the journal carry on once there is room again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event

from journal.api import Journal
from journal.errors import JournalUnavailable
from tests.helpers import procs
from tests.helpers.app_probe import ProbeApp, writes_done
from tests.conftest import NOW
from tests.helpers.setup_helpers import prepare_profile
from tui.screens.choice import ChoiceScreen


def cap(journal: Journal, extra_pages: int | None) -> None:
    """Let the journal grow by at most ``extra_pages`` pages (None lifts the cap).

    ``max_page_count`` belongs to a connection, so the pool is emptied and every new
    connection gets the cap after the usual pragmas."""
    engine = journal.engine
    for listener in getattr(engine, "_test_caps", []):
        event.remove(engine, "connect", listener)
    engine._test_caps = []  # type: ignore[attr-defined]
    engine.dispose()
    if extra_pages is None:
        return
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()

    def listener(dbapi_con, _record) -> None:
        dbapi_con.execute(f"PRAGMA max_page_count = {pages + extra_pages}")

    event.listen(engine, "connect", listener)
    engine._test_caps = [listener]  # type: ignore[attr-defined]


def log(journal: Journal, session_id: int, n: int):
    return journal.log_set(
        session_id, exercise_id="wrist-curl", exercise_name="Wrist curl", set_number=1 + n % 99,
        now=NOW, reps=10, note=f"set {n} " + "·" * 1900,
    )  # fmt: skip


def test_logging_on_a_full_disk_says_so_and_loses_nothing(db_path):
    j = Journal.open(db_path)
    session = j.start_session("hand-wrist", "Hand & wrist strength", NOW)
    cap(j, 6)
    returned = []
    with pytest.raises(JournalUnavailable) as err:
        for n in range(1000):
            returned.append(log(j, session.id, n).id)
    message = str(err.value)
    assert message == (
        f"the disk holding {db_path} is full; free some space — nothing was saved from this step"
    )
    assert 0 < len(returned) < 1000
    assert [s.id for s in j.sets_for_session(session.id)] == returned  # none half-written

    # A group of check-ins that does not fit is refused whole.
    with pytest.raises(JournalUnavailable, match="is full"):
        for n in range(1000):
            j.record_checkins(
                [{"region": r, "pain": 1, "note": f"group {n} " + "x" * 1900}
                 for r in ("neck", "left_hand", "right_hand")],
                context="ad_hoc", now=NOW,
            )  # fmt: skip
    stored = Counter(c.note.split(" x")[0] for c in j.checkins())
    assert set(stored.values()) <= {3}

    cap(j, None)  # room again: the journal carries on
    assert log(j, session.id, 9999).id > returned[-1]
    j.close()
    assert procs.integrity(db_path) == ["ok"]


def test_demo_on_a_full_disk_one_line_and_file_unchanged(tmp_path):
    db = tmp_path / "journal.db"
    Journal.open(db).close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    # The real CLI in its own process, with every connection capped at 40 pages (160 KiB).
    prelude = "import journal.store.engine as s\ns.PRAGMAS += ('PRAGMA max_page_count = 40',)"
    line = procs.cli("demo", "--days", "60", "--db", str(db), prelude=prelude).one_line_error()
    assert (
        line
        == f"rehab-tui: the disk holding {db} is full; free some space — nothing was saved from this step"
    )
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]
    with Journal.open(db) as j:
        assert not j.has_data()


async def test_the_app_reports_a_full_disk_and_keeps_running(db_path: Path):
    prepare_profile(db_path)  # notice read, setup done
    with Journal.open(db_path) as j:  # started before the app, so its offer to resume comes first
        session = j.start_session("hand-wrist", "Hand & wrist strength", NOW)
    app = ProbeApp(db_path=db_path, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, ChoiceScreen):
                break
        await pilot.press("escape")  # "not now": the session stays in progress
        journal = app.journal
        cap(journal, 3)
        for n in range(200):
            app.write(lambda j, n=n: log(j, session.id, n), what="set")
            await writes_done(app, pilot)
            if any(s[0] == "error" for s in app.seen):
                break
        errors = [s for s in app.seen if s[0] == "error"]
        assert errors == [["error", "Not saved", f"the disk holding {db_path} is full; "
                           "free some space — nothing was saved from this step"]]  # fmt: skip
        kept = journal.sets_for_session(session.id)
        assert len(kept) == n  # every set before the failing one, and not the failing one

        await pilot.press("c")  # still running, still answering keys
        for _ in range(100):  # a loaded CI machine may take a moment to switch
            if app.current_mode == "catalogue":
                break
            await pilot.pause(0.05)
        assert app.current_mode == "catalogue"

        cap(journal, None)
        app.write(lambda j: log(j, session.id, 500), what="set")
        await writes_done(app, pilot)
        assert len(journal.sets_for_session(session.id)) == n + 1
    assert procs.integrity(db_path) == ["ok"]


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 512 KiB file system (tmpfs), when this machine lets the tests mount one."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root; max_page_count above covers the full disk")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)  # fmt: skip
    if made.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip()}); max_page_count covers it")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def test_a_really_full_disk_at_start_is_called_full_not_damaged(tiny_disk):
    db = tiny_disk / "journal.db"
    Journal.open(db).close()
    procs.checkpoint(db)  # no -wal left with room in it: the app must find the disk full
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    filler = fill(tiny_disk)
    full = f"the disk holding {db} is full; free some space"
    assert full in procs.app_in_terminal("--db", str(db)).one_line_error()
    assert full in procs.cli("status", "--db", str(db)).one_line_error()
    assert full in procs.cli("demo", "--days", "3", "--db", str(db)).one_line_error()
    new = tiny_disk / "new.db"
    assert f"the disk holding {new} is full" in procs.cli("demo", "--db", str(new)).one_line_error()
    assert not new.exists()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    filler.unlink()  # room again: everything works
    assert procs.cli("demo", "--days", "3", "--db", str(db)).code == 0
    assert procs.integrity(db) == ["ok"]


def test_only_sqlite_s_own_verdict_calls_a_journal_damaged(tmp_path):
    import sqlite3

    from journal.errors import JournalUnavailable, NotAJournal
    from journal.store.faults import as_journal_error

    path = tmp_path / "journal.db"
    for err in (
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("unable to open database file"),
        sqlite3.ProgrammingError("closed"),
    ):
        assert isinstance(as_journal_error(err, path), JournalUnavailable), err
    for err in (
        sqlite3.DatabaseError("database disk image is malformed"),
        sqlite3.DatabaseError("file is not a database"),
    ):
        assert isinstance(as_journal_error(err, path), NotAJournal), err
