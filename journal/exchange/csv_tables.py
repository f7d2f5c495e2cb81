"""The rest of a journal as CSV: profile, doses, red flags and decisions (issue 15).

``export all`` writes these beside sessions, sets and symptoms, and ``import`` reads them
back, so a folder from ``export all`` is a complete copy of the journal. Each file is one
table, a row per line in id order, every column but the id; :data:`REGISTRY` lists them
and is the one place to add another (outcome measures, …): a :class:`TableFile` says the
table, its columns with their kinds, and the columns that identify a row when merging.

Import into a journal: a row whose identity (``key``) is already there is skipped, so an
import into an empty journal restores everything and a second import adds nothing; the
profile is taken only when the journal's is still untouched. Rows duplicated inside a file
are refused, naming both lines.
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from journal import validate
from journal.errors import InvalidValue
from journal.exchange.csv_format import cell, day_mismatch
from journal.exchange.csv_read import RowProblem, cells


@dataclass(frozen=True)
class Column:
    name: str
    #: text | int | float | flag | stamp | day | choice
    kind: str = "text"
    optional: bool = False
    choices: tuple[str, ...] = ()
    max_len: int = 2000


@dataclass(frozen=True)
class TableFile:
    name: str
    table: str
    columns: tuple[Column, ...]
    #: Columns that say two rows are the same thing (a merge skips a row already there).
    key: tuple[str, ...]
    #: The column whose day ``--since``/``--until`` limit (None: always written whole).
    time_column: str | None = None
    single_row: bool = False
    #: A column holding the local day of ``time_column``: the two must agree.
    day_column: str | None = None
    header: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "header", tuple(c.name for c in self.columns))

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


_SIDES = ("left", "right", "both", "none")
REGISTRY: dict[str, TableFile] = {
    "profile": TableFile(
        "profile", "profile",
        (
            Column("affected_side", "choice", choices=_SIDES), Column("onset_date", "day", optional=True),
            Column("cleared_for_strength", "flag"), Column("units", "choice", choices=("kg", "lb")),
            Column("count_seconds", "float"), Column("bell", "flag"),
            Column("safety_ack_at", "stamp", optional=True), Column("enabled_exercises", max_len=20000),
            Column("created_at", "stamp"), Column("symptom_areas"),
            Column("onset_kind", "choice", choices=("date", "over-6-weeks", "unknown")),
            Column("voice", "flag"), Column("effort_prompt", "flag"),
            Column("setup_done_at", "stamp", optional=True),
        ),
        key=(), single_row=True,
    ),
    "doses": TableFile(
        "doses", "doses",
        (
            Column("since", "stamp"), Column("exercise_id", max_len=64), Column("sets", "int"),
            Column("reps", "int"), Column("reps_lo", "int"), Column("reps_hi", "int"),
            Column("hold_s", "int", optional=True), Column("load", "float", optional=True),
            Column("unit", "choice", optional=True, choices=("kg", "lb")),
            Column("ladder", optional=True, max_len=32), Column("level", optional=True, max_len=32),
            Column("reason"),
        ),
        key=("since", "exercise_id"), time_column="since",
    ),
    "red_flags": TableFile(
        "red_flags", "red_flags",
        (
            Column("reported_at", "stamp"), Column("flag", max_len=64),
            Column("severity", "choice", choices=("emergency", "urgent", "soon")),
            Column("note"), Column("resolved_at", "stamp", optional=True),
        ),
        key=("reported_at", "flag"), time_column="reported_at",
    ),
    "decisions": TableFile(
        "decisions", "decisions",
        (
            Column("decided_at", "stamp"), Column("local_day", "day"), Column("exercise_id", max_len=64),
            Column("decision", "choice", choices=("accepted", "declined")), Column("rule", max_len=16),
            Column("from_dose"), Column("to_dose"), Column("reason"),
        ),
        key=("decided_at", "exercise_id"), time_column="decided_at", day_column="local_day",
    ),
}  # fmt: skip


# ---- export --------------------------------------------------------------------------------
def write(
    con: sqlite3.Connection, spec: TableFile, out: IO[str], since: date | None, until: date | None
) -> int:
    """The header and every row of ``spec`` (in id order); returns rows written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(spec.header)
    where, params = [], []
    if spec.time_column and since:
        where.append(f"substr({spec.time_column}, 1, 10) >= ?")
        params.append(since.isoformat())
    if spec.time_column and until:
        where.append(f"substr({spec.time_column}, 1, 10) <= ?")
        params.append(until.isoformat())
    sql = f"SELECT {', '.join(spec.header)} FROM {spec.table}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    n = 0
    for row in con.execute(sql + " ORDER BY id", params):
        writer.writerow([cell(v) for v in row])
        n += 1
    return n


# ---- import: reading and checking ----------------------------------------------------------
_INT = re.compile(r"-?\d{1,15}", re.ASCII)
_FLOAT = re.compile(r"-?\d{1,15}(\.\d{1,17})?", re.ASCII)


def _value(col: Column, text: str) -> Any:
    if text == "" and (col.optional or col.kind == "text"):
        return None if col.optional else ""
    if col.kind == "text":
        return validate.text(col.name, text, max_len=col.max_len)
    if col.kind == "int":
        if not _INT.fullmatch(text):
            raise InvalidValue(f"{col.name} must be a whole number (got {text[:40]!r})")
        return int(text)
    if col.kind == "float":
        if not _FLOAT.fullmatch(text) or not math.isfinite(float(text)):
            raise InvalidValue(f"{col.name} must be a number (got {text[:40]!r})")
        return float(text)
    if col.kind == "flag":
        if text not in ("0", "1"):
            raise InvalidValue(f"{col.name} must be 0 or 1 (got {text[:40]!r})")
        return int(text)
    if col.kind == "stamp":
        return validate.timestamp(col.name, text)
    if col.kind == "day":
        return validate.iso_day(col.name, text).isoformat()
    if col.kind == "choice":
        return validate.choice(col.name, text, col.choices)
    raise AssertionError(col.kind)


def records(path: Path, spec: TableFile) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, {column: value}) for every row of ``path``, each value checked."""
    name = path.name
    for start, values in cells(path, spec.header):
        row = {}
        for col, raw in zip(spec.columns, values):
            try:
                row[col.name] = _value(col, raw)
            except InvalidValue as err:
                raise RowProblem(f"{name} line {start} ({col.name}): {err}") from None
        if spec.day_column and spec.time_column:
            day, moment = row[spec.day_column], row[spec.time_column]
            problem = day_mismatch(spec.day_column, day, spec.time_column, moment)
            if problem:
                raise RowProblem(f"{name} line {start}: {problem}")
        yield start, row


def present(folder: Path) -> dict[str, Path]:
    """The registry's files found in ``folder`` (an older export has none of them)."""
    return {k: folder / s.file for k, s in REGISTRY.items() if (folder / s.file).is_file()}


def check(found: Mapping[str, Path]) -> dict[str, int]:
    """Every row of every file checked, duplicates inside a file refused; rows per file."""
    counts = {}
    for kind, path in found.items():
        spec = REGISTRY[kind]
        seen: dict[tuple, int] = {}
        n = 0
        for line, row in records(path, spec):
            n += 1
            if spec.single_row and n > 1:
                raise RowProblem(f"{spec.file} line {line}: a journal has one profile; this file has more rows")
            if spec.key:
                key = tuple(row[c] for c in spec.key)
                if key in seen:
                    raise RowProblem(
                        f"{spec.file} line {line}: the same row as line {seen[key]} "
                        f"({', '.join(f'{c} {row[c]}' for c in spec.key)}); remove one and import again"
                    )
                seen[key] = line
        counts[kind] = n
    return counts


def insert(conn: Any, found: Mapping[str, Path], profile_is_untouched: bool) -> dict[str, int]:
    """Inside the import's write transaction: rows not already there; returns rows added."""
    from sqlalchemy import text

    added = {}
    for kind, path in found.items():
        spec = REGISTRY[kind]
        n = 0
        if spec.single_row:
            if profile_is_untouched:
                for _line, row in records(path, spec):
                    conn.execute(text(f"DELETE FROM {spec.table}"))
                    cols = ", ".join(spec.header)
                    conn.execute(
                        text(f"INSERT INTO {spec.table} (id, {cols}) VALUES (1, {', '.join(':' + c for c in spec.header)})"),
                        row,
                    )
                    n = 1
            added[kind] = n
            continue
        have = {
            tuple(r) for r in conn.execute(text(f"SELECT {', '.join(spec.key)} FROM {spec.table}"))
        }
        sql = text(
            f"INSERT INTO {spec.table} ({', '.join(spec.header)}) "
            f"VALUES ({', '.join(':' + c for c in spec.header)})"
        )
        for line, row in records(path, spec):
            if tuple(row[c] for c in spec.key) in have:
                continue
            from sqlalchemy.exc import IntegrityError

            try:
                conn.execute(sql, row)
            except IntegrityError as err:  # a table rule the row breaks (e.g. reps_lo <= reps)
                raise RowProblem(
                    f"{spec.file} line {line}: the journal refuses this row "
                    f"({str(getattr(err, 'orig', err))[:80]})"
                ) from None
            n += 1
        added[kind] = n
    return added
