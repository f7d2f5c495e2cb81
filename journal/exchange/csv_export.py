"""CSV export (SPEC §7): stream the journal into files a spreadsheet, clinician or app can read.

Reads with the standard library's ``sqlite3`` alone — no SQLAlchemy, no Textual — one row
at a time from a cursor into ``csv.writer``, so memory stays flat however long the journal.
``export all`` reads the three tables inside one read transaction, so ``sessions.sets``
always agrees with ``sets.csv`` even while the app is logging. Files are written to a
temporary name (0600: this is health data) and renamed into place when complete.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO

from journal.exchange import csv_sets, outcomes_csv

from journal.store import paths, verification as verified
from journal.exchange.csv_format import (
    FILES,
    SESSIONS_COLUMNS,
    SETS_COLUMNS,
    STRONG_COLUMNS,
    SYMPTOMS_COLUMNS,
    cell,
    load_cells,
    number_text,
)
from journal.errors import FileProblem, JournalUnavailable, NotAJournal

Progress = Callable[[int, int], None]
#: Rows between two progress reports.
REPORT_EVERY = 2000
KG_PER_LB = 0.45359237

_SESSIONS_SQL = """
SELECT s.local_day, s.id, s.routine_name, s.started_at, s.ended_at, s.status,
       (SELECT COUNT(*) FROM sets AS x WHERE x.session_id = s.id), s.note
FROM sessions AS s {where} ORDER BY s.id"""
_SETS_SQL = """
SELECT s.local_day, t.session_id, s.routine_name, t.exercise_id, t.exercise_name, t.side,
       t.set_number, t.target_reps, t.reps, t.target_hold_s, t.hold_s, t.load, t.level,
       t.load_unit, t.effort, t.pain_during, t.stop_reason, t.note, t.logged_at
FROM sets AS t JOIN sessions AS s ON s.id = t.session_id {where}
ORDER BY t.session_id, t.id"""
_SYMPTOMS_SQL = """
SELECT c.local_day, c.recorded_at, c.session_id, c.context, c.region, c.pain, c.numbness,
       c.tingling, c.weakness, c.note
FROM checkins AS c {where} ORDER BY c.id"""
_STRONG_SQL = """
SELECT t.session_id, s.started_at, COALESCE(s.ended_at,
           (SELECT MAX(x.logged_at) FROM sets AS x WHERE x.session_id = s.id)),
       s.routine_name, s.note, t.exercise_id, t.exercise_name, t.side, t.reps, t.hold_s,
       t.load, t.load_unit, t.level, t.effort, t.pain_during, t.stop_reason, t.note
FROM sets AS t JOIN sessions AS s ON s.id = t.session_id {where}
ORDER BY t.session_id, t.id"""
#: kind → (query, alias whose local_day the date range limits, columns)
_QUERIES = {
    "sessions": (_SESSIONS_SQL, "s", SESSIONS_COLUMNS),
    "sets": (_SETS_SQL, "s", SETS_COLUMNS),
    "symptoms": (_SYMPTOMS_SQL, "c", SYMPTOMS_COLUMNS),
}
_COUNT_FROM = {
    "sessions": "sessions AS s",
    "sets": "sets AS t JOIN sessions AS s ON s.id = t.session_id",
    "symptoms": "checkins AS c",
}


# ---- reading the journal -------------------------------------------------------------------
def _problem(err: sqlite3.Error, path: Path) -> Exception:
    from journal.store.engine import describe_error  # only on this error path: it loads SQLAlchemy

    message = describe_error(err, path)
    return NotAJournal(message) if "damaged" in message else JournalUnavailable(message)


class Snapshot:
    """What :func:`reading` yields: the reading connection, and the page check's verdict."""

    def __init__(self, con: sqlite3.Connection, check: "_PageCheck | None") -> None:
        self.con = con
        self._check = check

    def confirm(self) -> None:
        """Wait for the page check running alongside (if any); raise NotAJournal if the
        journal is damaged. Call it before the written files are put in place."""
        if self._check is not None:
            self._check.verdict()


class _PageCheck:
    """SQLite's quick_check on a connection of its own, in a thread (SQLite lets go of the GIL
    while it reads), so it costs no time next to an export that reads the same pages."""

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path
        self.problems: list[str] = []
        self.error: sqlite3.Error | None = None
        self._con: sqlite3.Connection | None = None  # while the check reads (see cancel)
        self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            con = self._con = _connect(self.path)
            try:
                # It reads each page about once: a small page cache does as well, in less memory.
                con.execute("PRAGMA cache_size = -256")
                self.problems = [str(row[0]) for row in con.execute("PRAGMA quick_check(3)")]
            finally:
                self._con = None
                con.close()
        except sqlite3.Error as err:
            self.error = err

    def cancel(self) -> None:
        """The export failed or was interrupted: stop reading (no verdict is wanted now)."""
        con = self._con
        if con is not None:
            try:
                con.interrupt()
            except sqlite3.Error:
                pass  # it had finished and closed already

    def join(self) -> None:
        self._thread.join()

    def verdict(self) -> None:
        self.join()
        if self.error is not None:
            raise _problem(self.error, self.path)
        _refuse_damaged(self.problems, self.path)


@contextmanager
def reading(path: Path, *, alongside: bool = False) -> Iterator[Snapshot]:
    """A plain ``sqlite3`` connection to an existing journal at the current schema.

    An older journal is upgraded first through the usual path (backup, then Alembic); a
    journal at the current schema is only read — no SQLAlchemy, no Alembic, no writes. A
    damaged one is refused before a row is written (quick_check, as on open) — or, with
    ``alongside``, for output written aside and kept only when complete, by a check running
    while the rows are written, before the files are put in place (``Snapshot.confirm``).
    """
    path = Path(path)
    if not paths.check_file(path):
        raise JournalUnavailable(f"there is no journal at {path}; nothing to export")
    # quick_check reads every page (~1.5 s for a million sets): skipped, as `status` and the
    # app do, for a journal byte for byte as rehab-tui last checked or closed it. Asked before
    # connecting: opening a WAL journal creates its -wal file, which changes the signature.
    checked = not verified.is_verified(path)
    con = None
    check = None
    try:
        con = _connect(path)
        revision = paths.read_revision(con, path)
        paths.check_revision(revision, path)
        if revision != paths.HEAD:
            con.close()
            from journal.api import Journal

            Journal.open(path, create=False).close()
            con = _connect(path)
        if checked and alongside:
            check = _PageCheck(path)
        elif checked:
            check_pages(con, path)  # before a row is written: never half a table, then an error
        snapshot = Snapshot(con, check)
        try:
            yield snapshot
        except BaseException:
            if check is not None:
                check.cancel()  # a full disk, ctrl-c: do not make the user wait for the check
            raise
        snapshot.confirm()  # if the caller had no files to put in place
    except sqlite3.Error as err:
        raise _problem(err, path) from None
    finally:
        if check is not None:
            check.join()
        if con is not None:
            con.close()
    if checked:  # after closing: the last reader's close may fold the -wal into the journal
        verified.remember(path)


def _connect(path: Path) -> sqlite3.Connection:
    """A reading connection; nothing here ever writes a row.

    Normally a plain connection, as `status` uses: closing it as the last reader tidies the
    -wal/-shm files. A journal that may not be written (read-only file or directory) is opened
    ``mode=ro`` — and ``immutable`` when no -wal/-shm exist, since SQLite could not create them
    there and, with nobody able to write, there is nothing newer to miss.
    """
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK):
        con = sqlite3.connect(path, isolation_level=None)
    else:
        uri = path.resolve().as_uri() + "?mode=ro"
        if not any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm")):
            uri += "&immutable=1"
        con = sqlite3.connect(uri, uri=True, isolation_level=None)
    con.execute("PRAGMA busy_timeout=10000")
    return con


def _where(alias: str, since: date | None, until: date | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if since:
        clauses.append(f"{alias}.local_day >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{alias}.local_day <= ?")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def count_rows(con: sqlite3.Connection, kind: str, since: date | None, until: date | None) -> int:
    alias = _QUERIES[kind][1]
    where, params = _where(alias, since, until)
    return con.execute(f"SELECT COUNT(*) FROM {_COUNT_FROM[kind]} {where}", params).fetchone()[0]


# ---- writing rows --------------------------------------------------------------------------
def _rows(kind: str, con: sqlite3.Connection, since, until, ladders) -> Iterator[list[str]]:  # noqa: ANN001
    sql, alias, _columns = _QUERIES[kind]
    where, params = _where(alias, since, until)
    cursor = con.execute(sql.format(where=where), params)
    if kind == "sets":
        yield from _set_rows(cursor, ladders)
    else:
        for row in cursor:
            yield [cell(v) for v in row]


def _set_rows(rows: Iterable[tuple], ladders: Mapping[str, str]) -> Iterator[list[str]]:
    """Rows of _SETS_SQL as cells: the reference for every way a set can be written."""
    for row in rows:
        # row[11:14] is load, level, load_unit in the table; CSV has load, load_unit.
        load, unit = load_cells(row[11], row[12], row[13], ladders.get(row[3]))
        yield [cell(v) for v in (*row[:11], load, unit, *row[14:])]


class _Counter:
    """Reports progress every REPORT_EVERY rows over one or more tables."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self) -> None:
        self.done += 1
        if self.progress and self.done % REPORT_EVERY == 0:
            self.progress(self.done, self.total)

    def add(self, n: int) -> None:
        before, self.done = self.done, self.done + n
        if self.progress and before // REPORT_EVERY != self.done // REPORT_EVERY:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress:
            self.progress(self.done, self.total)


def write_table(
    con: sqlite3.Connection,
    kind: str,
    out: IO[str],
    *,
    since: date | None = None,
    until: date | None = None,
    ladders: Mapping[str, str] | None = None,
    counter: _Counter | None = None,
) -> int:
    """Write the header and every row of ``kind`` (sets | symptoms | sessions); returns rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_QUERIES[kind][2])
    if kind == "sets":  # the one table that grows to millions of rows: SQLite writes the lines
        where, params = _where("s", since, until)
        return csv_sets.write_lines(
            con, out, where, params, ladders or {},
            exact=lambda ids: _exact_set_lines(con, ids, ladders or {}),
            tick=counter.add if counter else lambda _n: None,
        )  # fmt: skip
    n = 0
    for n, row in enumerate(_rows(kind, con, since, until, ladders or {}), start=1):  # noqa: B007
        writer.writerow(row)
        if counter:
            counter.tick()
    return n


def _exact_set_lines(con: sqlite3.Connection, ids: list[int], ladders: Mapping[str, str]) -> list[str]:
    """The reference lines (``cell`` and ``csv.writer``) of the sets ``ids``, in export order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for start in range(0, len(ids), 500):  # SQLite limits the number of bound parameters
        part = ids[start : start + 500]
        where = f"WHERE t.id IN ({','.join('?' * len(part))})"
        for row in _set_rows(con.execute(_SETS_SQL.format(where=where), part), ladders):
            writer.writerow(row)
            lines.append(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    return lines


def export_kind(
    path: Path,
    kind: str,
    out: IO[str],
    *,
    since: date | None = None,
    until: date | None = None,
    ladders: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    staged: bool = False,
) -> int:
    """Stream one table of the journal at ``path`` as CSV into ``out``; returns rows written.
    ``staged``: ``out`` is written aside and kept only if this returns (:func:`atomic_file`)."""
    return _stream(
        path, kind, since, until, progress, staged,
        lambda con, counter: write_table(
            con, kind, out, since=since, until=until, ladders=ladders, counter=counter
        ),
    )  # fmt: skip


def _stream(
    path: Path,
    counted: str,
    since: date | None,
    until: date | None,
    progress: Progress | None,
    staged: bool,
    write: Callable[[sqlite3.Connection, "_Counter"], int],
) -> int:
    """``write(con, counter)`` from one snapshot of the journal (rows of ``counted`` counted
    first for the progress bar, written and any line re-read alike); returns rows written."""
    with reading(path, alongside=staged) as snapshot:
        con = snapshot.con
        con.execute("BEGIN")
        try:
            counter = _Counter(progress, count_rows(con, counted, since, until) if progress else 0)
            n = write(con, counter)
            counter.finish()
        finally:
            con.execute("COMMIT")
        return n  # reading() awaits a page check beside it on the way out, before out is kept


def export_all(
    path: Path,
    folder: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    ladders: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write sessions.csv, sets.csv and symptoms.csv into ``folder`` (created 0700 if needed)
    from one consistent snapshot; returns rows written per file.

    All or nothing: the three files are written aside and renamed into place together once
    all are complete, so a failure (a damaged page met halfway, a full disk) never leaves a
    new sessions.csv beside an older sets.csv from an earlier export.
    """
    folder = Path(folder)
    counts: dict[str, int] = {}
    # The files are written aside, so the page check can run while they are written.
    with reading(path, alongside=True) as snapshot:  # a bad journal leaves no empty folder
        con = snapshot.con
        made = make_folder(folder)
        try:
            targets = [folder / f"{kind}.csv" for kind in FILES] + [folder / outcomes_csv.FILE]
            with staged_files(targets) as outs:
                con.execute("BEGIN")
                try:
                    total = sum(count_rows(con, k, since, until) for k in FILES) if progress else 0
                    counter = _Counter(progress, total)
                    for kind, out in zip(FILES, outs):
                        counts[kind] = write_table(
                            con, kind, out, since=since, until=until, ladders=ladders,
                            counter=counter,
                        )  # fmt: skip
                    counts["outcomes"] = outcomes_csv.write(con, outs[-1], since=since, until=until)
                    counter.finish()
                finally:
                    con.execute("COMMIT")
                snapshot.confirm()  # before the files are put in place
        except BaseException:
            if made:
                try:
                    folder.rmdir()  # only if still empty: nothing of ours is in it
                except OSError:
                    pass
            raise
    return counts


def check_pages(con: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged journal before anything is written (SQLite's quick_check, as on open)."""
    _refuse_damaged([str(row[0]) for row in con.execute("PRAGMA quick_check(3)")], path)


def _refuse_damaged(problems: list[str], path: Path) -> None:
    if problems != ["ok"]:
        from journal.store.faults import damaged

        raise NotAJournal(damaged(path, " ".join(problems)))


# ---- Strong's layout -----------------------------------------------------------------------
def _duration(started: str, ended: str | None) -> str:
    if not ended:
        return "0m"
    try:
        seconds = (datetime.fromisoformat(ended) - datetime.fromisoformat(started)).total_seconds()
    except ValueError:
        return "0m"
    minutes = max(0, round(seconds / 60))
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"


def _weight(load: float | None, unit: str | None, units: str) -> str:
    if load is None:
        return "0"
    if unit in ("kg", "lb") and unit != units:
        load = load * KG_PER_LB if unit == "lb" else load / KG_PER_LB
    return number_text(round(load, 2))


def _strong_notes(row: tuple, ladders: Mapping[str, str]) -> str:
    _sid, _st, _en, _rn, _sn, ex_id, _ex, side, _r, _h, load, _unit, level, _e, pain, stop, note = (
        row
    )
    parts = []
    if level and load is None:
        parts.append(f"{level} {ladders.get(ex_id, '')}".strip())
    if side != "both":
        parts.append(f"{side} side")
    if pain is not None:
        parts.append(f"pain {pain}/10")
    if stop and stop != "none":
        parts.append(f"stopped: {stop}")
    if note:
        parts.append(note)
    return " · ".join(parts)


def write_strong(
    con: sqlite3.Connection,
    out: IO[str],
    *,
    since: date | None = None,
    until: date | None = None,
    ladders: Mapping[str, str] | None = None,
    counter: _Counter | None = None,
) -> int:
    """Every set in Strong's CSV layout: one row per set, the session as the workout, the set
    order counted per exercise, weights in the profile's unit, holds in ``Seconds``, effort as
    RPE, and side, level, pain and stop reason in ``Notes``."""
    ladders = ladders or {}
    units_row = con.execute("SELECT units FROM profile WHERE id = 1").fetchone()
    units = units_row[0] if units_row else "kg"
    where, params = _where("s", since, until)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(STRONG_COLUMNS)
    session, order, n = None, {}, 0
    for row in con.execute(_STRONG_SQL.format(where=where), params):
        sid, started, ended, routine, session_note, ex_id, ex_name = row[:7]
        reps, hold, load, unit, _level, effort = row[8], row[9], row[10], row[11], row[12], row[13]
        if sid != session:
            session, order = sid, {}
            when = datetime.fromisoformat(started).strftime("%Y-%m-%d %H:%M:%S")
            duration = _duration(started, ended)
        order[ex_id] = order.get(ex_id, 0) + 1
        writer.writerow([
            cell(when), cell(routine), cell(duration), cell(ex_name), cell(order[ex_id]),
            _weight(load, unit, units), cell(reps or 0), "0", cell(hold or 0),
            cell(_strong_notes(row, ladders)), cell(session_note), cell(effort),
        ])  # fmt: skip
        n += 1
        if counter:
            counter.tick()
    return n


def export_strong(
    path: Path,
    out: IO[str],
    *,
    since: date | None = None,
    until: date | None = None,
    ladders: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    staged: bool = False,
) -> int:
    """Stream the sets in Strong's CSV layout into ``out``; returns rows written (``staged``:
    as for :func:`export_kind`)."""
    return _stream(
        path, "sets", since, until, progress, staged,
        lambda con, counter: write_strong(
            con, out, since=since, until=until, ladders=ladders, counter=counter
        ),
    )  # fmt: skip


# ---- files ---------------------------------------------------------------------------------
def make_folder(folder: Path) -> bool:
    """Create ``folder`` (0700) if needed; True when it was made now."""
    if folder.exists() and not folder.is_dir():
        raise FileProblem(f"{folder} is a file; give a directory for the three CSV files")
    if folder.is_dir():
        return False
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        return False
    except OSError as err:
        raise FileProblem(f"cannot create {folder} ({err.strerror})") from None
    return True


def writes_aside(target: Path) -> bool:
    """Whether :func:`atomic_file` writes ``target`` aside (not a device, pipe or socket)."""
    target = Path(target)
    return not (target.exists() and not target.is_file())


@contextmanager
def atomic_file(target: Path) -> Iterator[IO[str]]:
    """A new 0600 UTF-8 text file that appears at ``target`` only once it is complete."""
    target = Path(target)
    if target.is_dir():
        raise FileProblem(f"{target} is a directory")
    if not writes_aside(target):
        # A device, pipe or socket (-o /dev/stdout, a named pipe): write into it. Renaming a
        # file over it would replace it — as root, even /dev/null.
        with _special_file(target) as out:
            yield out
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    except OSError as err:
        raise FileProblem(f"cannot write {target} ({err.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def _special_file(target: Path) -> Iterator[IO[str]]:
    try:
        fh = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as err:
        raise FileProblem(f"cannot write {target} ({err.strerror})") from None
    try:
        with fh:
            yield fh
            fh.flush()
    except OSError as err:
        raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None


@contextmanager
def staged_files(targets: list[Path]) -> Iterator[list[IO[str]]]:
    """New 0600 UTF-8 files that appear at ``targets`` only once every one is complete."""
    tmps: list[Path] = []
    outs: list[IO[str]] = []
    try:
        for target in targets:
            if target.is_dir():
                raise FileProblem(f"{target} is a directory")
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            try:
                fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
            except OSError as err:
                raise FileProblem(f"cannot write {target} ({err.strerror})") from None
            tmps.append(tmp)
            outs.append(os.fdopen(fd, "w", encoding="utf-8", newline=""))
        try:
            yield outs
        except OSError as err:  # a full disk while writing rows
            where = targets[0].parent
            raise FileProblem(f"cannot write into {where} ({err.strerror or err})") from None
        for out, target in zip(outs, targets):
            try:
                out.flush()
                os.fsync(out.fileno())
                out.close()
            except OSError as err:
                raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None
        for tmp, target in zip(tmps, targets):
            try:
                os.replace(tmp, target)
            except OSError as err:
                raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None
    finally:
        for out in outs:
            try:
                out.close()
            except OSError:
                pass
        for tmp in tmps:
            tmp.unlink(missing_ok=True)
