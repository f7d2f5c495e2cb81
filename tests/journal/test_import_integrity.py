"""Issue 15, items 4 and 9: imports check duplicates under the write lock and refuse rows
duplicated inside a file; days outside 1900-01-01 … 2199-12-31, and sessions more than a day
after the clock, are refused naming the file and line — in CSV, TOML and arguments."""

from __future__ import annotations

import csv
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from journal.api import Journal
from journal.errors import InvalidValue
from journal.exchange import csv_import
from journal.exchange.csv_export import export_all
from tests.cli.test_cli_bad_args import one_line, run_main
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    src = tmp_path / "src.db"
    with Journal.open(src) as journal:
        fill(journal)
    folder = tmp_path / "export"
    export_all(src, folder)
    return folder


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def _free_checkins_only(folder: Path) -> None:
    """Keep only the check-ins that belong to no session (and no sessions or sets)."""
    for name in ("sessions.csv", "sets.csv"):
        _write(folder / name, _rows(folder / name)[:1])
    rows = _rows(folder / "symptoms.csv")
    _write(folder / "symptoms.csv", [rows[0]] + [r for r in rows[1:] if r[2] == ""])


def test_a_row_duplicated_inside_symptoms_csv_is_refused_naming_both_lines(exported, tmp_path):
    rows = _rows(exported / "symptoms.csv")
    _write(exported / "symptoms.csv", rows + [rows[1]])
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        with pytest.raises(InvalidValue) as err:
            csv_import.import_folder(journal, exported)
    message = str(err.value)
    assert "symptoms.csv" in message and f"line {len(rows) + 1}" in message and "line 2" in message
    assert _count(db, "checkins") == 0 and _count(db, "sessions") == 0


def test_two_imports_at_once_of_free_check_ins_add_them_once(exported, tmp_path, monkeypatch):
    _free_checkins_only(exported)
    free = len(_rows(exported / "symptoms.csv")) - 1
    assert free >= 1
    db = tmp_path / "journal.db"
    real_check = csv_import.check
    raced: list[bool] = []

    def check_then_race(journal, files, now=None):  # noqa: ANN001, ANN202
        plan = real_check(journal, files, now)
        if not raced:  # the other import finishes while this one was checking its files
            raced.append(True)
            with Journal.open(db) as other:
                csv_import.import_folder(other, exported)
        return plan

    monkeypatch.setattr(csv_import, "check", check_then_race)
    with Journal.open(db) as journal:
        summary = csv_import.import_folder(journal, exported)  # decided under the write lock
    assert summary.symptoms == 0
    assert _count(db, "checkins") == free


@pytest.mark.parametrize("started", ["9999-12-31T08:00:00+01:00", "1899-12-31T08:00:00+01:00"])
def test_a_session_outside_the_kept_days_is_refused(exported, tmp_path, started):
    rows = _rows(exported / "sessions.csv")
    rows[1][3] = started
    _write(exported / "sessions.csv", rows)
    db = tmp_path / "journal.db"
    line = one_line(*run_main(["import", str(exported), "--db", str(db)])[::2])
    assert "sessions.csv line 2" in line and "outside" in line, line
    assert not db.exists()  # a refused import into a new path leaves no journal behind


def _move_first_session(folder: Path, started: str) -> None:
    """Session 1 starts at ``started``: its date in sessions.csv and sets.csv moves with it."""
    rows = _rows(folder / "sessions.csv")
    rows[1][3], rows[1][0] = started, started[:10]
    _write(folder / "sessions.csv", rows)
    sets = _rows(folder / "sets.csv")
    for row in sets[1:]:
        if row[1] == rows[1][1]:
            row[0] = started[:10]
    _write(folder / "sets.csv", sets)


def test_a_session_more_than_a_day_after_the_clock_is_refused(exported, tmp_path):
    rows = _rows(exported / "sessions.csv")
    rows[1][3] = (NOW + timedelta(days=3)).isoformat()
    _write(exported / "sessions.csv", rows)  # its date too is wrong now: the clock is said first
    with Journal.open(tmp_path / "journal.db") as journal:
        with pytest.raises(InvalidValue, match=r"sessions.csv line 2 \(started_at\).*more than a day after"):
            csv_import.import_folder(journal, exported, now=NOW)
        assert journal.counts()["sessions"] == 0
        # A day ahead (a time zone, a clock a little off) is fine.
        _move_first_session(exported, (NOW + timedelta(hours=20)).isoformat())
        csv_import.import_folder(journal, exported, now=NOW)
        assert journal.counts()["sessions"] == 2


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_export_dates_outside_the_kept_days_are_usage_errors(day, tmp_path):
    code, _out, err = run_main(["export", "sets", "--since", day, "--db", str(tmp_path / "j.db")])
    assert code == 2 and "outside" in err, err


def test_a_toml_until_outside_the_kept_days_is_a_problem():
    from catalogue.schedule import rrule_problem

    problem = rrule_problem("FREQ=DAILY;UNTIL=99991231")
    assert problem and "outside" in problem, problem
    assert rrule_problem("FREQ=DAILY;UNTIL=20301231") is None


def test_the_api_refuses_an_onset_outside_the_kept_days(journal):
    with pytest.raises(InvalidValue, match="outside"):
        journal.update_profile(NOW, onset_date="9999-12-31")
