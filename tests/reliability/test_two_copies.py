"""Two copies at once (SPEC §8): writers in two processes share one journal without a
"database is locked" reaching anyone, and every write lands.

SQLite in WAL mode lets readers and one writer work together; writers take the lock up front
(``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` for each other. Opening is safe too:
two copies creating or upgrading the same journal at the same instant both succeed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.api import Journal
from journal.store.paths import HEAD
from tests.helpers import procs
from tests.conftest import NOW, ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def _busy_writer(path: Path, tag: str, seconds: float, go_fd: int, stop: Path | None):
    """Open the journal when the parent says go, then log sets and check-ins and read back
    for ``seconds`` (or until ``stop`` exists); report every id that came back and every error."""

    def body(out) -> None:
        os.read(go_fd, 1)
        journal = Journal.open(path)
        session = journal.start_session(f"routine-{tag}", f"Routine {tag}", NOW)
        sets, checkins, errors = [], [], []
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end and not (stop and stop.exists()):
            n += 1
            try:
                sets.append(journal.log_set(
                    session.id, exercise_id="wrist-curl", exercise_name=tag,
                    set_number=1 + n % 99, now=NOW, reps=n % 12,
                ).id)  # fmt: skip
                if n % 2:
                    recs = journal.record_checkins(
                        [{"region": "neck", "pain": n % 11}, {"region": "left_hand", "tingling": 1}],
                        context="ad_hoc", now=NOW, session_id=session.id,
                    )  # fmt: skip
                    checkins += [r.id for r in recs]
                journal.sets_for_session(session.id)  # readers run alongside the writers
                journal.latest_checkins()
            except Exception as err:  # noqa: BLE001 - every failure is counted, none hidden
                errors.append(f"{type(err).__name__}: {err}")
        journal.finish_session(session.id, NOW)
        journal.close()
        out.write(json.dumps({"sets": sets, "checkins": checkins, "errors": errors}) + "\n")

    return body


def _start(path: Path, n: int, seconds: float, stop: Path | None = None) -> list[procs.Child]:
    go_read, go_write = os.pipe()
    children = [
        procs.fork(_busy_writer(path, chr(65 + i), seconds, go_read, stop)) for i in range(n)
    ]
    os.close(go_read)
    os.write(go_write, b"x" * n)  # all start at the same instant
    os.close(go_write)
    return children


def _collect(children: list[procs.Child], timeout: float) -> list[dict]:
    codes = [child.wait(timeout=timeout) for child in children]
    reports = [child.messages()[0] for child in children]
    for report in reports:
        assert "fatal" not in report, report
    assert codes == [0] * len(children)
    return reports


def _run_together(path: Path, n: int, seconds: float) -> list[dict]:
    return _collect(_start(path, n, seconds), timeout=seconds + 60)


@pytest.mark.slow
def test_two_writers_for_three_seconds_lose_nothing(tmp_path):
    path = tmp_path / "journal.db"
    Journal.open(path).close()
    reports = _run_together(path, 2, 3.0)
    assert [r["errors"] for r in reports] == [[], []]  # no "database is locked", nothing else
    sets = [i for r in reports for i in r["sets"]]
    checkins = [i for r in reports for i in r["checkins"]]
    assert len(set(sets)) == len(sets) and len(set(checkins)) == len(checkins)
    assert procs.ids(path, "sets") == set(sets)
    assert procs.ids(path, "checkins") == set(checkins)
    assert procs.integrity(path) == ["ok"]
    assert all(len(r["sets"]) > 50 for r in reports), "a writer was starved"
    print(f"\n2 writers × 3 s: {len(sets)} sets + {len(checkins)} check-ins, 0 failed, 0 lost")


def test_two_copies_creating_a_new_journal_at_the_same_instant(tmp_path):
    for run in range(4):
        path = tmp_path / f"new{run}.db"
        reports = _run_together(path, 2, 0.2)
        assert [r["errors"] for r in reports] == [[], []]
        assert procs.integrity(path) == ["ok"]
        with Journal.open(path) as j:
            assert j.counts()["sessions"] == 2
        assert sorted(os.listdir(tmp_path)).count(f"new{run}.db") == 1
    leftovers = [name for name in os.listdir(tmp_path) if ".new-" in name]
    assert leftovers == []


def test_two_copies_upgrading_an_old_journal_at_the_same_instant(tmp_path):
    """One backs up and migrates; the other waits for the lock and finds the work done —
    the backup is of the old journal, never of a half- or fully-upgraded one."""
    for run in range(3):
        path = tmp_path / f"run{run}" / "journal.db"
        path.parent.mkdir()
        shutil.copyfile(FIXTURES / "journal-0001.db", path)
        before = procs.table_rows(path)
        reports = _run_together(path, 2, 0.2)
        assert [r["errors"] for r in reports] == [[], []]
        bak = path.with_name("journal.db.bak-0001")
        assert procs.table_rows(bak) == before
        con = sqlite3.connect(bak)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        con.close()
        con = sqlite3.connect(path)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        con.close()
        after = procs.table_rows(path)
        assert after["sets"][: len(before["sets"])] == before["sets"]
        assert len(after["sessions"]) == len(before["sessions"]) + 2


@pytest.mark.slow
def test_a_second_app_on_a_journal_in_use_works_safely(tmp_path):
    """Two copies of the app (each logging a set every 20 ms through its write worker) and
    an API writer, on one journal at once: no copy shows an error, every set is there."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as j:
        j.acknowledge_safety(NOW)
    stop = tmp_path / "stop"
    api = _start(path, 1, 300.0, stop)  # writes until both copies of the app are done
    apps = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.app_probe", str(path), "60"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    results = []
    for proc in apps:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    stop.touch()
    api = _collect(api, timeout=60)[0]
    for result in results:
        assert result["error"] is None
        assert [s for s in result["seen"] if s[0] != "information"] == []  # nothing went wrong
        assert len(result["ids"]) == result["asked"] == 60
    assert api["errors"] == []
    every = {i for r in results for i in r["ids"]} | set(api["sets"])
    assert procs.ids(path, "sets") == every
    assert procs.integrity(path) == ["ok"]
    print(f"\n2 apps + 1 API writer: {len(every)} sets, 0 failed, 0 lost")


def test_two_copies_changing_settings_do_not_undo_each_other(tmp_path):
    """Each copy changes one thing; neither writes back the stale rest of what it once read."""
    path = tmp_path / "journal.db"
    a, b = Journal.open(path), Journal.open(path)
    a.profile(), b.profile()  # both have read the profile...
    a.update_profile(NOW, units="lb")
    b.update_profile(NOW, bell=True)  # ...and b's change keeps a's
    a.set_exercise_enabled(NOW, "median-nerve-slider", True)
    b.set_exercise_enabled(NOW, "ulnar-nerve-slider", True)  # b never saw median enabled
    profile = Journal.open(path).profile()
    assert (profile.units, profile.bell) == ("lb", True)
    assert profile.enabled_exercises == {"median-nerve-slider", "ulnar-nerve-slider"}
    a.set_exercise_enabled(NOW, "median-nerve-slider", False)
    assert b.profile().enabled_exercises == {"ulnar-nerve-slider"}
    a.close(), b.close()
