"""``rehab-tui export --format fhir``: the journal as one FHIR R4 Bundle (type collection).

Streamed, never held whole: the Bundle's opening is written, then each entry as it is read
from one ``sqlite3`` snapshot (the CSV export's ``reading``) and built (``fhir_resources``),
each resource validated with ``fhir.resources``' R4B models before it is written, then the
closing. Memory stays flat however many years the journal holds. ``fhir.resources`` (pydantic)
is imported here only: never at app start, never for a CSV export.

Validating each resource whole with its model cost ~1 ms (ten years: minutes); ``fhir_check``
validates each *shape* whole once and every value of every resource with the type the model
gives it, and writes the JSON from a template per shape (ten years: seconds).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from journal.clock import stamp
from journal.errors import FileProblem, InvalidValue
from journal.exchange import fhir_resources as build
from journal.exchange.csv_export import REPORT_EVERY, reading
from journal.exchange.csv_queries import day_span
from journal.exchange.fhir_check import Checker

Progress = Callable[[int, int], None]

_SESSIONS = """SELECT id, routine_name, started_at, ended_at, status, note FROM sessions
{where} ORDER BY id"""
_SETS = """SELECT t.session_id, t.exercise_id, t.exercise_name, t.side, t.reps, t.hold_s, t.load,
t.load_unit, t.level FROM sets AS t JOIN sessions AS s ON s.id = t.session_id {where_s}
ORDER BY t.session_id, t.id"""
_CHECKINS = """SELECT id, recorded_at, session_id, context, region, pain, numbness, tingling,
weakness, note FROM checkins {where} ORDER BY id"""
_PSFS = """SELECT r.id, r.recorded_at, r.score, a.id, a.name FROM psfs_ratings AS r
JOIN psfs_activities AS a ON a.id = r.activity_id {where_r} ORDER BY r.id"""
_GRIP = "SELECT id, recorded_at, side, value, unit, trials FROM grip_readings {where} ORDER BY id"
_FLAGS = """SELECT id, reported_at, flag, severity, note, resolved_at FROM red_flags
{where_f} ORDER BY id"""


def _models():  # noqa: ANN202 - the pydantic classes, imported on this path only
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.patient import Patient

    return {"Bundle": Bundle, "Observation": Observation, "Patient": Patient}


def _grouped_sets(con: sqlite3.Connection, since: date | None, until: date | None) -> Iterator[tuple[int, list[tuple]]]:
    """(session id, its sets) in session order, read a row at a time."""
    where, params = day_span("s.local_day", since, until)
    cursor = con.execute(_SETS.format(where_s=where), params)
    current, rows = None, []
    for row in cursor:
        if row[0] != current:
            if current is not None:
                yield current, rows
            current, rows = row[0], []
        rows.append(row[1:])
    if current is not None:
        yield current, rows


def _resources(con: sqlite3.Connection, since: date | None, until: date | None, name: str | None) -> Iterator[dict]:
    made = con.execute("SELECT created_at FROM profile WHERE id = 1").fetchone()
    first = con.execute("SELECT MIN(started_at) FROM sessions").fetchone()
    pat = build.patient(name, (made or first or ("",))[0] or "")
    yield pat
    subject = build.full_url(pat["id"])
    where, params = day_span("local_day", since, until)
    for row in con.execute(_CHECKINS.format(where=where), params):
        yield from build.checkin(row, subject)
    sets = _grouped_sets(con, since, until)
    pending = next(sets, None)
    for row in con.execute(_SESSIONS.format(where=where), params):
        while pending is not None and pending[0] < row[0]:
            pending = next(sets, None)
        mine = pending[1] if pending is not None and pending[0] == row[0] else []
        yield build.session(row, mine, subject)
    where_r, params_r = day_span("r.local_day", since, until)
    for row in con.execute(_PSFS.format(where_r=where_r), params_r):
        yield build.psfs(row, subject)
    for row in con.execute(_GRIP.format(where=where), params):
        yield build.grip(row, subject)
    where_f, params_f = day_span("substr(reported_at, 1, 10)", since, until)
    for row in con.execute(_FLAGS.format(where_f=where_f), params_f):
        yield build.red_flag(row, subject)


def count(con: sqlite3.Connection, since: date | None, until: date | None) -> int:
    """How many resources the Bundle will hold (for the progress bar)."""
    where, params = day_span("local_day", since, until)
    n = 1 + 4 * con.execute(f"SELECT COUNT(*) FROM checkins {where}", params).fetchone()[0]
    n += con.execute(f"SELECT COUNT(*) FROM sessions {where}", params).fetchone()[0]
    n += con.execute(f"SELECT COUNT(*) FROM psfs_ratings {where}", params).fetchone()[0]
    n += con.execute(f"SELECT COUNT(*) FROM grip_readings {where}", params).fetchone()[0]
    where_f, params_f = day_span("substr(reported_at, 1, 10)", since, until)
    return n + con.execute(f"SELECT COUNT(*) FROM red_flags {where_f}", params_f).fetchone()[0]


def validated(resource: dict, checker: Checker) -> str:
    """The resource as compact JSON, once ``fhir.resources`` has validated it (``fhir_check``:
    the model's own checks, its structure once per shape; pydantic's ValidationError otherwise:
    a bug of ours, never the user's data — every value was checked when it entered the
    journal). The dict itself is written, not pydantic's dump of it: a third of the time, and
    times keep their offset as recorded (pydantic writes +00:00 as Z)."""
    try:
        return checker.dumps(resource)
    except ValueError as err:  # one line, nothing kept: atomic_file drops the partial file
        from pydantic import ValidationError  # (imported here: once per resource cost 2 µs)

        if not isinstance(err, ValidationError):
            raise
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise FileProblem(
            f"the FHIR export stopped: {resource['resourceType']} {resource.get('id', '')} is not "
            f"valid FHIR ({where}: {first.get('msg', 'invalid')}); please report this"
        ) from None


def write_bundle(
    con: sqlite3.Connection,
    out: IO[str],
    *,
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the Bundle from ``con`` (inside a read transaction) into ``out``; returns entries."""
    checker = Checker(_models())
    bundle_id = build.rid("bundle", stamp(now), since, until)
    shell = validated({"resourceType": "Bundle", "id": bundle_id, "type": "collection",
                       "timestamp": stamp(now)}, checker)  # fmt: skip
    total = count(con, since, until) if progress else 0
    out.write(shell[:-1] + ',"entry":[')
    n = 0
    for n, resource in enumerate(_resources(con, since, until, name), start=1):
        text = validated(resource, checker)  # first: its id is then a FHIR id, [A-Za-z0-9.-]+
        url, sep = build.full_url(resource["id"]), ",\n" if n > 1 else "\n"
        out.write(f'{sep}{{"fullUrl":"{url}","resource":{text}}}')
        if progress and n % REPORT_EVERY == 0:
            progress(n, total)
    out.write("\n]}\n")
    if progress:
        progress(n, total)
    return n


def export_fhir(
    path: Path,
    out: IO[str],
    *,
    now: datetime,
    since: date | None = None,
    until: date | None = None,
    name: str | None = None,
    progress: Progress | None = None,
    staged: bool = False,
) -> int:
    """Stream the journal at ``path`` as a FHIR Bundle into ``out``; returns entries written.
    ``staged``: ``out`` is written aside and kept only if this returns (``atomic_file``)."""
    if name is not None:
        name = " ".join(name.split())
        if not name or len(name) > 200:
            raise InvalidValue("--name must be 1 to 200 characters")
    with reading(path, alongside=staged) as snapshot:
        con = snapshot.con
        con.execute("BEGIN")
        try:
            return write_bundle(con, out, now=now, since=since, until=until, name=name, progress=progress)
        finally:
            con.execute("COMMIT")
