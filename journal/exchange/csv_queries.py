"""The queries of sessions, sets and symptoms, their date range, and progress over them
(for csv_export)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from journal.exchange.csv_format import SESSIONS_COLUMNS, SETS_COLUMNS, SYMPTOMS_COLUMNS

Progress = Callable[[int, int], None]
#: Rows between two progress reports.
REPORT_EVERY = 2000

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


def day_span(column: str, since: date | None, until: date | None) -> tuple[str, list[str]]:
    """``WHERE column >= ? AND column <= ?`` (either end optional) and its parameters: the one
    ``--since``/``--until`` filter of every export (CSV, outcomes, FHIR)."""
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _where(alias: str, since: date | None, until: date | None) -> tuple[str, list[str]]:
    return day_span(f"{alias}.local_day", since, until)


def count_rows(con: sqlite3.Connection, kind: str, since: date | None, until: date | None) -> int:
    alias = _QUERIES[kind][1]
    where, params = _where(alias, since, until)
    return con.execute(f"SELECT COUNT(*) FROM {_COUNT_FROM[kind]} {where}", params).fetchone()[0]


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
