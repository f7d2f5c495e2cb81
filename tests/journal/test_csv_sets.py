"""The fast sets export (journal/exchange/csv_sets.py) writes exactly what the reference path writes.

The reference is ``csv_export._rows`` (``csv_format.cell`` per value) through ``csv.writer``;
the fast path lets SQLite's printf build each line and sends the lines it cannot vouch for
back to the reference. Awkward values here cover every way a line can need that.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.exchange import csv_export, csv_sets
from journal.api import Journal
from tests.conftest import NOW

LADDERS = {"grip-squeeze": "putty", "finger-band-extension": "band"}


def reference(con: sqlite3.Connection, ladders: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_export.SETS_COLUMNS)
    for row in csv_export._rows("sets", con, None, None, ladders):
        writer.writerow(row)
    return buffer.getvalue()


def fast(con: sqlite3.Connection, ladders: dict[str, str]) -> str:
    buffer = io.StringIO()
    csv_export.write_table(con, "sets", buffer, ladders=ladders)
    return buffer.getvalue()


def journal_with_sets(path: Path, rows: list[dict], *, odd_routine: bool = True) -> None:
    """The given sets (raw SQL: any value), every third in a session whose routine name needs
    quoting and a formula quote (unless not ``odd_routine``)."""
    with Journal.open(path) as j:
        session = j.start_session("gentle-mobility", "Gentle mobility", NOW)
        odd = j.start_session("x", "-Odd, \"routine\"", NOW)
    con = sqlite3.connect(path)
    with con:
        for n, values in enumerate(rows):
            row = {
                "session_id": odd.id if odd_routine and n % 3 == 0 else session.id,
                "exercise_id": "grip-squeeze",
                "exercise_name": "Grip squeeze", "side": "right", "set_number": 1 + n % 9,
                "target_reps": 10, "reps": 9, "target_hold_s": 3.0, "hold_s": 2.5, "load": None,
                "load_unit": None, "level": "soft", "effort": 5, "pain_during": 2,
                "stop_reason": "none", "logged_at": "2026-11-24T08:31:00+01:00", "note": "",
                **values,
            }  # fmt: skip
            cols = ", ".join(row)
            con.execute(f"INSERT INTO sets ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))  # noqa: S608
    con.close()


AWKWARD = [
    {}, {"note": "a, b"}, {"note": 'she said "ok"'}, {"note": "two\nlines"}, {"note": "cr\rhere"},
    {"note": "=1+1"}, {"note": "+41 79"}, {"note": "-3 reps"}, {"note": "@home"}, {"note": "\ttab"},
    {"note": "'=quoted"}, {"note": "''=twice"}, {"note": "'plain"}, {"note": "'"}, {"note": "ünïcödé ✓"},
    {"load": 2.0, "load_unit": "kg", "level": None}, {"load": 0.1 + 0.2, "load_unit": "kg"},
    {"load": 0.65, "load_unit": "kg"}, {"load": 1e-05, "load_unit": "lb"}, {"load": 123.456},
    {"target_hold_s": 1e15}, {"target_hold_s": 1e16}, {"target_hold_s": 2.5e-7},
    {"target_hold_s": -0.0}, {"target_hold_s": "=text"}, {"target_hold_s": "plain text"},
    {"target_reps": "=7"}, {"target_reps": "seven"}, {"target_reps": -3}, {"target_reps": None},
    {"reps": 7.5}, {"level": "", "load_unit": None}, {"level": None, "load_unit": "band"},
    {"level": "-firm", "load_unit": None}, {"level": "soft", "load_unit": ""},
    {"exercise_id": "finger-band-extension", "level": "red", "load_unit": None},
    {"exercise_id": "no-ladder", "level": "odd", "load_unit": None},
    {"exercise_name": "Row, one arm"}, {"exercise_name": "=cmd"}, {"load_unit": "k,g", "load": 1.0},
    {"logged_at": "-2026"}, {"stop_reason": "pain", "pain_during": 8, "effort": None},
]  # fmt: skip


def test_awkward_values_are_written_as_the_reference_writes_them(tmp_path):
    db = tmp_path / "journal.db"
    journal_with_sets(db, AWKWARD * 3)
    con = sqlite3.connect(db)
    try:
        expected = reference(con, LADDERS)
        assert fast(con, LADDERS) == expected
        assert fast(con, {}) == reference(con, {})
    finally:
        con.close()
    assert expected.count("\r\n") > len(AWKWARD) * 3  # the notes' line breaks are in there too


def test_lines_are_checked_a_chunk_at_a_time(tmp_path, monkeypatch):
    """Chunks that are all plain, all odd, or mixed; and a chunk boundary inside a session."""
    monkeypatch.setattr(csv_sets, "CHUNK", 7)
    db = tmp_path / "journal.db"
    journal_with_sets(db, [{}] * 20 + AWKWARD + [{}] * 9)
    con = sqlite3.connect(db)
    try:
        assert fast(con, LADDERS) == reference(con, LADDERS)
    finally:
        con.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # Any text rehab-tui can store: validate.text refuses NUL (see journal/exchange/csv_sets.py) and
    # lone surrogates (which SQLite cannot take as text anyway).
    notes=st.lists(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
        min_size=1, max_size=6,
    ),
    loads=st.lists(st.one_of(st.none(), st.floats(0, 500, allow_nan=False)), min_size=1, max_size=6),
)
def test_any_note_and_load(tmp_path_factory, notes, loads):
    db = tmp_path_factory.mktemp("fast") / "journal.db"
    rows = [{"note": note, "load": load, "load_unit": "kg" if load is not None else None}
            for note, load in zip(notes * len(loads), loads * len(notes))]  # fmt: skip
    journal_with_sets(db, rows)
    con = sqlite3.connect(db)
    try:
        assert fast(con, LADDERS) == reference(con, LADDERS)
    finally:
        con.close()


def test_plain_lines_take_the_fast_path(tmp_path, monkeypatch):
    """The check is not vacuous: plain sets are not re-read, awkward ones are."""
    asked: list[int] = []
    real_exact = csv_export._exact_set_lines

    def spy(con, ids, ladders):  # noqa: ANN001, ANN202
        asked.extend(ids)
        return real_exact(con, ids, ladders)

    monkeypatch.setattr(csv_export, "_exact_set_lines", spy)
    db = tmp_path / "journal.db"
    journal_with_sets(db, [{}] * 50 + [{"note": "a, b"}, {"note": "=x"}], odd_routine=False)
    con = sqlite3.connect(db)
    try:
        fast(con, LADDERS)
    finally:
        con.close()
    assert len(asked) == 2
