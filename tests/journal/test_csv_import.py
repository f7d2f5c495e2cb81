"""Import: all rows or none, named problems, duplicates refused, and exact round trips."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from journal.api import Journal
from journal.exchange.csv_export import export_all
from journal.exchange.csv_import import import_folder
from journal.errors import FileProblem, InvalidValue
from tests.helpers.csv_helpers import fill

LADDERS = {"grip-squeeze": "putty"}
ROUTINES = {"Hand & wrist strength": "hand-wrist-strength", "Gentle mobility": "gentle-mobility"}


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def snapshot(journal: Journal) -> tuple:
    return (journal.counts(), journal.sessions(), journal.sets(), journal.checkins())


@pytest.fixture
def exported(journal, db_path, tmp_path) -> Path:
    fill(journal)
    folder = tmp_path / "export"
    export_all(db_path, folder, ladders=LADDERS)
    return folder


def test_round_trip_into_an_empty_journal_is_byte_identical(exported, tmp_path):
    with Journal.open(tmp_path / "new.db") as new:
        summary = import_folder(new, exported, routine_ids=ROUTINES)
        assert (summary.sessions, summary.sets, summary.symptoms) == (2, 9, 2)
        assert [s.routine_id for s in new.sessions()] == ["hand-wrist-strength", "gentle-mobility"]
    again = tmp_path / "again"
    export_all(tmp_path / "new.db", again, ladders=LADDERS)
    assert digest(again) == digest(exported)


def test_session_ids_are_kept(journal, db_path, tmp_path, now):
    # Gaps in the ids (a deleted session) survive the trip.
    for _ in range(3):
        journal.start_session("gentle-mobility", "Gentle mobility", now)
    with journal._writer.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sessions WHERE id = 2")
    export_all(db_path, tmp_path / "out")
    with Journal.open(tmp_path / "new.db") as new:
        import_folder(new, tmp_path / "out")
        assert [s.id for s in new.sessions()] == [1, 3]


def test_importing_twice_adds_nothing(exported, journal):
    """Issue 15: a second import skips the sessions already there (same routine and start)."""
    before = snapshot(journal)
    summary = import_folder(journal, exported)
    assert (summary.sessions, summary.sets, summary.symptoms) == (0, 0, 0)
    assert summary.skipped == 2
    assert snapshot(journal) == before


def test_new_sessions_go_into_a_journal_that_has_others(exported, tmp_path, now):
    with Journal.open(tmp_path / "other.db") as other:
        for _ in range(2):
            other.start_session("gentle-mobility", "Gentle mobility", now)
        # Make the exported ids free in this journal: renumber the file's sessions 1, 2 → 11, 12.
        for name in ("sessions.csv", "sets.csv", "symptoms.csv"):
            path = exported / name
            text = path.read_bytes().decode()
            text = (
                text.replace("+01:00,1,", "+01:00,11,")
                .replace(",1,Hand", ",11,Hand")
                .replace(",2,Gentle", ",12,Gentle")
            )
            path.write_bytes(text.encode())
        import_folder(other, exported)
        # Issue 15: into a journal with sessions, the new ones are numbered after its last.
        assert sorted(s.id for s in other.sessions()) == [1, 2, 3, 4]
        assert len(other.sets_for_session(3)) == 2 and len(other.checkins(session_id=3)) == 1


def _rewrite(path: Path, record: int, old: str, new: str) -> None:
    """Edit the ``record``-th CRLF-ended record (1 = header) of an exported file."""
    records = path.read_bytes().decode().split("\r\n")
    assert old in records[record - 1], records[record - 1]
    records[record - 1] = records[record - 1].replace(old, new, 1)
    path.write_bytes("\r\n".join(records).encode())


@pytest.mark.parametrize(
    ("name", "record", "old", "new", "message"),
    [
        ("sets.csv", 3, ",12,12,", ",12,abc,", "sets.csv line 3 (reps): reps must be a whole number from 0 to 500 (got 'abc')"),
        # record 6 starts on line 7: the note of record 3 spans two lines, as an editor shows it
        ("sets.csv", 6, ",none,", ",cramp,", "sets.csv line 7 (stop_reason): stop reason must be one of none, pain"),
        ("sets.csv", 2, ",6,2,none", ",6,11,none", "sets.csv line 2 (pain_during): pain during must be from 0 to 10 (got '11')"),
        ("sets.csv", 2, ",0.5,kg,", ",heavy,kg,", "sets.csv line 2 (load): load must be a number from 0 to 500 (got 'heavy')"),
        ("sets.csv", 2, "2026-11-22T08:33:00+01:00", "2026-11-22T08:33:00", "sets.csv line 2 (logged_at): logged at must be a time"),
        ("sets.csv", 2, "2026-11-22,1,", "2026-11-23,1,", "sets.csv line 2: date '2026-11-23' differs from session 1's '2026-11-22'"),
        ("sets.csv", 2, "2026-11-22,1,", "2026-11-22,7,", "sets.csv line 2: session 7 is not in sessions.csv"),
        ("symptoms.csv", 2, "right_hand,3,", "right_hand,30,", "symptoms.csv line 2 (pain): pain must be from 0 to 10 (got '30')"),
        ("symptoms.csv", 2, ",1,before,", ",9,before,", "symptoms.csv line 2: session 9 is neither in sessions.csv nor in the journal"),
        ("symptoms.csv", 3, "2026-11-24,", "2026-02-30,", "symptoms.csv line 3 (date): date: 2026-02-30 is not a real date"),
        ("sessions.csv", 2, ",completed,2,", ",completed,3,", "sessions.csv line 2: session 1 lists 3 sets but sets.csv has 2"),
        ("sessions.csv", 2, ",completed,", ",finished,", "sessions.csv line 2 (status): status must be one of"),
        ("sessions.csv", 3, "2026-11-23,2,", "2026-11-23,1,", "sessions.csv line 3: session 1 is also on line 2"),
        ("sessions.csv", 1, "date,session_id", "day,session_id", "sessions.csv line 1: not the layout rehab-tui exports"),
        ("sessions.csv", 3, ",in_progress,7,", ",in_progress,7,,extra", "sessions.csv line 3: 9 fields, expected 8"),
    ],
)  # fmt: skip
def test_a_bad_row_refuses_everything(exported, tmp_path, name, record, old, new, message):
    _rewrite(exported / name, record, old, new)
    with Journal.open(tmp_path / "new.db") as new_journal:
        with pytest.raises(InvalidValue) as err:
            import_folder(new_journal, exported)
        assert str(err.value).startswith(message), str(err.value)
        assert new_journal.counts() == {
            "sessions": 0,
            "sets": 0,
            "checkins": 0,
            "red_flags": 0,
            "doses": 0,
        }


def test_bad_row_in_the_middle_of_a_big_file_leaves_the_journal_unchanged(
    journal, db_path, tmp_path, now
):
    """Hundreds of good rows before the bad one, and a non-empty target: nothing is half-imported."""
    from datetime import timedelta

    for i in range(300):
        s = journal.start_session(
            "gentle-mobility", "Gentle mobility", now - timedelta(days=400 - i)
        )
        journal.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1,
                        reps=5, now=now - timedelta(days=400 - i))  # fmt: skip
    export_all(db_path, tmp_path / "out")
    path = tmp_path / "out" / "sets.csv"
    lines = path.read_bytes().decode().split("\r\n")
    lines[200] = lines[200].replace(",5,,,", ",-3,,,")
    path.write_bytes("\r\n".join(lines).encode())
    with Journal.open(tmp_path / "target.db") as target:
        target.start_session("mine", "Mine", now - timedelta(days=1000))
        target.record_checkins([{"region": "neck", "pain": 1, "numbness": 0, "tingling": 0, "weakness": 0}],
                               context="ad_hoc", now=now)  # fmt: skip
        # session 1 exists in the target: move the file's ids out of the way first
        with target._writer.begin() as conn:
            conn.exec_driver_sql("UPDATE sessions SET id = 5000 WHERE id = 1")
        before = snapshot(target)
        with pytest.raises(
            InvalidValue,
            match=r"sets.csv line 201 \(reps\): reps must be from 0 to 500 \(got '-3'\)",
        ):
            import_folder(target, tmp_path / "out")
        assert snapshot(target) == before
        # Fixed, the same files import completely.
        lines[200] = lines[200].replace(",-3,,,", ",5,,,")
        path.write_bytes("\r\n".join(lines).encode())
        assert import_folder(target, tmp_path / "out").sets == 300
        assert target.counts()["sessions"] == 301


def test_same_checkin_already_in_the_journal_is_skipped(exported, tmp_path, now):
    """Issue 15: a check-in of the same time, context and region is already here: skipped."""
    with Journal.open(tmp_path / "t.db") as target:
        target.record_checkins([{"region": "neck", "pain": 5, "numbness": 0, "tingling": 0, "weakness": 0}],
                               context="ad_hoc", now=now)  # fmt: skip
        before = target.counts()["checkins"]
        summary = import_folder(target, exported)
        assert target.counts()["sessions"] == 2
        assert target.counts()["checkins"] == before + summary.symptoms
        assert [c.pain for c in target.checkins() if c.context == "ad_hoc" and c.region == "neck"] == [5]


def test_files_edited_in_a_spreadsheet_still_import(exported, tmp_path):
    """A byte-order mark and LF line ends (as some editors save) are accepted."""
    for path in exported.iterdir():
        data = path.read_bytes()
        path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n"))
    with Journal.open(tmp_path / "new.db") as new:
        assert import_folder(new, exported).sets == 9
        assert "line one\nline two" in [s.note for s in new.sets()]


def test_missing_files_and_folders(exported, tmp_path):
    with Journal.open(tmp_path / "new.db") as new:
        with pytest.raises(FileProblem, match="does not exist"):
            import_folder(new, tmp_path / "nowhere")
        (exported / "symptoms.csv").unlink()
        with pytest.raises(FileProblem, match="has no symptoms.csv"):
            import_folder(new, exported)
        (exported / "symptoms.csv").write_bytes(b"")
        with pytest.raises(InvalidValue, match="symptoms.csv is empty"):
            import_folder(new, exported)
        (exported / "symptoms.csv").write_bytes(b"\xff\xfe" + "date".encode("utf-16-le"))
        with pytest.raises(InvalidValue, match="symptoms.csv line 1: saved as UTF-16; save it as UTF-8"):
            import_folder(new, exported)
        (exported / "symptoms.csv").write_bytes(b'date,recorded_at\r\n"unclosed')
        with pytest.raises(InvalidValue, match="symptoms.csv line 1"):
            import_folder(new, exported)
        assert new.counts()["sessions"] == 0


def test_template_copy_is_usable(tmp_path):
    """(helper for the property test) a copied empty journal opens at head without migrating."""
    with Journal.open(tmp_path / "a.db"):
        pass
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    with Journal.open(tmp_path / "b.db") as b:
        assert not b.has_data()
