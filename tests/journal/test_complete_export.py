"""Issue 15: `export all` is a complete copy — profile, doses, red flags and decisions too —
that `import` restores into an empty journal, byte-identical on the way back out; rows
duplicated inside a new file are refused; junk in any cell of them is refused cleanly."""

from __future__ import annotations

import csv
import filecmp
import hashlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.api import Journal
from journal.errors import InvalidValue
from journal.exchange import csv_tables
from journal.exchange.csv_export import export_all
from journal.exchange.csv_import import import_folder
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill

ALL_FILES = sorted(["sessions.csv", "sets.csv", "symptoms.csv", "outcomes.csv"] + [s.file for s in csv_tables.REGISTRY.values()])


def _full_journal(path: Path) -> None:
    from catalogue.models import Dose

    with Journal.open(path) as journal:
        fill(journal)
        journal.update_profile(NOW, affected_side="left", units="lb", cleared_for_strength=True,
                               onset_date="2026-06-01", count_seconds=1.5)  # fmt: skip
        journal.acknowledge_safety(NOW)
        journal.report_red_flag("spreading-numbness", "urgent", NOW, note="=left hand")
        journal.report_red_flag("weakness", "soon", NOW + timedelta(minutes=1))
        journal.resolve_red_flags(NOW + timedelta(minutes=2), [1])
        journal.change_dose("grip-squeeze", Dose(sets=2, reps=12, reps_lo=8, reps_hi=15, level="medium", ladder="putty"),
                            NOW, "PROGRESS (2-for-2): 'quoted', with, commas")  # fmt: skip
        journal.change_dose("wrist-flexion-curl", Dose(sets=3, reps=10, reps_lo=8, reps_hi=12, hold_s=4, load=0.75, unit="kg"),
                            NOW + timedelta(days=1), "")  # fmt: skip
        journal.record_decision(exercise_id="grip-squeeze", decision="declined", rule="PROGRESS",
                                from_dose="2x12 medium", to_dose="2x12 firm", reason="line\nbreak",
                                now=NOW)  # fmt: skip


def _table(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
        return con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").fetchall()
    finally:
        con.close()


def test_export_import_export_is_byte_identical_for_every_file(tmp_path):
    src = tmp_path / "src.db"
    _full_journal(src)
    first, second = tmp_path / "first", tmp_path / "second"
    counts = export_all(src, first)
    assert counts["doses"] == 2 and counts["red_flags"] == 2 and counts["decisions"] == 1
    assert counts["profile"] == 1
    assert sorted(p.name for p in first.iterdir()) == ALL_FILES
    dst = tmp_path / "dst.db"
    with Journal.open(dst) as journal:
        summary = import_folder(journal, first)
    assert summary.others == {"profile": 1, "doses": 2, "red_flags": 2, "decisions": 1}
    export_all(dst, second)
    match, mismatch, errors = filecmp.cmpfiles(first, second, ALL_FILES, shallow=False)
    assert sorted(match) == ALL_FILES, (mismatch, errors)
    for table in ("profile", "doses", "red_flags", "decisions"):
        assert _table(dst, table) == _table(src, table), table


def test_an_older_export_without_the_new_files_still_imports(tmp_path):
    src = tmp_path / "src.db"
    _full_journal(src)
    folder = tmp_path / "e"
    export_all(src, folder)
    for spec in csv_tables.REGISTRY.values():
        (folder / spec.file).unlink()
    with Journal.open(tmp_path / "dst.db") as journal:
        summary = import_folder(journal, folder)
        assert summary.sessions == 2 and summary.others == {}


def test_a_filled_in_profile_is_kept_and_known_rows_are_skipped(tmp_path):
    src = tmp_path / "src.db"
    _full_journal(src)
    folder = tmp_path / "e"
    export_all(src, folder)
    for name in ("sessions.csv", "sets.csv", "symptoms.csv"):  # only the new files
        lines = (folder / name).read_bytes().split(b"\r\n")[0] + b"\r\n"
        (folder / name).write_bytes(lines)
    dst = tmp_path / "dst.db"
    with Journal.open(dst) as journal:
        journal.update_profile(NOW, affected_side="both")
        first = import_folder(journal, folder)
        second = import_folder(journal, folder)
        assert journal.profile().affected_side == "both"
    assert first.others == {"profile": 0, "doses": 2, "red_flags": 2, "decisions": 1}
    assert second.others == {"profile": 0, "doses": 0, "red_flags": 0, "decisions": 0}


@pytest.mark.parametrize("name", ["doses.csv", "red_flags.csv", "decisions.csv"])
def test_a_row_duplicated_inside_a_new_file_is_refused_naming_both_lines(tmp_path, name):
    src = tmp_path / "src.db"
    _full_journal(src)
    folder = tmp_path / "e"
    export_all(src, folder)
    with open(folder / name, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(folder / name, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows + [rows[1]])
    dst = tmp_path / "dst.db"
    with Journal.open(dst) as journal:
        with pytest.raises(InvalidValue) as err:
            import_folder(journal, folder)
        assert journal.counts()["sessions"] == 0
    assert f"{name} line" in str(err.value) and "same row as line 2" in str(err.value)


# ---- junk -------------------------------------------------------------------------------------
JUNK = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "nan", "inf", "-1", "1e3", "٣", "1_000", "9999-12-31T00:00:00+00:00",
                     "2026-02-30", "2026-11-24T08:00:00", "'=1+1", "\x00", "0x10", "99999999999999999999"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("complete")
    _full_journal(tmp / "src.db")
    export_all(tmp / "src.db", tmp / "e")
    return tmp / "e"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(csv_tables.REGISTRY)), column=st.integers(0, 13), junk=JUNK)
def test_junk_in_a_new_file_is_imported_cleanly_or_refused_naming_file_and_line(
    exported, tmp_path_factory, kind, column, junk
):
    import shutil

    spec = csv_tables.REGISTRY[kind]
    tmp = tmp_path_factory.mktemp("junk")
    folder = tmp / "e"
    shutil.copytree(exported, folder)
    with open(folder / spec.file, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][column % len(spec.columns)] = junk
    with open(folder / spec.file, "w", encoding="utf-8", newline="", errors="surrogatepass") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    db = tmp / "j.db"
    Journal.open(db).close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    try:
        with Journal.open(db) as journal:
            import_folder(journal, folder)
    except InvalidValue as err:
        message = str(err)
        assert "\n" not in message and (spec.file in message or ".csv" in message), message
        with Journal.open(db) as journal:
            assert journal.counts() == {"sessions": 0, "sets": 0, "checkins": 0, "red_flags": 0, "doses": 0}
    else:
        with Journal.open(db) as journal:
            assert journal.counts()["sessions"] == 2
    del before
