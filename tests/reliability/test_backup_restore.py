"""Issue 15: automatic backups (7 daily + 4 weekly), `rehab-tui backup` and `restore` —
checked, 0600, all or nothing when killed, refused when unsound or while a routine runs."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal.api import Journal
from journal.store import backup
from journal.store.locks import RunLocks
from tests.cli.test_cli_bad_args import one_line, run_main
from tests.conftest import NOW
from tests.helpers import procs
from tests.helpers.csv_helpers import fill


def _sets(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, reps, note FROM sets ORDER BY id").fetchall()
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.db"
    path.parent.mkdir()
    with Journal.open(path) as journal:
        fill(journal)
    return path


# ---- which to keep ---------------------------------------------------------------------------
def test_seven_daily_and_four_weekly_are_kept():
    today = date(2026, 11, 24)  # a Tuesday
    days = [today - timedelta(days=i) for i in range(60)]
    keep = backup.to_keep(days)
    assert {today - timedelta(days=i) for i in range(7)} <= keep
    older = sorted(keep - {today - timedelta(days=i) for i in range(7)}, reverse=True)
    assert len(older) == 4
    weeks = [d.isocalendar()[:2] for d in older]
    assert len(set(weeks)) == 4  # one per week, the newest of each
    for day in older:  # the newest backup of its week that the daily ones leave
        same_week = [d for d in days if d.isocalendar()[:2] == day.isocalendar()[:2] and d not in keep]
        assert all(d < day for d in same_week)


def test_few_backups_are_all_kept():
    days = [date(2026, 1, 1), date(2026, 3, 1)]
    assert backup.to_keep(days) == set(days)


def test_daily_makes_one_a_day_and_prunes(db):
    folder = backup.folder_for(db)
    folder.mkdir(mode=0o700)
    today = NOW.date()
    for i in range(1, 60):  # sixty days of older automatic backups (their content is irrelevant)
        (folder / backup.daily_name(db, today - timedelta(days=i))).write_bytes(b"old")
    (folder / "journal-manual.db").write_bytes(b"mine")  # never pruned
    made = backup.daily(db, today)
    assert made == folder / backup.daily_name(db, today)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert _sets(made) == _sets(db)
    assert backup.daily(db, today) is None  # once a day
    autos = [p for p in folder.iterdir() if p.name != "journal-manual.db"]
    assert len(autos) == 7 + 4
    assert (folder / "journal-manual.db").exists()


# ---- backup ----------------------------------------------------------------------------------
def test_backup_command_writes_a_checked_private_copy(db, tmp_path):
    target = tmp_path / "copy.db"
    code, _out, err = run_main(["backup", "-o", str(target), "--db", str(db)])
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _sets(target) == _sets(db) and procs.integrity(target) == ["ok"]
    assert not target.with_name("copy.db-wal").exists()  # one self-contained file


def test_backup_includes_what_is_only_in_the_wal(db, tmp_path):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE sets SET note = 'only in the wal' WHERE id = 1")
    try:
        assert run_main(["backup", "-o", str(tmp_path / "c.db"), "--db", str(db)])[0] == 0
    finally:
        con.close()
    assert ("only in the wal",) in [(n,) for _i, _r, n in _sets(tmp_path / "c.db")]


def test_a_damaged_journal_is_not_backed_up(db, tmp_path):
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size - 4096)
        fh.write(os.urandom(4096))
    line = one_line(*run_main(["backup", "-o", str(tmp_path / "c.db"), "--db", str(db)])[::2])
    assert "damaged" in line
    assert not (tmp_path / "c.db").exists()
    assert not [p for p in tmp_path.iterdir() if ".part-" in p.name]


# ---- restore ---------------------------------------------------------------------------------
def _changed_copy(db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "backup.db"
    assert run_main(["backup", "-o", str(copy), "--db", str(db)])[0] == 0
    con = sqlite3.connect(copy)
    con.execute("UPDATE sets SET note = 'from the backup'")
    con.commit()
    con.close()
    return copy


def test_restore_keeps_the_journal_as_it_was_and_puts_the_backup_in_place(db, tmp_path):
    copy = _changed_copy(db, tmp_path)
    before = _sets(db)
    code, out, err = run_main(["restore", str(copy), "--db", str(db)])
    assert code == 0, err
    kept = [p for p in db.parent.iterdir() if p.name.startswith("journal.db.before-restore-")]
    assert len(kept) == 1 and _sets(kept[0]) == before
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert {n for _i, _r, n in _sets(db)} == {"from the backup"}
    assert procs.integrity(db) == ["ok"]
    assert run_main(["status", "--db", str(db)])[0] == 0


@pytest.mark.parametrize("spoil", ["random", "trigger", "damaged", "foreign"])
def test_restore_refuses_an_unsound_file_and_changes_nothing(db, tmp_path, spoil):
    bad = tmp_path / "bad.db"
    if spoil == "random":
        bad.write_bytes(os.urandom(8192))
    elif spoil == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE x(y)")
        con.commit()
        con.close()
    else:
        bad = _changed_copy(db, tmp_path)
        if spoil == "trigger":
            con = sqlite3.connect(bad)
            con.execute("CREATE TRIGGER t AFTER INSERT ON sets BEGIN DELETE FROM checkins; END")
            con.commit()
            con.close()
        else:
            size = bad.stat().st_size
            with open(bad, "r+b") as fh:
                fh.seek(size - 4096 * 2)
                fh.write(os.urandom(4096))
    before = digest(db)
    line = one_line(*run_main(["restore", str(bad), "--db", str(db)])[::2])
    assert str(bad) in line, line
    assert digest(db) == before
    assert not [p for p in db.parent.iterdir() if "before-restore" in p.name or ".part-" in p.name]


def test_restore_is_refused_while_a_routine_runs_in_another_window(db, tmp_path):
    copy = _changed_copy(db, tmp_path)
    with Journal.open(db) as journal:
        session = journal.start_session("gentle-mobility", "Gentle mobility", NOW)
    go_read, go_write = os.pipe()

    def runner(out) -> None:
        locks = RunLocks(db)
        assert locks.hold(session.id)
        out.write("holding\n")
        os.read(go_read, 1)

    child = procs.fork(runner)
    try:
        assert child.reader.readline().strip() == "holding"
        before = digest(db)
        line = one_line(*run_main(["restore", str(copy), "--db", str(db)])[::2])
        assert f"session {session.id} is running in another" in line, line
        assert digest(db) == before
    finally:
        os.write(go_write, b"x")
        child.wait()
    assert run_main(["restore", str(copy), "--db", str(db)])[0] == 0  # once it is gone


# ---- killed mid-way --------------------------------------------------------------------------
def test_backup_and_restore_killed_at_random_moments_are_all_or_nothing(db, tmp_path):
    # A bigger journal, so a kill lands inside the copy now and then.
    with Journal.open(db) as journal:
        s = journal.start_session("gentle-mobility", "Gentle mobility", NOW)
        for n in range(1, 400):
            journal.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation",
                            set_number=n % 99 + 1, now=NOW, reps=5, note="x" * 300)  # fmt: skip
    copy = _changed_copy(db, tmp_path)
    old, new = _sets(db), _sets(copy)
    rng = random.Random(15)
    kills = 0
    from collections import Counter

    landed: Counter = Counter()
    for i in range(24):
        restoring = i % 2 == 0
        target = tmp_path / f"b{i}.db"

        def body(out, restoring=restoring, target=target) -> None:
            out.write("go\n")
            if restoring:
                backup.restore(db, copy, NOW, lambda: None)
            else:
                backup.copy_checked(db, target)
            out.write("done\n")

        child = procs.fork(body)
        assert child.reader.readline().strip() == "go"
        time.sleep((i // 2) * 0.02 + rng.uniform(0, 0.02) if restoring else rng.uniform(0, 0.05))  # spread
        try:
            child.kill()
            kills += 1
        except ProcessLookupError:
            pass
        assert procs.integrity(db) == ["ok"]
        now = _sets(db)
        assert now in (old, new), i
        if target.exists():  # a backup that exists is whole
            assert _sets(target) in (old, new) and procs.integrity(target) == ["ok"]
        landed[("restore" if restoring else "backup", "new" if now == new else "old", target.exists())] += 1
        if restoring and now == new:  # back to the old content for the next round
            con = sqlite3.connect(db)
            con.executemany("UPDATE sets SET note = ? WHERE id = ?", [(n, i_) for i_, _r, n in old])
            con.commit()
            con.close()
    assert kills > 0
    print(f"\nbackup/restore killed {kills} times: {dict(landed)}")


# ---- the app's own backup, and an older backup --------------------------------------------------
def test_the_app_makes_todays_backup_when_it_closes(tmp_path):
    from tests.helpers.pty_app import PtyApp, wait_for

    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:  # nothing that asks a question at start
        journal.acknowledge_safety(NOW)
        journal.record_checkins([{"region": "neck", "pain": 2}], context="ad_hoc", now=NOW)
    app = PtyApp(db)
    try:
        wait_for("Today with the journal read", lambda: "Streak" in app.text(), timeout=30)
        app.press("q")
        app.proc.wait(timeout=30)
    finally:
        app.kill()
    made = list(backup.folder_for(db).glob("journal-*.db"))
    assert len(made) == 1 and stat.S_IMODE(made[0].stat().st_mode) == 0o600
    assert procs.integrity(made[0]) == ["ok"]
    assert procs.ids(made[0], "checkins") == procs.ids(db, "checkins") == {1}


def test_an_older_revisions_backup_is_upgraded_in_a_copy_and_restored(db, tmp_path):
    import shutil

    fixture = Path(__file__).parents[1] / "fixtures" / "journal-0002.db"
    old = tmp_path / "old.db"
    shutil.copyfile(fixture, old)
    before = digest(old)
    code, _out, err = run_main(["restore", str(old), "--db", str(db)])
    assert code == 0, err
    assert digest(old) == before  # the backup itself is never changed
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004"
        assert con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == sqlite3.connect(fixture).execute(
            "SELECT COUNT(*) FROM sessions").fetchone()[0]
    finally:
        con.close()
    assert run_main(["status", "--db", str(db)])[0] == 0


def test_restore_under_an_idle_app_in_another_window_is_seen_whole_there(db, tmp_path):
    """The journal open (and its -wal full) in another process: restore goes through SQLite,
    so that process reads the restored journal at once, and its -wal is never stale."""
    copy = _changed_copy(db, tmp_path)
    go_read, go_write = os.pipe()

    def other_window(out) -> None:
        j = Journal.open(db)
        s = j.start_session("gentle-mobility", "Gentle mobility", NOW)
        j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1,
                  now=NOW, reps=5, note="in the wal")  # fmt: skip
        j.finish_session(s.id, NOW)
        out.write("open\n")
        os.read(go_read, 1)  # the restore happens now
        notes = sorted({x.note for sess in j.sessions() for x in j.sets_for_session(sess.id)})
        out.write(f"{notes}\n")
        j.close()

    child = procs.fork(other_window)
    try:
        assert child.reader.readline().strip() == "open"
        assert db.with_name("journal.db-wal").stat().st_size > 0
        code, _out, err = run_main(["restore", str(copy), "--db", str(db)])
        assert code == 0, err
        os.write(go_write, b"x")
        assert child.reader.readline().strip() == "['from the backup']"
        assert child.wait() == 0
    finally:
        os.close(go_write)
    assert {n for _i, _r, n in _sets(db)} == {"from the backup"}
    assert procs.integrity(db) == ["ok"]
    kept = next(p for p in db.parent.iterdir() if "before-restore" in p.name)
    assert "in the wal" in {n for _i, _r, n in _sets(kept)}
