"""Crash safety (SPEC §3): a writer SIGKILLed at random points never damages the journal, and
every set or check-in whose call returned is on disk.

Writers are forked children of the test (the journal code already imported), each killed
with SIGKILL after a random delay: while opening the journal, between statements, or in
the middle of a commit. After each kill a fresh connection runs ``PRAGMA integrity_check``
and looks for every id the child reported back *after* the API call returned.
"""

from __future__ import annotations

import random
import shutil
import time
from collections import Counter
from pathlib import Path

from journal.api import Journal
from journal.store.paths import HEAD
from tests.helpers import procs
from tests.conftest import NOW, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
KILLS = 60


def _writer(path: Path, session_id: int):
    def body(out) -> None:
        journal = Journal.open(path)
        out.write("open\n")
        n = 0
        while True:
            n += 1
            if n % 3:
                s = journal.log_set(
                    session_id, exercise_id="grip-squeeze", exercise_name="Grip squeeze",
                    set_number=1 + n % 99, now=NOW, reps=8 + n % 5, hold_s=2.5,
                    pain_during=n % 4, note="x" * (n * 37 % 900),
                )  # fmt: skip
                out.write(f"set {s.id}\n")
            else:  # a group of check-ins is one transaction: all of it or none of it
                group = f"{out.fileno()}-{n}-{time.monotonic_ns()}"
                recs = journal.record_checkins(
                    [{"region": "neck", "pain": 2, "note": group},
                     {"region": "right_hand", "tingling": 3, "note": group}],
                    context="ad_hoc", now=NOW, session_id=session_id,
                )  # fmt: skip
                out.write("checkins " + " ".join(str(r.id) for r in recs) + "\n")

    return body


def test_sigkill_while_logging_loses_nothing_that_returned(tmp_path):
    path = tmp_path / "journal.db"
    with Journal.open(path) as j:
        session_id = j.start_session("hand-wrist", "Hand & wrist strength", NOW).id
    rng = random.Random(20261124)
    returned_sets: set[int] = set()
    returned_checkins: set[int] = set()
    mid_run = 0
    started = time.monotonic()
    for _ in range(KILLS):
        child = procs.fork(_writer(path, session_id))
        if rng.random() < 0.2:  # while the journal is being opened
            time.sleep(rng.uniform(0.0, 0.01))
            lines = []
        else:  # while sets and check-ins are being logged: after the first has returned
            lines = [child.reader.readline().strip(), child.reader.readline().strip()]
            time.sleep(rng.uniform(0.0, 0.03))
        child.kill()
        lines += child.lines()
        assert not any(line.startswith("{") for line in lines), lines  # no error in the child
        mid_run += "open" in lines
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "set":
                returned_sets.add(int(rest))
            elif kind == "checkins":
                returned_checkins.update(int(x) for x in rest.split())

        assert procs.integrity(path) == ["ok"]
        assert returned_sets <= procs.ids(path, "sets")
        assert returned_checkins <= procs.ids(path, "checkins")
    elapsed = time.monotonic() - started

    with Journal.open(path) as j:  # and the journal opens normally afterwards
        groups = Counter(c.note for c in j.checkins())
        assert set(groups.values()) <= {2}, "a check-in group was half-written"
        assert j.counts()["sets"] >= len(returned_sets)
    assert mid_run >= KILLS // 2  # most kills landed while sets were being logged
    assert len(returned_sets) + len(returned_checkins) >= mid_run
    print(
        f"\n{KILLS} SIGKILLs ({mid_run} mid-logging) in {elapsed:.1f} s: "
        f"{len(returned_sets)} sets and {len(returned_checkins)} check-ins returned, 0 lost"
    )


def test_sigkill_while_creating_a_journal(tmp_path):
    """Killed while the file is made and migrated: the next start finishes the job."""
    rng = random.Random(7)
    import alembic.command  # noqa: F401 - imported before forking, as the app would have it

    for i in range(15):
        path = tmp_path / f"j{i}.db"
        child = procs.fork(lambda out, p=path: Journal.open(p).close() or out.write("done\n"))
        time.sleep((i + rng.random()) * 0.004)  # spread over the ~50 ms that creating takes
        child.kill()
        child.lines()
        if path.exists():
            assert procs.integrity(path) == ["ok"]
        with Journal.open(path) as j:  # the same call the next app start makes
            j.log_set(j.start_session("r", "R", NOW).id, exercise_id="x", exercise_name="X",
                      set_number=1, now=NOW, reps=5)  # fmt: skip
            assert j.counts()["sets"] == 1
        assert procs.integrity(path) == ["ok"]


def _version(path: Path) -> str:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_sigkill_during_an_upgrade_keeps_every_row(tmp_path):
    """Killed while backing up and migrating an old journal (~40 ms in all): old or new
    schema afterwards, never half of one, every row intact, and the next start finishes."""
    import alembic.command  # noqa: F401 - imported before forking, as the app would have it

    rng = random.Random(3)
    outcomes: Counter[str] = Counter()
    for run in range(10):
        path = tmp_path / f"run{run}" / "journal.db"
        path.parent.mkdir()
        shutil.copyfile(FIXTURES / "journal-0001.db", path)
        before = procs.table_rows(path)
        child = procs.fork(lambda out, p=path: Journal.open(p).close() or out.write("done\n"))
        time.sleep((run + rng.random()) * 0.005)  # spread over the whole upgrade
        child.kill()
        child.lines()
        assert procs.integrity(path) == ["ok"]
        version = _version(path)
        assert version in ("0001", HEAD)
        after = procs.table_rows(path, columns=procs.table_columns(FIXTURES / "journal-0001.db"))
        assert {t: after[t] for t in before} == before
        bak = path.with_name("journal.db.bak-0001")
        outcomes[f"{version}{'+backup' if bak.exists() else ''}"] += 1
        if bak.exists():  # a backup that exists is always a whole one
            assert procs.table_rows(bak) == before
        with Journal.open(path):
            pass
        assert _version(path) == HEAD
        after = procs.table_rows(path, columns=procs.table_columns(FIXTURES / "journal-0001.db"))
        assert {t: after[t] for t in before} == before
        assert procs.table_rows(bak) == before
    print(f"\nkilled mid-upgrade 10 times: {dict(outcomes)}")
