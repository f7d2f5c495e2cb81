"""Issue 15: bring a second computer's journal into one that has data — `import DIR` or
`import OTHER.db` adds what is new, skips what is here, in one transaction; twice adds nothing."""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest

from journal.api import Journal
from journal.exchange.csv_export import export_all
from journal.exchange.csv_import import import_folder
from tests.cli.test_cli_bad_args import one_line, run_main
from tests.conftest import NOW
from tests.helpers import procs


def _computer(path: Path, start, sessions: int, *, shared: int = 0) -> None:  # noqa: ANN001
    """A journal with ``shared`` sessions both computers have (same routine and start) and
    ``sessions`` of its own, each with two sets and a before check-in, plus a free check-in,
    a dose change and a red flag of its own."""
    from catalogue.models import Dose

    with Journal.open(path) as j:
        for k in range(shared + sessions):
            when = (NOW - timedelta(days=40 - k)) if k < shared else start + timedelta(days=k)
            s = j.start_session("gentle-mobility", "Gentle mobility", when)
            j.record_checkins([{"region": "neck", "pain": k % 10}], context="before", now=when, session_id=s.id)
            for n in (1, 2):
                j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation",
                          set_number=n, now=when + timedelta(minutes=n), reps=5 + k % 3)  # fmt: skip
            j.finish_session(s.id, when + timedelta(minutes=10))
        j.record_checkins([{"region": "right_hand", "pain": 2}], context="ad_hoc", now=start)
        j.record_checkins([{"region": "neck", "pain": 1}], context="ad_hoc", now=NOW - timedelta(days=50))  # both
        j.change_dose("neck-rotation", Dose(sets=1, reps=6, reps_lo=5, reps_hi=10), start, "mine")
        j.report_red_flag("spreading-numbness", "urgent", start)


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _computer(a, NOW - timedelta(days=30), 5, shared=3)
    _computer(b, NOW - timedelta(days=20), 4, shared=3)
    return a, b


def _sessions(path: Path) -> set[tuple]:
    return set(_rows(path, "SELECT routine_id, started_at, status FROM sessions"))


def _sets_by_session(path: Path) -> set[tuple]:
    return set(_rows(path, "SELECT s.started_at, t.set_number, t.reps, t.logged_at FROM sets t "
                           "JOIN sessions s ON s.id = t.session_id"))  # fmt: skip


@pytest.mark.parametrize("how", ["folder", "journal file"])
def test_a_second_computers_journal_is_merged_and_twice_adds_nothing(two, tmp_path, how):
    a, b = two
    want_sessions = _sessions(a) | _sessions(b)
    want_sets = _sets_by_session(a) | _sets_by_session(b)
    checkins_a = set(_rows(a, "SELECT recorded_at, context, region FROM checkins"))
    checkins_b = set(_rows(b, "SELECT recorded_at, context, region FROM checkins"))
    source = str(b)
    if how == "folder":
        export_all(b, tmp_path / "b-export")
        source = str(tmp_path / "b-export")
    code, out, err = run_main(["import", source, "--db", str(a)])
    assert code == 0, err
    assert b"Added 4 sessions, skipped 3 already here" in out, out
    assert _sessions(a) == want_sessions and len(_rows(a, "SELECT id FROM sessions")) == 5 + 3 + 4
    assert _sets_by_session(a) == want_sets
    checkins = _rows(a, "SELECT recorded_at, context, region FROM checkins")
    assert set(checkins) == checkins_a | checkins_b and len(checkins) == len(set(checkins))
    # every set and check-in of a merged session points at the merged session
    assert _rows(a, "SELECT COUNT(*) FROM sets t JOIN sessions s ON s.id = t.session_id "
                    "WHERE substr(t.logged_at, 1, 10) < substr(s.started_at, 1, 10)") == [(0,)]  # fmt: skip
    assert len(_rows(a, "SELECT id FROM doses")) == 2 and len(_rows(a, "SELECT id FROM red_flags")) == 2
    before = {t: _rows(a, f"SELECT * FROM {t} ORDER BY id") for t in ("sessions", "sets", "checkins", "doses", "red_flags")}
    code, out, err = run_main(["import", source, "--db", str(a)])
    assert code == 0 and b"Added 0 sessions, skipped 7 already here" in out, (out, err)
    assert {t: _rows(a, f"SELECT * FROM {t} ORDER BY id") for t in before} == before
    assert procs.integrity(a) == ["ok"]


def test_a_journal_cannot_be_imported_into_itself(two):
    a, _b = two
    line = one_line(*run_main(["import", str(a), "--db", str(a)])[::2])
    assert "this journal itself" in line


def test_a_foreign_file_as_other_journal_is_refused(two, tmp_path):
    a, _b = two
    junk = tmp_path / "junk.db"
    junk.write_text("not a journal")
    before = _rows(a, "SELECT COUNT(*) FROM sessions")
    line = one_line(*run_main(["import", str(junk), "--db", str(a)])[::2])
    assert str(junk) in line
    assert _rows(a, "SELECT COUNT(*) FROM sessions") == before


def test_a_merge_killed_at_random_moments_is_all_or_nothing(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _computer(a, NOW - timedelta(days=300), 5, shared=3)
    _computer(b, NOW - timedelta(days=200), 120, shared=3)
    folder = tmp_path / "b-export"
    export_all(b, folder)
    base = tmp_path / "base.db"
    import shutil

    shutil.copyfile(a, base)
    n_before = len(_rows(a, "SELECT id FROM sets"))
    n_after = n_before + 120 * 2
    rng = random.Random(15)
    outcomes = {"none": 0, "all": 0}
    for i in range(16):
        shutil.copyfile(base, a)
        for suffix in ("-wal", "-shm"):
            a.with_name(a.name + suffix).unlink(missing_ok=True)

        def body(out) -> None:
            with Journal.open(a) as j:
                out.write("go\n")
                import_folder(j, folder)
            out.write("done\n")

        child = procs.fork(body)
        assert child.reader.readline().strip() == "go"
        time.sleep(rng.uniform(0, 0.4))
        try:
            child.kill()
        except ProcessLookupError:
            pass
        assert procs.integrity(a) == ["ok"]
        n = len(_rows(a, "SELECT id FROM sets"))
        assert n in (n_before, n_after), (i, n)
        outcomes["none" if n == n_before else "all"] += 1
    assert outcomes["none"] > 0
    print(f"\nmerge killed 16 times: {outcomes}")
