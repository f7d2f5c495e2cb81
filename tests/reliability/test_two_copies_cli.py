"""Two copies at once, with the command line (SPEC §8): the app logs sets while
`rehab-tui export` and `rehab-tui import` run against the same journal.

Every export reads one consistent snapshot (each session's ``sets`` count matches sets.csv,
mid-routine or not); an import of new sessions goes in whole while the app writes; an import
of what is already there is refused in one line. Nobody sees "database is locked" and every
set the app logged is in the journal afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from journal.api import Journal
from journal.exchange.csv_export import export_all
from tests.helpers import procs
from tests.conftest import NOW, ROOT
from tests.helpers.csv_helpers import fill

OFFSET = 10_000  # the imported sessions' ids, moved clear of the journal's own
APP_SETS = 60  # one every 20 ms through the app's write worker, as the runner logs them


def read(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / name).read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def consistent(folder: Path) -> int:
    """sessions.csv and sets.csv agree: every set's session is listed, with the right count."""
    sessions = {r["session_id"]: int(r["sets"]) for r in read(folder, "sessions.csv")}
    counted = Counter(r["session_id"] for r in read(folder, "sets.csv"))
    assert set(counted) <= set(sessions)
    assert {s: counted.get(s, 0) for s in sessions} == sessions
    return sum(counted.values())


def renumber(folder: Path, offset: int) -> None:
    """Move every session id in an export by ``offset`` (as if from another journal)."""
    for name in ("sessions.csv", "sets.csv", "symptoms.csv"):
        text = (folder / name).read_bytes().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        col = rows[0].index("session_id")
        for row in rows[1:]:
            if row[col]:
                row[col] = str(int(row[col]) + offset)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        (folder / name).write_bytes(out.getvalue().encode("utf-8"))


@pytest.fixture
def other_export(tmp_path: Path) -> Path:
    """Sixty days of another journal's history (a year and more ago), ids moved to 10001+."""
    from catalogue import load_catalogue
    from journal.demo.generator import generate

    with Journal.open(tmp_path / "other.db") as j:
        generate(j, load_catalogue(), days=60, seed=5, today=NOW.date() - timedelta(days=400),
                 tz=NOW.tzinfo)  # fmt: skip
    folder = tmp_path / "other-export"
    export_all(tmp_path / "other.db", folder)
    renumber(folder, OFFSET)
    return folder


@pytest.mark.slow
def test_export_and_import_while_the_app_logs_sets(tmp_path, other_export):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        fill(j)
        j.acknowledge_safety(NOW)
    own = tmp_path / "own-export"
    export_all(db, own)
    imported_sets = consistent(other_export)
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.app_probe", str(db), str(APP_SETS)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        # Wait for the app's session: from here on it logs a set every 20 ms.
        procs_wait(lambda: procs.ids(db, "sessions") - {1, 2}, timeout=60)
        runs: list[tuple[str, procs.Run]] = []
        exported: list[int] = []
        n = 0
        while (app.poll() is None and n < 8) or n < 3:  # paced: the CPU is the app's too
            n += 1
            time.sleep(0.3)
            out = tmp_path / f"export-{n}"
            run = procs.cli("export", "-o", str(out), "--db", str(db))
            runs.append(("export", run))
            assert run.code == 0 and run.stderr == "", run
            exported.append(consistent(out))
            if n == 1:  # new sessions go in whole while the app is writing
                runs.append(("import", procs.cli("import", str(other_export), "--db", str(db))))
                assert runs[-1][1].code == 0, runs[-1][1]
            elif n == 2:  # the same again, or the journal's own rows: nothing added (issue 15)
                again = procs.cli("import", str(other_export), "--db", str(db))
                assert again.code == 0 and "Added 0 sessions" in again.stdout, again
                own_again = procs.cli("import", str(own), "--db", str(db))
                assert own_again.code == 0 and "Added 0 sessions" in own_again.stdout, own_again
                runs += [("import", again), ("import", own_again)]
        out_text, err_text = app.communicate(timeout=120)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, err_text
    result = json.loads(out_text.strip().splitlines()[-1])
    assert result["error"] is None
    assert [s for s in result["seen"] if s[0] != "information"] == []  # no error shown
    assert len(result["ids"]) == result["asked"] == APP_SETS
    for _what, run in runs:
        assert "locked" not in run.stderr + run.stdout and "Traceback" not in run.stderr
    assert set(result["ids"]) <= procs.ids(db, "sets")  # every set the app logged
    assert procs.integrity(db) == ["ok"]
    with Journal.open(db) as j:
        counts = j.counts()
    assert counts["sets"] == 9 + imported_sets + APP_SETS  # fill's 9, the import, the app's
    assert exported[0] < exported[-1]  # the exports saw the app's sets arrive
    final = tmp_path / "final"
    assert procs.cli("export", "-o", str(final), "--db", str(db)).code == 0
    assert consistent(final) == counts["sets"]
    print(
        f"\n{len(exported)} exports and {len(runs) - len(exported)} imports while the app "
        f"logged {APP_SETS} sets: every export consistent, {imported_sets} sets imported, "
        "0 'database is locked', 0 lost"
    )


def procs_wait(predicate, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_session_taken_while_an_import_is_checked_is_kept_and_the_import_numbered_after_it(
    tmp_path, other_export, monkeypatch
):
    """The files are checked without the write lock (the app goes on logging meanwhile); a
    session id taken in that moment by another copy is seen under the lock (issue 15): the
    imported sessions are numbered after it and nothing of either is lost."""
    from journal.exchange import csv_import

    db = tmp_path / "journal.db"
    real = csv_import.check

    def check_then_race(journal, files, now=None):
        plan = real(journal, files, now)
        with Journal.open(db) as other:  # another copy starts session 10003 just now
            other.start_session("gentle-mobility", "Gentle mobility", NOW)
            with other._writer.begin() as conn:
                conn.exec_driver_sql(f"UPDATE sessions SET id = {OFFSET + 3} WHERE id = 1")
        return plan

    monkeypatch.setattr(csv_import, "check", check_then_race)
    with Journal.open(db) as j:
        summary = csv_import.import_folder(j, other_export)
        assert j.session(OFFSET + 3).routine_id == "gentle-mobility"
        assert j.sets_for_session(OFFSET + 3) == []
        assert j.counts()["sessions"] == 1 + summary.sessions and summary.sessions > 0
        assert min(s.id for s in j.sessions() if s.id != OFFSET + 3) > OFFSET + 3
