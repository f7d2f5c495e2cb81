"""Exporting sets fast: SQLite writes each CSV line; Python checks lines and fixes the odd one.

A journal of ten years can hold a million sets. Fetching every value into Python and
formatting it cell by cell (``csv_format.cell``) costs ~10 µs a set; here SQLite's ``printf``
builds each line (one string per set, no per-cell Python) and Python only checks, a thousand
lines at a time with C-speed string methods, that no line needs what the plain rendering
cannot do: CSV quoting (a comma, quote or line break inside a value) or the formula-injection
quote (a text cell beginning with ``= + - @``, tab, CR or ``'``). SQL marks, with a ``"``, the
lines whose values it cannot render exactly as ``csv_format.cell`` does (such a first character;
a number stored in an unusual way). Any line that fails a check is written by the reference
path instead (``csv_export._rows`` through ``csv.writer``), so the file is byte for byte what
that path writes — ``tests/journal/test_csv_sets.py`` compares the two on awkward values.

That holds for every value rehab-tui stores. Two kinds of value only another program can put in
the file are written as SQLite renders them: text holding a NUL character (``validate.text``
refuses control characters; ``printf`` ends the text there) and a BLOB.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO

#: Lines checked and written at a time (small enough that memory stays flat).
CHUNK = 1000
#: Characters that make a text cell a formula (and ``'``, which may start an escaped one).
_RISKY_FIRST = "61, 43, 45, 64, 9, 13, 39"  # = + - @ TAB CR '
FIELDS = 18


def _real(x: str) -> str:
    """A REAL as ``csv_format.number_text`` writes it: whole numbers without ``.0``; others in
    SQLite's 15 significant digits, which is Python's shortest form whenever it reads back as the
    same number in [1e-4, 1e15) — else the line is marked for the reference path."""
    return (
        f"(CASE WHEN {x} IS NULL THEN '' WHEN {x} = CAST({x} AS INTEGER) AND abs({x}) < 1e15 "
        f"THEN CAST({x} AS INTEGER) WHEN abs({x}) >= 1e-4 AND abs({x}) < 1e15 "
        f"AND CAST(CAST({x} AS TEXT) AS REAL) = {x} THEN {x} ELSE '\"' END)"
    )


def _ladder(ladders: Mapping[str, str], params: list[object]) -> str:
    """The exercise's ladder from the catalogue (for a level logged without its unit)."""
    if not ladders:
        return "NULL"
    whens = []
    for exercise_id, ladder in sorted(ladders.items()):
        whens.append("WHEN ? THEN ?")
        params += [exercise_id, ladder]
    return f"CASE t.exercise_id {' '.join(whens)} END"


def lines_sql(where: str, ladders: Mapping[str, str]) -> tuple[str, list[object]]:
    """The query: (set id, CSV line with CRLF) in export order; ``where`` limits local days."""
    params: list[object] = []
    ladder = _ladder(ladders, params)
    texts = ("s.local_day", "s.routine_name", "t.exercise_id", "t.exercise_name", "t.level",
             "t.load_unit", "t.note", "t.logged_at")  # fmt: skip
    mark = (
        "CASE WHEN "
        + " OR ".join(f"unicode({x}) IN ({_RISKY_FIRST})" for x in texts)
        # the one integer column without a CHECK that keeps text out of it
        + " OR typeof(t.target_reps) NOT IN ('integer', 'null') THEN '\"' ELSE '' END"
    )
    cells = (
        "s.local_day", "t.session_id", "s.routine_name", "t.exercise_id", "t.exercise_name",
        "t.side", "t.set_number", "t.target_reps", "t.reps", _real("t.target_hold_s"),
        _real("t.hold_s"),
        # csv_format.load_cells: the load and its unit, else the level and its ladder
        f"CASE WHEN t.load IS NOT NULL THEN {_real('t.load')} WHEN t.level <> '' THEN t.level END",
        (
            f"CASE WHEN t.load IS NULL AND t.level <> '' "
            f"THEN COALESCE(NULLIF(t.load_unit, ''), {ladder}) ELSE t.load_unit END"
        ),
        "t.effort", "t.pain_during", "t.stop_reason", "t.note", "t.logged_at", mark,
    )  # fmt: skip
    fmt = ",".join(["%s"] * FIELDS) + "%s"  # printf's %s writes NULL as nothing
    sql = (
        f"SELECT t.id, printf('{fmt}' || char(13, 10), {', '.join(cells)}) "
        f"FROM sets AS t JOIN sessions AS s ON s.id = t.session_id {where} "
        f"ORDER BY t.session_id, t.id"
    )
    return sql, params


def _plain(line: str) -> bool:
    return (
        line.count(",") == FIELDS - 1
        and '"' not in line
        and line.count("\n") == 1
        and line.count("\r") == 1
        and line.endswith("\r\n")
    )


def write_lines(
    con: sqlite3.Connection,
    out: IO[str],
    where: str,
    where_params: list[str],
    ladders: Mapping[str, str],
    exact: Callable[[list[int]], Iterable[str]],
    tick: Callable[[int], None],
) -> int:
    """Write every set's line to ``out``; ``exact(ids)`` gives the reference lines for the ids
    (in export order) of lines that fail the checks. Returns the number of sets written."""
    sql, params = lines_sql(where, ladders)
    cursor = con.execute(sql, params + list(where_params))
    total = 0
    for rows in _chunks(cursor):
        chunk = "".join([line for _id, line in rows])
        n = len(rows)
        if (
            chunk.count(",") != (FIELDS - 1) * n
            or '"' in chunk
            or chunk.count("\n") != n
            or chunk.count("\r") != n
        ):
            chunk = _mend(rows, exact)
        out.write(chunk)
        total += n
        tick(n)
    return total


def _chunks(cursor: sqlite3.Cursor) -> Iterator[list[tuple[int, str]]]:
    while rows := cursor.fetchmany(CHUNK):
        yield rows


def _mend(rows: list[tuple[int, str]], exact: Callable[[list[int]], Iterable[str]]) -> str:
    """The chunk with every line that fails the checks written by the reference path."""
    odd = [set_id for set_id, line in rows if not _plain(line)]
    fixed = dict(zip(odd, exact(odd), strict=True))
    return "".join([fixed.get(set_id, line) for set_id, line in rows])
