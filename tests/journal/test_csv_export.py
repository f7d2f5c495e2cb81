"""Export: exact headers and rows, the quoting and formula rules, date ranges, Strong's layout."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from journal.exchange.csv_export import export_all, export_kind
from journal.exchange.csv_strong import export_strong
from journal.exchange.csv_format import SESSIONS_COLUMNS, SETS_COLUMNS, SYMPTOMS_COLUMNS
from journal.errors import FileProblem, JournalUnavailable, NotAJournal
from tests.helpers.csv_helpers import NASTY_NOTES, fill

LADDERS = {"grip-squeeze": "putty"}


def export(db_path, kind, **kw) -> str:
    out = io.StringIO(newline="")
    export_kind(db_path, kind, out, ladders=LADDERS, **kw)
    return out.getvalue()


def test_headers_are_exactly_the_spec(journal, db_path):
    assert export(db_path, "sets").split("\r\n")[0] == (
        "date,session_id,routine,exercise_id,exercise,side,set_number,target_reps,reps,"
        "target_hold_s,hold_s,load,load_unit,effort,pain_during,stop_reason,note,logged_at"
    )
    assert export(db_path, "symptoms").split("\r\n")[0] == (
        "date,recorded_at,session_id,context,region,pain,numbness,tingling,weakness,note"
    )
    assert (
        export(db_path, "sessions")
        == "date,session_id,routine,started_at,ended_at,status,sets,note\r\n"
    )


def test_sets_rows_exactly(journal, db_path):
    ids = fill(journal)
    lines = export(db_path, "sets").split("\r\n")
    assert lines[1] == (
        f"2026-11-22,{ids['s1']},Hand & wrist strength,wrist-flexion-curl,Wrist flexion curl,right,1,"
        '10,9,4,4.5,0.5,kg,6,2,none,"a, b ""quoted""",2026-11-22T08:33:00+01:00'
    )
    # A level is written as its name, with the exercise's ladder as the unit; the note's newline
    # stays inside its quoted cell.
    assert lines[2] == (
        f"2026-11-22,{ids['s1']},Hand & wrist strength,grip-squeeze,Grip squeeze,both,1,12,12,,,soft,"
        'putty,3,0,tingling,"line one\nline two",2026-11-22T08:35:00+01:00'
    )
    assert lines[3] == (
        f"2026-11-23,{ids['s2']},Gentle mobility,neck-rotation,Neck rotation,both,1,5,5,,,,,,,none,"
        "ça va — 手 👍,2026-11-23T08:31:00+01:00"
    )
    notes = [line.split(",none,")[1].rsplit(",", 1)[0] for line in lines[4:-1]]
    assert notes == [
        '"\'=HYPERLINK(""http://x"")"',
        "'+1 rep",
        "'-2 kg",
        "'@mention",
        "'\tindented",
        "''=already guarded",
    ]
    assert lines[-1] == ""  # the file ends with CRLF


def test_a_spreadsheet_reader_finds_every_set_and_note(journal, db_path):
    fill(journal)
    rows = list(csv.DictReader(io.StringIO(export(db_path, "sets"), newline="")))
    assert len(rows) == 2 + len(NASTY_NOTES[2:]) == len(journal.sets())
    shown = [r["note"] for r in rows]
    for note in NASTY_NOTES[:2] + NASTY_NOTES[2:]:
        guarded = "'" + note if note[0] in "=+-@\t" or note.startswith("'=") else note
        assert guarded in shown


def test_sessions_and_symptoms_rows_exactly(journal, db_path):
    ids = fill(journal)
    assert export(db_path, "sessions").split("\r\n")[1:] == [
        f"2026-11-22,{ids['s1']},Hand & wrist strength,2026-11-22T08:30:00+01:00,"
        '2026-11-22T08:50:00+01:00,completed,2,"\'=HYPERLINK(""http://x"")"',
        f"2026-11-23,{ids['s2']},Gentle mobility,2026-11-23T08:30:00+01:00,,in_progress,7,",
        "",
    ]
    assert export(db_path, "symptoms").split("\r\n")[1:] == [
        f"2026-11-22,2026-11-22T08:31:00+01:00,{ids['s1']},before,right_hand,3,1,2,4,'=before",
        "2026-11-24,2026-11-24T08:30:00+01:00,,ad_hoc,neck,0,0,0,0,'-fine",
        "",
    ]


def test_the_hyperlink_note_is_quoted_and_guarded(journal, db_path):
    fill(journal)
    row = next(csv.reader(io.StringIO(export(db_path, "sessions").split("\r\n", 1)[1], newline="")))
    assert row[-1] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("since", "until", "sessions", "sets", "symptoms"),
    [
        (None, None, 2, 9, 2),
        (date(2026, 11, 22), date(2026, 11, 22), 1, 2, 1),  # one day: both ends inclusive
        (date(2026, 11, 23), None, 1, 7, 1),
        (None, date(2026, 11, 21), 0, 0, 0),
        (date(2026, 11, 24), date(2026, 11, 24), 0, 0, 1),
        (date(2026, 11, 25), None, 0, 0, 0),
    ],
)
def test_since_until_edges(journal, db_path, since, until, sessions, sets, symptoms):
    fill(journal)
    counted = {
        kind: len(export(db_path, kind, since=since, until=until).split("\r\n")) - 2
        for kind in ("sessions", "sets", "symptoms")
    }
    assert counted == {"sessions": sessions, "sets": sets, "symptoms": symptoms}


def test_export_all_writes_every_file_private(journal, db_path, tmp_path):
    fill(journal)
    folder = tmp_path / "out" / "export"
    with pytest.raises(FileProblem, match=r"the folder .*/out does not exist; create it first"):
        export_all(db_path, folder, ladders=LADDERS)  # the folder it goes in is never made
    assert not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()
    counts = export_all(db_path, folder, ladders=LADDERS)  # the folder itself is
    assert counts == {"sessions": 2, "sets": 9, "symptoms": 2,
                      "profile": 0, "doses": 0, "red_flags": 0, "decisions": 0, "outcomes": 0}  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == [
        "decisions.csv", "doses.csv", "outcomes.csv", "profile.csv", "red_flags.csv",
        "sessions.csv", "sets.csv", "symptoms.csv",
    ]  # fmt: skip
    assert (folder / "outcomes.csv").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    for name, columns in (
        ("sessions", SESSIONS_COLUMNS),
        ("sets", SETS_COLUMNS),
        ("symptoms", SYMPTOMS_COLUMNS),
    ):
        path = folder / f"{name}.csv"
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.read_bytes().startswith(",".join(columns).encode() + b"\r\n")
    with open(folder / "sets.csv", encoding="utf-8", newline="") as fh:
        assert fh.read() == export(db_path, "sets")


def test_strong_layout(journal, db_path):
    fill(journal)
    out = io.StringIO(newline="")
    assert export_strong(db_path, out, ladders=LADDERS) == 9
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight",
                       "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]  # fmt: skip
    assert rows[1] == ["2026-11-22 08:30:00", "Hand & wrist strength", "20m", "Wrist flexion curl", "1",
                       "0.5", "9", "0", "4.5", "right side · pain 2/10 · a, b \"quoted\"",
                       "'=HYPERLINK(\"http://x\")", "6"]  # fmt: skip
    assert rows[2][3:10] == ["Grip squeeze", "1", "0", "12", "0", "0",
                             "soft putty · pain 0/10 · stopped: tingling · line one\nline two"]  # fmt: skip
    # An unfinished session lasts until its last set; the set order counts per exercise.
    assert [r[2] for r in rows[3:]] == ["7m"] * 7
    assert [r[4] for r in rows[3:]] == [str(n) for n in range(1, 8)]


def test_strong_weights_in_the_profile_unit(journal, db_path, now):
    journal.update_profile(now, units="lb")
    s = journal.start_session("x", "X", now)
    journal.log_set(s.id, exercise_id="curl", exercise_name="Curl", set_number=1, reps=8, load=1.0,
                    load_unit="kg", now=now)  # fmt: skip
    out = io.StringIO(newline="")
    export_strong(db_path, out)
    assert out.getvalue().split("\r\n")[1].split(",")[5] == "2.2"


def test_no_journal_and_not_a_journal(tmp_path):
    with pytest.raises(JournalUnavailable, match="there is no journal at"):
        export_kind(tmp_path / "none.db", "sets", io.StringIO())
    assert not (tmp_path / "none.db").exists()
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(NotAJournal):
        export_kind(other, "sets", io.StringIO())
    assert other.read_text() == "hello"


def test_export_reads_while_the_journal_is_open_and_writes_nothing(journal, db_path):
    fill(journal)
    before = journal.counts()
    first = export(db_path, "sets")
    assert export(db_path, "sets") == first
    assert journal.counts() == before


def test_a_journal_that_may_not_be_written_is_still_exported(journal, db_path, monkeypatch):
    """A read-only file or directory (e.g. a backup on read-only media) opens read-only."""
    import journal.exchange.csv_export as csv_export

    fill(journal)
    expected = export(db_path, "sets")
    journal.close()
    opened = []
    real_connect = csv_export.sqlite3.connect
    monkeypatch.setattr(csv_export.os, "access", lambda *_a: False)
    monkeypatch.setattr(
        csv_export.sqlite3, "connect", lambda *a, **k: opened.append(a[0]) or real_connect(*a, **k)
    )
    assert export(db_path, "sets") == expected
    assert opened and all(
        str(p).startswith("file://") and str(p).endswith("?mode=ro&immutable=1") for p in opened
    )
