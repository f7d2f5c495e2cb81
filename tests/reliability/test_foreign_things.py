"""Issue 15: what a clumsy user or an attacker leaves around a journal — a -wal from another
journal, someone else's triggers, a dangling symlink, damage that keeps size and mtime, a
race with `demo` — is refused with one line naming it, and nothing stored changes."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from journal.api import Journal
from journal.errors import JournalError, NotAJournal
from tests.cli.test_cli_bad_args import one_line, run_main
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        fill(journal)
    return path


def _foreign_wal(tmp_path: Path) -> bytes:
    """The -wal of another, bigger journal, as a crash leaves it."""
    other = tmp_path / "other" / "journal.db"
    other.parent.mkdir()
    with Journal.open(other) as journal:
        fill(journal)
    con = sqlite3.connect(other, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE IF NOT EXISTS filler(x)")  # pages our journal does not have
    for _ in range(300):
        con.execute("INSERT INTO filler VALUES (randomblob(900))")
    data = (other.parent / "journal.db-wal").read_bytes()
    con.execute("DROP TABLE filler")
    con.close()
    return data


# ---- 1. a foreign or stale -wal ----------------------------------------------------------------
@pytest.mark.parametrize("command", [["status"], ["export", "sets", "-o", "-"], ["suggest"]])
def test_a_foreign_wal_is_never_merged(db, tmp_path, command):
    wal = db.with_name("journal.db-wal")
    wal.write_bytes(_foreign_wal(tmp_path))
    before, wal_before = digest(db), digest(wal)
    code, _out, err = run_main([*command, "--db", str(db)])
    line = one_line(code, err)
    assert str(wal) in line and "move" in line and "aside" in line, line
    assert digest(db) == before and wal.exists() and digest(wal) == wal_before
    wal.unlink()
    assert run_main(["status", "--db", str(db)])[0] == 0  # sound without it, as promised


def test_a_foreign_wal_keeps_the_app_from_opening(db, tmp_path):
    from journal.store import paths

    wal = db.with_name("journal.db-wal")
    wal.write_bytes(_foreign_wal(tmp_path))
    before = digest(db)
    with pytest.raises(NotAJournal, match="move"):
        paths.precheck(db, create_dir=False)
    with pytest.raises(JournalError):
        Journal.open(db, create=False)
    assert digest(db) == before and wal.exists()


def test_the_journals_own_wal_after_a_crash_is_kept(tmp_path):
    """The -wal a killed writer leaves holds committed sets: it must still be folded in."""
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        fill(journal)
    sets = _count(db, "sets")
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("DELETE FROM sets WHERE id = (SELECT MAX(id) FROM sets)")
    shutil.copy(db.with_name("journal.db-wal"), tmp_path / "keep-wal")
    shutil.copy(db, tmp_path / "keep-db")
    con.close()
    shutil.copy(tmp_path / "keep-db", db)
    shutil.copy(tmp_path / "keep-wal", db.with_name("journal.db-wal"))
    code, _out, err = run_main(["status", "--db", str(db)])
    assert code == 0, err
    assert _count(db, "sets") == sets - 1


# ---- 3. only our schema runs -------------------------------------------------------------------
@pytest.mark.parametrize(
    "sql, named",
    [
        ("CREATE TRIGGER wipe AFTER INSERT ON sets BEGIN DELETE FROM checkins; END", "trigger wipe"),
        ("CREATE VIEW recent AS SELECT * FROM sets", "view recent"),
        ("CREATE TABLE stash(x)", "table stash"),
    ],
)
def test_a_journal_with_objects_of_someone_elses_is_refused(db, sql, named):
    con = sqlite3.connect(db)
    con.execute(sql)
    con.commit()
    con.close()
    checkins = _count(db, "checkins")
    before = digest(db)
    with pytest.raises(NotAJournal) as err:
        Journal.open(db, create=False)
    assert named in str(err.value)
    for command in (["status"], ["export", "sets", "-o", "-"], ["report"]):
        line = one_line(*run_main([*command, "--db", str(db)])[::2])
        assert named in line, (command, line)
    assert digest(db) == before and _count(db, "checkins") == checkins


def test_every_revisions_own_tables_are_accepted():
    from journal.store import sound

    for rev in ("0001", "0002", "0003", "0004"):
        fixture = Path(__file__).parents[1] / "fixtures" / f"journal-{rev}.db"
        con = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
        try:
            assert sound.foreign_objects(con, rev) == [], rev
        finally:
            con.close()


# ---- 6. a dangling symlink as --db --------------------------------------------------------------
def test_a_dangling_symlink_db_is_refused_naming_its_target(tmp_path):
    target = tmp_path / "elsewhere" / "journal.db"
    target.parent.mkdir()
    link = tmp_path / "journal.db"
    link.symlink_to(target)
    for command in (["status"], ["demo", "--days", "2"], ["report"], ["export", "-o", str(tmp_path / "x")]):
        line = one_line(*run_main([*command, "--db", str(link)])[::2])
        assert str(target) in line and "symbolic link" in line, (command, line)
    assert not target.exists()


# ---- 7. damage that keeps size and mtime ---------------------------------------------------------
def test_damage_that_keeps_size_and_mtime_is_still_caught(db):
    assert run_main(["status", "--db", str(db)])[0] == 0  # checked, remembered as sound
    st = db.stat()
    size = st.st_size
    with open(db, "r+b") as fh:  # a page in the middle, overwritten in place
        fh.seek(size - 4096 * 2)
        fh.write(os.urandom(4096))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert db.stat().st_size == size and db.stat().st_mtime_ns == st.st_mtime_ns
    code, out, err = run_main(["export", "sets", "-o", "-", "--db", str(db)])
    assert "damaged" in one_line(code, err)
    assert out == b""  # checked before the first row


# ---- 10. clear messages --------------------------------------------------------------------------
def test_an_empty_db_argument_is_refused_not_the_default(tmp_path):
    line = one_line(*run_main(["status", "--db", ""])[::2])
    assert "empty" in line and "--db" in line


def test_a_fifo_or_device_is_not_called_empty(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/null")):
        line = one_line(*run_main(["status", "--db", str(path)])[::2])
        assert "not a regular file" in line and "empty" not in line, line


def test_a_read_only_folder_is_blamed_not_the_file(db, monkeypatch):
    """SQLite says "readonly" when it cannot make the -wal/-shm in a read-only folder; the
    message used to say "chmod 600" about a file that already was 0600."""
    from journal.store import faults

    folder = db.parent
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    line = faults.describe_error(sqlite3.OperationalError("attempt to write a readonly database"), db)
    assert str(folder) in line and "chmod 700" in line and "chmod 600" not in line, line


def test_a_count_too_large_is_called_too_large():
    from catalogue.schedule import rrule_problem

    problem = rrule_problem("FREQ=DAILY;COUNT=99999")
    assert problem and "outside" in problem and "whole number" not in problem, problem


# ---- 2. demo checks inside its write transaction ------------------------------------------------
def test_demo_sees_a_session_that_landed_while_it_waited(tmp_path):
    from catalogue import load_catalogue
    from journal.demo.generator import JournalNotEmpty, generate

    db = tmp_path / "journal.db"
    journal = Journal.open(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a first session being logged in another window
    other.execute(
        "INSERT INTO sessions (routine_id, routine_name, started_at, local_day, status, note) "
        "VALUES ('r', 'R', ?, ?, 'in_progress', '')",
        (NOW.isoformat(), NOW.date().isoformat()),
    )
    outcome: list[object] = []

    def demo() -> None:
        try:
            outcome.append(generate(journal, load_catalogue(), days=5, today=NOW.date(), tz=NOW.tzinfo))
        except JournalNotEmpty as err:
            outcome.append(err)

    worker = threading.Thread(target=demo)
    worker.start()
    time.sleep(0.5)  # demo has looked (empty) and waits for the lock
    other.execute("COMMIT")
    other.close()
    worker.join(30)
    journal.close()
    assert len(outcome) == 1 and isinstance(outcome[0], JournalNotEmpty), outcome
    assert _count(db, "sessions") == 1


def test_a_wal_checked_at_open_is_not_read_twice(db, monkeypatch):
    """Another window holds the journal with a full -wal: the read-only -wal check reads every
    page, so opening right after does not read them all again — once per open, not twice."""
    from journal.store import engine, sound

    other = sqlite3.connect(db, isolation_level=None)  # another window, idle, -wal not empty
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("UPDATE sets SET note = 'other window' WHERE id = 1")
    try:
        reads = []
        real_pages, real_look = engine.check_pages, sound._look
        monkeypatch.setattr(engine, "check_pages", lambda e, p: reads.append("open") or real_pages(e, p))
        monkeypatch.setattr(sound, "_look", lambda uri: reads.append("wal") or real_look(uri))
        for note in ("and again", "once more"):
            reads.clear()
            with Journal.open(db, create=False) as journal:
                assert journal.counts()["sets"] > 0
            assert reads == ["wal"], reads
            other.execute("UPDATE sets SET note = ? WHERE id = 1", (note,))
    finally:
        other.close()
