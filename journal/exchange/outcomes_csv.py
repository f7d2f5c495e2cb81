"""outcomes.csv: PSFS activities and ratings and grip readings, written by ``export all`` and
read back by ``import`` (export → import → export gives the same bytes).

Self-contained — a writer over a ``sqlite3`` connection and a reader that checks every row
before anything is stored — so the export/import registry can call them as they are.

Columns: ``date,recorded_at,measure,activity_id,activity,side,value,unit,trials,retired_at``,
one row per PSFS activity (``measure`` ``psfs_activity``: ``recorded_at`` is when it was named,
``retired_at`` when it stopped being asked), per PSFS rating (``psfs``: ``value`` 0–10) and per
grip reading (``grip``: ``side``, ``value`` the best trial, ``unit`` kg or lb, every ``trials``
value comma-separated). Same cell rules as the other files (csv_format).
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from journal import validate
from journal.errors import FileProblem, InvalidValue
from journal.exchange.csv_format import cell, day_mismatch, unprotect
from journal.rules import outcomes as rules
from journal.exchange.csv_queries import day_span

FILE = "outcomes.csv"
COLUMNS = ("date", "recorded_at", "measure", "activity_id", "activity", "side", "value", "unit",
           "trials", "retired_at")  # fmt: skip
MEASURES = ("psfs_activity", "psfs", "grip")

_ACTIVITIES = "SELECT id, created_at, name, retired_at FROM psfs_activities ORDER BY id"
_RATINGS = """SELECT r.local_day, r.recorded_at, r.activity_id, a.name, r.score FROM psfs_ratings
AS r JOIN psfs_activities AS a ON a.id = r.activity_id {where} ORDER BY r.id"""
_GRIP = "SELECT local_day, recorded_at, side, value, unit, trials FROM grip_readings {where} ORDER BY id"




def write(con: sqlite3.Connection, out: IO[str], *, since: date | None = None,
          until: date | None = None) -> int:  # fmt: skip
    """Write outcomes.csv from ``con`` (inside the export's read transaction); returns rows.
    Every activity is written (ratings in the period refer to them); ratings and readings
    are limited to since..until."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for aid, created_at, name, retired_at in con.execute(_ACTIVITIES):
        writer.writerow([cell(v) for v in (created_at[:10], created_at, "psfs_activity", aid, name,
                                            None, None, None, None, retired_at)])  # fmt: skip
        n += 1
    where, params = day_span("r.local_day", since, until)
    for day, at, aid, name, score in con.execute(_RATINGS.format(where=where), params):
        writer.writerow([cell(v) for v in (day, at, "psfs", aid, name, None, score, None, None, None)])
        n += 1
    where, params = day_span("local_day", since, until)
    for day, at, side, value, unit, trials in con.execute(_GRIP.format(where=where), params):
        writer.writerow([cell(v) for v in (day, at, "grip", None, None, side, value, unit, trials, None)])
        n += 1
    return n


class OutcomeRowProblem(InvalidValue):
    """A row of outcomes.csv that cannot be imported; ``str()`` names the file and line."""


@dataclass
class Outcomes:
    """Checked rows of outcomes.csv, ready to insert."""

    activities: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    grips: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.activities) + len(self.ratings) + len(self.grips)


def _row(line: int, rec: dict[str, str], known: dict[int, str]) -> tuple[str, dict[str, Any]]:
    measure = validate.choice("measure", rec["measure"], MEASURES)
    at = validate.timestamp("recorded_at", rec["recorded_at"])
    day = validate.iso_day("date", rec["date"]).isoformat()
    problem = day_mismatch("date", day, "recorded_at", at)
    if problem:
        raise InvalidValue(problem)
    if measure == "grip":
        unit = validate.choice("unit", rec["unit"], ("kg", "lb"))
        trials = [rules.clean_grip(t, unit) for t in rec["trials"].split(",")] if rec["trials"] else []
        value = rules.clean_grip(rec["value"], unit)
        if trials and value != max(trials):
            raise InvalidValue(f"grip {rec['value']} is not the best of the trials {rec['trials']}")
        return measure, {"recorded_at": at, "local_day": day, "side": rules.clean_side(rec["side"]),
                         "value": value, "unit": unit, "trials": rec["trials"]}  # fmt: skip
    text = rec["activity_id"]
    if not (text.isascii() and text.isdigit() and 0 < int(text) < 2**63):
        raise InvalidValue(f"activity_id must be a row number from 1 (got {text!r})")
    aid, name = int(text), rules.clean_psfs_name(rec["activity"])
    if measure == "psfs_activity":
        if aid in known:
            raise InvalidValue(f"activity {aid} is listed twice")
        retired = validate.timestamp("retired_at", rec["retired_at"], optional=True)
        return measure, {"id": aid, "name": name, "created_at": at, "retired_at": retired}
    if known.get(aid) != name:
        raise InvalidValue(f"activity {aid} ({name!r}) is not listed above as a psfs_activity")
    return measure, {"activity_id": aid, "recorded_at": at, "local_day": day,
                     "score": rules.clean_psfs_score(rec["value"])}  # fmt: skip


def read(path: Path) -> Outcomes | None:
    """Every row of outcomes.csv, checked; None when there is no such file (an export from
    before outcome measures). Raises OutcomeRowProblem naming the line, or FileProblem."""
    path = Path(path)
    if not path.is_file():
        return None
    found = Outcomes()
    known: dict[int, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            if tuple(next(reader, ())) != COLUMNS:
                raise OutcomeRowProblem(f"{FILE} line 1: expected the header {','.join(COLUMNS)}")
            line = 2
            for values in reader:
                start, line = line, reader.line_num + 1
                if not values:
                    continue
                if len(values) != len(COLUMNS):
                    raise OutcomeRowProblem(f"{FILE} line {start}: {len(values)} fields, expected {len(COLUMNS)}")
                try:
                    measure, row = _row(start, {c: unprotect(v) for c, v in zip(COLUMNS, values)}, known)
                except OutcomeRowProblem:
                    raise
                except InvalidValue as err:
                    raise OutcomeRowProblem(f"{FILE} line {start}: {err}") from None
                if measure == "psfs_activity":
                    known[row["id"]] = row["name"]
                    found.activities.append(row)
                else:
                    (found.ratings if measure == "psfs" else found.grips).append(row)
    except UnicodeDecodeError:
        raise OutcomeRowProblem(f"{FILE}: not UTF-8 text; save it as UTF-8 and import again") from None
    except csv.Error as err:
        raise OutcomeRowProblem(f"{FILE}: {err}") from None
    except OSError as err:
        raise FileProblem(f"cannot read {path} ({err.strerror})") from None
    return found


def insert(conn: Any, found: Outcomes | None) -> int:
    """Add the checked rows that are new, inside the import's write transaction (a SQLAlchemy
    Connection); returns how many were added. Activity ids are kept when the journal has none
    yet (so export → import → export is byte-identical), else given new ones. An activity
    already here (same name and time named), a rating already here (same activity and time)
    and a grip reading already here (same time and side) are skipped: merging twice adds
    nothing."""
    from sqlalchemy import func, select
    from sqlalchemy import insert as sql_insert

    from journal.store import models as m

    if not found or not found.rows:
        return 0
    t_act, t_rat, t_grip = (m.PsfsActivity.__table__, m.PsfsRating.__table__, m.GripReading.__table__)
    have = {(r.created_at, r.name): r.id for r in conn.execute(select(t_act.c.id, t_act.c.created_at, t_act.c.name))}
    keep_ids = not have and conn.execute(select(func.count()).select_from(t_act)).scalar_one() == 0
    added = 0
    new_id: dict[int, int] = {}
    for a in found.activities:
        there = have.get((a["created_at"], a["name"]))
        if there is not None:
            new_id[a["id"]] = there
            continue
        values = a if keep_ids else {k: v for k, v in a.items() if k != "id"}
        new_id[a["id"]] = conn.execute(sql_insert(t_act).values(values)).inserted_primary_key[0]
        added += 1
    rated = {(r.activity_id, r.recorded_at) for r in conn.execute(select(t_rat.c.activity_id, t_rat.c.recorded_at))}
    ratings = [{**r, "activity_id": new_id[r["activity_id"]]} for r in found.ratings]
    ratings = [r for r in ratings if (r["activity_id"], r["recorded_at"]) not in rated]
    if ratings:
        conn.execute(sql_insert(t_rat), ratings)
    grips_there = {(r.recorded_at, r.side) for r in conn.execute(select(t_grip.c.recorded_at, t_grip.c.side))}
    grips = [g for g in found.grips if (g["recorded_at"], g["side"]) not in grips_there]
    if grips:
        conn.execute(sql_insert(t_grip), grips)
    return added + len(ratings) + len(grips)
