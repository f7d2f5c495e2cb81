"""`rehab-tui export` and `rehab-tui import` as a user runs them."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.cli.test_cli import cli, one_line_error


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = cli("demo", "--days", "30", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_export_all_import_export_round_trip(demo_db, tmp_path):
    out = cli("export", "--db", str(demo_db), "-o", str(tmp_path / "one"))
    assert out.returncode == 0 and out.stderr == ""
    assert f"Wrote {tmp_path / 'one'}/: sessions.csv (" in out.stdout
    new = tmp_path / "new.db"
    imported = cli("import", str(tmp_path / "one"), "--db", str(new))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Added ") and str(new) in imported.stdout
    assert "skipped 0 already here" in imported.stdout
    assert cli("export", "all", "--db", str(new), "-o", str(tmp_path / "two")).returncode == 0
    for name in sorted(p.name for p in (tmp_path / "one").iterdir()):  # every file, byte for byte
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    # Every set is there for a spreadsheet-like reader.
    with open(tmp_path / "two" / "sets.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    import sqlite3

    con = sqlite3.connect(demo_db)
    assert len(rows) == con.execute("SELECT COUNT(*) FROM sets").fetchone()[0]
    con.close()
    # Importing the same files again adds nothing (issue 15: a merge, not a refusal).
    again = cli("import", str(tmp_path / "one"), "--db", str(new))
    assert again.returncode == 0 and "Added 0 sessions, skipped" in again.stdout, again


def test_one_table_to_stdout_and_to_a_directory(demo_db, tmp_path):
    stdout = subprocess.run(
        [sys.executable, "-m", "tui.cli", "export", "sets", "--db", str(demo_db), "--since", "2000-01-01"],
        capture_output=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert stdout.returncode == 0 and stdout.stdout.startswith(b"date,session_id,routine,")
    assert cli("export", "sets", "--db", str(demo_db), "-o", str(tmp_path)).returncode == 0
    assert (tmp_path / "sets.csv").read_bytes() == stdout.stdout
    strong = cli(
        "export", "--format", "strong", "--db", str(demo_db), "-o", str(tmp_path / "s.csv")
    )
    assert strong.returncode == 0
    assert (
        (tmp_path / "s.csv")
        .read_text(encoding="utf-8")
        .startswith(
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        )
    )


def test_date_range_on_the_command_line(demo_db):
    full = cli("export", "sessions", "--db", str(demo_db)).stdout.splitlines()
    days = sorted({row.split(",")[0] for row in full[1:]})
    one = cli("export", "sessions", "--db", str(demo_db), "--since", days[3], "--until", days[3])
    assert {row.split(",")[0] for row in one.stdout.splitlines()[1:]} == {days[3]}
    recent = cli("export", "sessions", "--db", str(demo_db), "--since", "400w")
    assert recent.stdout == cli("export", "sessions", "--db", str(demo_db)).stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("export", "--since", "2026-02-30"), 2, "rehab-tui: argument --since: 2026-02-30 is not a real date"),
        (("export", "--until", "soon"), 2, "rehab-tui: argument --until: 'soon' is not a date"),
        (("export", "--since", "2026-03-02", "--until", "2026-03-01"), 1, "rehab-tui: --since 2026-03-02 is after --until 2026-03-01"),
        (("export", "all", "-o", "-"), 2, "rehab-tui: `all` writes sessions.csv, sets.csv, symptoms.csv, profile.csv, doses.csv, red_flags.csv, decisions.csv and outcomes.csv; give a directory with -o DIR"),
        (("export", "symptoms", "--format", "strong"), 2, "rehab-tui: --format strong writes sets only"),
        (("export", "bogus"), 2, "rehab-tui: argument {sets,symptoms,sessions,all}: invalid choice: 'bogus'"),
    ],
)  # fmt: skip
def test_bad_arguments(demo_db, args, code, message):
    assert one_line_error(cli(*args, "--db", str(demo_db)), code).startswith(message)


def test_missing_journal_or_folder(tmp_path):
    line = one_line_error(
        cli("export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "out"))
    )
    assert line == f"rehab-tui: there is no journal at {tmp_path / 'none.db'}; nothing to export"
    assert not (tmp_path / "none.db").exists()
    line = one_line_error(cli("import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "j.db")))
    assert "nowhere does not exist" in line
    assert not (tmp_path / "j.db").exists()


def test_a_bad_row_refuses_the_import(demo_db, tmp_path):
    assert cli("export", "--db", str(demo_db), "-o", str(tmp_path / "x")).returncode == 0
    path = tmp_path / "x" / "symptoms.csv"
    records = path.read_bytes().decode().split("\r\n")
    records[5] = records[5][: records[5].rindex(",")] + ",\x01bad"
    path.write_bytes("\r\n".join(records).encode())
    new = tmp_path / "new.db"
    line = one_line_error(cli("import", str(tmp_path / "x"), "--db", str(new)))
    assert line == "rehab-tui: symptoms.csv line 6 (note): note contains control characters"
    # A refused import into a new path leaves nothing behind: no journal, no -wal, no -shm.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x"]


def test_sets_csv_opens_in_a_csv_reader_with_every_column(demo_db):
    text = cli("export", "sets", "--db", str(demo_db)).stdout
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert rows and all(len(r) == 18 for r in rows)
    assert {r["load_unit"] for r in rows} >= {"kg", "putty", "band"}
