"""The benchmarks B1–B9 (issues 7, 15 and 16). Each returns a Result: a ratio of two medians measured in the
same run, the two sides interleaved, so a busy machine slows both alike.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks import journals as J
from tests.benchmarks import terminal as T
from tests.benchmarks.common import ROOT, Bench

BARE_APP = Path(__file__).with_name("bare_app.py")
BARE_MARKER = "Bare Textual app"  # what bare_app.py shows


@dataclass
class Result:
    key: str
    what: str
    app: float
    base: float
    unit: str
    target: float
    base_label: str
    runs: int

    @property
    def ratio(self) -> float:
        return self.app / self.base

    @property
    def ok(self) -> bool:
        return self.ratio <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


# ---- what the screens show ---------------------------------------------------------------------
def due_today(bench: Bench) -> list[str]:
    from catalogue import is_due, load_catalogue

    return [r.name for r in load_catalogue().routines.values() if is_due(r, bench.today)]


def newest_day(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT local_day FROM sessions ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()


#: Today has read the journal: the minutes per routine and the streak line are filled in.
TODAY_READY = (" min", "Streak")


def _open_app(bench: Bench, db: Path) -> T.Pane:
    pane = T.launch(bench.app_argv("--db", str(db)), bench.env(), ROOT)
    pane.wait_for(*TODAY_READY)
    pane.settle(0.3)
    return pane


# ---- B1 ------------------------------------------------------------------------------------------
def b1_first_paint(bench: Bench) -> Result:
    """Launch to Today visible (its title and every routine due today) vs a bare Textual app."""
    db = bench.journal(J.TEN_YEARS)
    wanted = ("Today  ·", *due_today(bench))
    app, bare = [], []
    for _ in range(bench.runs):
        pane = T.launch([bench.python, str(BARE_APP)], bench.env(), ROOT)
        bare.append(pane.wait_for(BARE_MARKER))
        pane.close()
        pane = T.launch(bench.app_argv("--db", str(db)), bench.env(), ROOT)
        app.append(pane.wait_for(*wanted))
        pane.close()
    return Result("B1", "first paint: launch → Today visible (10-year journal)", median(app),
                  median(bare), "s", 1.2, "bare Textual app", bench.runs)  # fmt: skip


# ---- B2, B3 --------------------------------------------------------------------------------------
def _screen_time(bench: Bench, key: str, markers_for) -> Result:  # noqa: ANN001
    big, small = bench.journal(J.TEN_YEARS), bench.journal(J.THIRTY_DAYS)
    times: dict[Path, list[float]] = {big: [], small: []}
    for _ in range(bench.runs):
        for db in (big, small):
            pane = _open_app(bench, db)
            sent = pane.press(key)
            times[db].append(pane.wait_for(*markers_for(db), since=sent))
            pane.close()
    return times[big], times[small]


def b2_journal(bench: Bench) -> Result:
    big, small = _screen_time(bench, "j", lambda db: ("Journal", newest_day(db)))
    return Result("B2", "Journal: key → table painted, 10 years vs 30 days", median(big),
                  median(small), "s", 1.3, "30-day journal", bench.runs)  # fmt: skip


def b3_history(bench: Bench) -> Result:
    markers = ("Day streak", "Progress since", "Morning pain")
    big, small = _screen_time(bench, "h", lambda db: markers)
    return Result("B3", "History with charts: key → painted, 10 years vs 30 days", median(big),
                  median(small), "s", 1.5, "30-day journal", bench.runs)  # fmt: skip


# ---- B4 ------------------------------------------------------------------------------------------
SQLITE_SETS = """SELECT s.local_day, t.session_id, s.routine_name, t.exercise_id, t.exercise_name,
 t.side, t.set_number, t.target_reps, t.reps, t.target_hold_s, t.hold_s, t.load, t.level,
 t.load_unit, t.effort, t.pain_during, t.stop_reason, t.note, t.logged_at
FROM sets AS t JOIN sessions AS s ON s.id = t.session_id ORDER BY t.session_id, t.id"""


def _timed(argv: list[str], env: dict[str, str], stdout=subprocess.DEVNULL) -> float:  # noqa: ANN001
    """Wall seconds of one child process (which must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode().strip()}")
    return elapsed


def _export(bench: Bench, db: Path, out: Path) -> tuple[float, float]:
    """``rehab-tui export sets``: (wall seconds, peak RSS in MiB, measured inside the process)."""
    return _rss_run(bench, "export", "sets", "--db", str(db), "-o", str(out))


def _rss_run(bench: Bench, *args: str) -> tuple[float, float]:
    """``rehab-tui ARGS``: (wall seconds, peak RSS in MiB, measured inside the process)."""
    peak = bench.cache / "work" / "peak-rss"
    elapsed = _timed([bench.python, "-m", "tests.benchmarks.rss_cli", str(peak), *args], bench.env())
    return elapsed, int(peak.read_text()) / 1024


def b4_export(bench: Bench) -> tuple[Result, Result]:
    big, small = bench.journal(J.MILLION), bench.journal(J.TEN_THOUSAND)
    out = bench.cache / "work" / "sets.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    ours, theirs, rss_big, rss_small = [], [], [], []
    for _ in range(bench.runs):
        # As after a day's logging: the journal changed since rehab-tui last checked its pages,
        # so the export runs SQLite's quick_check (beside the export: it is written aside).
        os.utime(big)
        t, rss = _export(bench, big, out)
        ours.append(t)
        rss_big.append(rss)
        with open(out, "wb") as fh:
            theirs.append(_timed(["sqlite3", "-csv", "-header", str(big), SQLITE_SETS], bench.env(), fh))
        rss_small.append(_export(bench, small, out)[1])
    out.unlink(missing_ok=True)
    n = _count(big, "sets")
    time_result = Result("B4", f"export sets, {n:,} sets: time", median(ours), median(theirs),
                         "s", 2.0, "sqlite3 -csv, same query", bench.runs)  # fmt: skip
    rss_result = Result("B4", f"export sets: peak RSS, {n:,} vs {_count(small, 'sets'):,} sets",
                        median(rss_big), median(rss_small), "MiB", 1.2,
                        "export of the small journal", bench.runs)  # fmt: skip
    return time_result, rss_result


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


# ---- B5 ------------------------------------------------------------------------------------------
def b5_log_set(bench: Bench) -> Result:
    """p99 of logging one set through the journal API vs a raw sqlite3 INSERT + COMMIT."""
    db = bench.copy(J.TEN_YEARS, "log-set.db")
    out = subprocess.run(
        [bench.python, "-m", "tests.benchmarks.log_set", str(db), str(bench.runs)],
        env=bench.env(), cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"log_set probe failed: {out.stderr.strip()}")
    api, raw = (float(x) for x in out.stdout.split())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return Result("B5", "log one set, committed: p99", api * 1000, raw * 1000, "ms", 2.0,
                  "raw sqlite3 INSERT + COMMIT", bench.runs)  # fmt: skip


# ---- B6 ------------------------------------------------------------------------------------------
def b6_status(bench: Bench) -> Result:
    db = bench.journal(J.TEN_YEARS)
    env = bench.env()
    status = bench.app_argv("status", "--db", str(db))
    bare = [bench.python, "-c", "import sqlite3"]
    _timed(status, env)  # the first call after the journal changed verifies it (see README)
    ours, theirs = [], []
    for _ in range(max(bench.runs, 10)):
        ours.append(_timed(status, env))
        theirs.append(_timed(bare, env))
    return Result("B6", "rehab-tui status (10-year journal)", median(ours), median(theirs), "s",
                  3.0, 'python -c "import sqlite3"', len(ours))  # fmt: skip


# ---- B7 ------------------------------------------------------------------------------------------
def _visit_everything(bench: Bench, db: Path, ready: tuple[str, ...]) -> int:
    pane = _open_app(bench, db)
    try:
        steps = [
            ("r", ("Gentle mobility",)),  # the routine picker
            ("Escape", TODAY_READY),
            ("j", ("Journal",)),
            ("h", ready),
            ("c", ("Catalogue",)),
            ("t", TODAY_READY),
        ]
        for key, wanted in steps:
            sent = pane.press(key)
            pane.wait_for(*wanted, since=sent)
            pane.settle(0.5)
        return pane.peak_rss_kib()
    finally:
        pane.close()


def b7_memory(bench: Bench) -> Result:
    big, empty = bench.journal(J.TEN_YEARS), bench.journal(J.EMPTY)
    big_rss, empty_rss = [], []
    for _ in range(bench.runs):
        big_rss.append(_visit_everything(bench, big, ("Day streak", "Progress since")))
        empty_rss.append(_visit_everything(bench, empty, ("Day streak",)))
    return Result("B7", "app peak RSS after every screen: 10 years vs empty",
                  median(big_rss) / 1024, median(empty_rss) / 1024, "MiB", 1.3,
                  "empty journal", bench.runs)  # fmt: skip


# ---- B8 ------------------------------------------------------------------------------------------
def b8_backup(bench: Bench) -> Result:
    """`rehab-tui backup -o FILE` of ten years (SQLite's backup API, then the copy checked with
    quick_check before it is renamed into place) vs the sqlite3 shell's `.backup FILE`, which
    only copies: the check (~3/4 of our time) is the difference."""
    db = bench.journal(J.TEN_YEARS)
    out = bench.cache / "work" / "b8-backup.db"
    out.parent.mkdir(parents=True, exist_ok=True)
    ours, theirs = [], []
    for _ in range(bench.runs):
        out.unlink(missing_ok=True)
        ours.append(_timed(bench.app_argv("backup", "-o", str(out), "--db", str(db)), bench.env()))
        out.unlink(missing_ok=True)
        theirs.append(_timed(["sqlite3", str(db), f".backup '{out}'"], bench.env()))
    out.unlink(missing_ok=True)
    return Result("B8", "backup of ten years, copied and checked", median(ours), median(theirs),
                  "s", 6.0, "sqlite3 .backup (copy only)", bench.runs)  # fmt: skip


# ---- B9 ------------------------------------------------------------------------------------------
def _resources(path: Path) -> int:
    """How many resources the journal's Bundle holds."""
    from journal.exchange.fhir import count

    con = sqlite3.connect(path)
    try:
        return count(con, None, None)
    finally:
        con.close()


def b9_fhir(bench: Bench) -> tuple[Result, Result]:
    """The FHIR Bundle of ten years (``export --format fhir -o FILE``) vs the CSV export of the
    same journal (``export all -o DIR``): time; and its peak memory, ten years vs 30 days (it
    streams). Three runs at most: one export of ten years is ~150,000 rows read and ~60,000
    resources validated and written (~140 MB)."""
    big, small = bench.journal(J.TEN_YEARS), bench.journal(J.THIRTY_DAYS)
    work = bench.cache / "work"
    work.mkdir(parents=True, exist_ok=True)
    bundle, folder = work / "b9.fhir.json", work / "b9-csv"

    def fhir(db: Path) -> tuple[float, float]:
        return _rss_run(bench, "export", "--format", "fhir", "--db", str(db), "-o", str(bundle))

    def csv(db: Path) -> float:
        return _rss_run(bench, "export", "all", "--db", str(db), "-o", str(folder))[0]

    for db in (big, small):  # a first export checks the journal's pages (see B4): not timed
        csv(db)
    runs = min(bench.runs, 3)
    ours, theirs, rss_big, rss_small = [], [], [], []
    for _ in range(runs):
        t, rss = fhir(big)
        ours.append(t)
        rss_big.append(rss)
        theirs.append(csv(big))
        rss_small.append(fhir(small)[1])
    bundle.unlink(missing_ok=True)
    for f in folder.glob("*.csv"):
        f.unlink()
    folder.rmdir()
    n, m = _resources(big), _resources(small)
    time_result = Result("B9", f"FHIR Bundle of ten years ({n:,} resources): time", median(ours),
                         median(theirs), "s", 5.0, "CSV export all, same journal", runs)  # fmt: skip
    rss_result = Result("B9", f"FHIR Bundle: peak RSS, {n:,} vs {m:,} resources (10 years vs 30 days)",
                        median(rss_big), median(rss_small), "MiB", 1.5, "Bundle of 30 days", runs)  # fmt: skip
    return time_result, rss_result
