"""CSV export (SPEC §7): stream the journal into files a spreadsheet, clinician or app can read.

Reads with the standard library's ``sqlite3`` alone — no SQLAlchemy, no Textual — one row
at a time from a cursor into ``csv.writer``, so memory stays flat however long the journal.
``export all`` reads every table inside one read transaction, so ``sessions.sets``
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
from datetime import date
from pathlib import Path
from typing import IO

from journal.exchange import csv_sets, csv_tables, outcomes_csv
from journal.exchange.csv_files import atomic_file, make_folder, staged_files, writes_aside  # noqa: F401

from journal.store import paths, verification as verified
from journal.exchange.csv_format import (  # noqa: F401 - the column lists re-exported for tests
    FILES, SESSIONS_COLUMNS, SETS_COLUMNS, SYMPTOMS_COLUMNS, cell, load_cells,
)
from journal.errors import JournalUnavailable, NotAJournal
from journal.exchange.csv_queries import (  # noqa: F401 - re-exported (csv_strong, tests)
    _COUNT_FROM, _QUERIES, _SETS_SQL, REPORT_EVERY, Progress, _Counter, _where, count_rows,
)




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
    pages_checked = False  # by the -wal check, which reads every page
    try:
        if checked:
            from journal.store import sound

            pages_checked = sound.check_wal(path, open_here=paths.open_here(path))  # never folded in
        con = _connect(path)
        revision = paths.read_revision(con, path)
        paths.check_revision(revision, path)
        if checked:
            sound.check_schema(con, path, revision)
        if revision != paths.HEAD:
            con.close()
            from journal.api import Journal

            Journal.open(path, create=False).close()
            con = _connect(path)
        if not checked or pages_checked:
            pass
        elif alongside:
            check = _PageCheck(path)
        else:
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
    """Write sessions.csv, sets.csv and symptoms.csv, and the files of
    ``csv_tables.REGISTRY`` (profile, doses, red flags, decisions), into ``folder`` (created
    0700 if needed) from one consistent snapshot; returns rows written per file.

    All or nothing: every file is written aside and renamed into place together once
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
            targets = [folder / f"{kind}.csv" for kind in FILES]
            targets += [folder / spec.file for spec in csv_tables.REGISTRY.values()]
            targets += [folder / outcomes_csv.FILE]
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
                    for (kind, spec), out in zip(csv_tables.REGISTRY.items(), outs[len(FILES):]):
                        counts[kind] = csv_tables.write(con, spec, out, since, until)
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
