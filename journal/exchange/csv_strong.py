"""Sets in the Strong app's CSV layout (``rehab-tui export --format strong``), for apps that
import Strong exports: holds go in ``Seconds``, loads in the user's unit."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO

from journal.exchange.csv_export import Progress, _Counter, _stream, _where
from journal.exchange.csv_format import STRONG_COLUMNS, cell, number_text

KG_PER_LB = 0.45359237

_STRONG_SQL = """
SELECT t.session_id, s.started_at, COALESCE(s.ended_at,
           (SELECT MAX(x.logged_at) FROM sets AS x WHERE x.session_id = s.id)),
       s.routine_name, s.note, t.exercise_id, t.exercise_name, t.side, t.reps, t.hold_s,
       t.load, t.load_unit, t.level, t.effort, t.pain_during, t.stop_reason, t.note
FROM sets AS t JOIN sessions AS s ON s.id = t.session_id {where}
ORDER BY t.session_id, t.id"""


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
