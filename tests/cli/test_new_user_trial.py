"""What a new-user trial of the command line found, each checked as the user met it: a refused
import leaves nothing behind; messages name every file `export all` writes; a row whose date is
not its time's day is refused; the red-flag words are the same everywhere (and never a raw id);
`report --weeks`, the state directory and restarting the app after a restore are documented."""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from journal.api import Journal
from tests.cli.test_cli import cli, one_line_error
from tests.conftest import NOW, ROOT
from tests.helpers.csv_helpers import fill

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`export all` of a small known journal, with a decision and a grip reading in it."""
    base = tmp_path_factory.mktemp("trial")
    src = base / "src.db"
    with Journal.open(src) as journal:
        fill(journal)
        journal.record_decision(
            exercise_id="wrist-flexion-curl", decision="declined", rule="progress.reps",
            from_dose="3 × 10", to_dose="3 × 12", reason="not yet", now=NOW - timedelta(hours=1),
        )  # fmt: skip
        journal.record_grip("left", [30, 31], "kg", NOW - timedelta(hours=2))
    result = cli("export", "all", "--db", str(src), "-o", str(base / "export"))
    assert result.returncode == 0, result.stderr
    return base / "export"


@pytest.fixture
def folder(exported: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(exported, tmp_path / "export"))


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def _pain_of_11(folder: Path) -> None:
    rows = _rows(folder / "symptoms.csv")
    rows[1][5] = "11"
    _write(folder / "symptoms.csv", rows)


# ---- 1. a refused import leaves nothing behind ----------------------------------------------
def test_a_refused_import_into_a_new_path_leaves_no_journal_wal_or_shm(folder, tmp_path):
    _pain_of_11(folder)
    home = tmp_path / "home"
    home.mkdir()
    line = one_line_error(cli("import", str(folder), "--db", str(home / "journal.db")))
    assert "symptoms.csv line 2 (pain)" in line
    assert list(home.iterdir()) == []


def test_a_refused_import_into_the_default_location_leaves_no_data_folder(folder, tmp_path):
    _pain_of_11(folder)
    data = tmp_path / "xdg-data"
    env = {"XDG_DATA_HOME": str(data), "REHAB_TUI_DB": ""}
    line = one_line_error(cli("import", str(folder), env=env))
    assert "symptoms.csv line 2 (pain)" in line
    assert not data.exists()  # nor rehab-tui/ inside it, nor journal.db
    assert cli("import", str(folder.parent / "nowhere"), env=env).returncode == 1
    assert not data.exists()


def test_a_refused_import_keeps_a_journal_that_was_there_even_an_empty_one(folder, tmp_path):
    _pain_of_11(folder)
    db = tmp_path / "journal.db"
    Journal.open(db).close()  # a journal made by the app, nothing in it yet
    before = db.read_bytes()
    one_line_error(cli("import", str(folder), "--db", str(db)))
    assert db.exists() and db.read_bytes() == before


def test_only_an_unused_journal_of_our_own_making_is_discarded(tmp_path):
    from journal.store.engine import discard_unused, first_missing_folder

    path = tmp_path / "a" / "b" / "journal.db"
    made = first_missing_folder(path)
    assert made == tmp_path / "a"
    path.parent.mkdir(parents=True)
    Journal.open(path).close()
    other = sqlite3.connect(path)  # another program has it open: kept
    other.execute("SELECT COUNT(*) FROM sessions").fetchone()
    assert discard_unused(path, made=made) is False and path.exists()
    other.close()
    with Journal.open(path) as journal:  # something in it: kept
        journal.record_checkins([{"region": "neck", "pain": 1}], context="ad_hoc", now=NOW)
    assert discard_unused(path, made=made) is False and path.exists()
    fresh = tmp_path / "c" / "journal.db"
    fresh.parent.mkdir()
    Journal.open(fresh).close()
    assert discard_unused(fresh, made=tmp_path / "c") is True
    assert not (tmp_path / "c").exists() and (tmp_path / "a").is_dir()
    assert discard_unused(tmp_path / "none.db") is False and not (tmp_path / "none.db").exists()


# ---- 2. every file `export all` writes is named where a message or help names them ----------
def _all_files() -> list[str]:
    from journal.exchange import csv_tables, outcomes_csv
    from journal.exchange.csv_format import FILES

    return [f"{k}.csv" for k in FILES] + [s.file for s in csv_tables.REGISTRY.values()] + [outcomes_csv.FILE]


def test_export_help_and_messages_name_every_file_and_never_say_three(tmp_path):
    help_text = " ".join(cli("export", "--help").stdout.split())
    for name in _all_files():
        assert name in help_text, name
    usage = one_line_error(cli("export", "all", "-o", "-", "--db", str(tmp_path / "j.db")), 2)
    assert all(name in usage for name in _all_files()), usage
    for command in ("export", "import"):
        assert "three" not in cli(command, "--help").stdout
    (tmp_path / "afile").write_text("x")
    line = one_line_error(cli("export", "all", "-o", str(tmp_path / "afile"), "--db", str(tmp_path / "j.db")))
    assert "three" not in line
    empty = tmp_path / "empty"
    empty.mkdir()
    line = one_line_error(cli("import", str(empty), "--db", str(tmp_path / "j.db")))
    assert "three" not in line and "sessions.csv" in line


def test_export_all_writes_exactly_the_files_it_names(exported):
    assert sorted(p.name for p in exported.iterdir()) == sorted(_all_files())


# ---- 3. a row's date is the local day of its time -------------------------------------------
@pytest.mark.parametrize(
    ("name", "day_column", "time_column"),
    [("sessions.csv", "date", "started_at"), ("symptoms.csv", "date", "recorded_at"),
     ("decisions.csv", "local_day", "decided_at"), ("outcomes.csv", "date", "recorded_at")],
)  # fmt: skip
def test_a_date_that_is_not_the_day_of_its_time_is_refused(folder, tmp_path, name, day_column, time_column):
    rows = _rows(folder / name)
    header = rows[0]
    day_at, time_at = header.index(day_column), header.index(time_column)
    stamp = rows[1][time_at]
    rows[1][day_at] = "2026-01-05"
    _write(folder / name, rows)
    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:  # a journal with data: nothing of it may change
        journal.record_checkins([{"region": "neck", "pain": 1}], context="ad_hoc", now=NOW - timedelta(days=9))
    before = cli("export", "symptoms", "--db", str(db)).stdout
    line = one_line_error(cli("import", str(folder), "--db", str(db)))
    assert f"{name} line 2" in line, line
    assert "2026-01-05" in line and stamp in line, line  # both values named
    assert cli("export", "symptoms", "--db", str(db)).stdout == before
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    con.close()


def test_a_check_in_at_half_past_midnight_belongs_to_the_day_it_was_made(folder, tmp_path):
    rows = _rows(folder / "symptoms.csv")
    free = next(r for r in rows[1:] if r[2] == "")  # the ad hoc check-in (no session)
    free[1] = "2026-11-24T00:30:00+01:00"
    free[0] = "2026-11-23"  # "the night of the 23rd": not how the journal counts days
    _write(folder / "symptoms.csv", rows)
    line = one_line_error(cli("import", str(folder), "--db", str(tmp_path / "a.db")))
    assert "date 2026-11-23 is not the day of recorded_at 2026-11-24T00:30:00+01:00" in line
    free[0] = "2026-11-24"
    _write(folder / "symptoms.csv", rows)
    result = cli("import", str(folder), "--db", str(tmp_path / "b.db"))
    assert result.returncode == 0, result.stderr


# ---- 4. output folders: made only where documented ------------------------------------------
def test_export_all_makes_its_own_folder_but_not_the_one_it_goes_in(exported, tmp_path):
    db = tmp_path / "j.db"
    assert cli("import", str(exported), "--db", str(db)).returncode == 0
    made = cli("export", "all", "-o", str(tmp_path / "out"), "--db", str(db))
    assert made.returncode == 0 and (tmp_path / "out" / "sessions.csv").is_file()
    line = one_line_error(cli("export", "all", "-o", str(tmp_path / "a" / "b"), "--db", str(db)))
    assert f"the folder {tmp_path / 'a'} does not exist" in line and not (tmp_path / "a").exists()
    assert "**Output folders.**" in README and "`-o` never makes a folder you name" in README


# ---- 5. report --weeks is documented ---------------------------------------------------------
def test_report_weeks_is_in_help_and_readme():
    text = " ".join(cli("report", "--help").stdout.split())
    assert "--weeks N" in text and "the period covered" in text and "default 8" in text
    assert "--weeks N" in " ".join(cli("--help").stdout.split())
    assert "rehab-tui report [-o FILE.md|FILE.pdf] [--weeks N]" in README
    assert "`report --weeks N`" in README


# ---- 6, 7. red flags: the checklist's words, one set of severity words -----------------------
@pytest.mark.parametrize(
    ("flag", "words"),
    [("bladder-bowel", "New trouble controlling bladder or bowels"),
     ("bladder_bowel", "New trouble controlling bladder or bowels"),
     ("spreading-numbness", "spreading numbness")],
)  # fmt: skip
def test_fhir_red_flag_display_is_the_human_label(flag, words):
    from journal.exchange.fhir_resources import red_flag

    obs = red_flag((1, "2026-11-24T08:30:00+01:00", flag, "emergency", "", None), "Patient/x")
    coding = obs["code"]["coding"][0]
    assert coding["display"].startswith(words) and coding["code"] == flag


def test_the_report_names_a_red_flag_by_its_words(tmp_path):
    db = tmp_path / "j.db"
    with Journal.open(db) as journal:
        fill(journal)
        journal.report_red_flag("myelopathy", "urgent", NOW)
    text = cli("report", "--db", str(db)).stdout
    assert "Clumsy hands (buttons, writing)" in text and ": myelopathy (" not in text
    assert "urgent: be seen by a doctor today" in text


def test_severity_is_named_the_same_in_the_app_and_everywhere_else():
    from journal.rules.redflags import SEVERITY
    from journal.rules.suggest import STOP_ACTIONS
    from tui.screens.redflags import LEGEND, TAGS

    assert TAGS == {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON"}
    assert "TODAY" not in TAGS.values()
    for name, severity in SEVERITY.items():
        assert f"{name}:" in severity.title  # "STOP — urgent: see a doctor today"
        assert STOP_ACTIONS[name] == severity.todo and severity.todo.startswith(f"{name}: ")
        assert f"{name.upper()}: {severity.todo.split(': ', 1)[1]}" in LEGEND
    assert "today" in SEVERITY["urgent"].title


async def test_the_red_flag_check_shows_urgent_and_what_it_asks():
    import io

    from rich.console import Console
    from textual.app import App

    from tests.tui.test_app_shell import static_text
    from tui.screens.redflags import Checklist, RedFlagScreen

    app = App()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(RedFlagScreen())
        await pilot.pause()
        assert "URGENT: be seen by a doctor today" in " ".join(static_text(app, "#redflag-intro").split())
        console = Console(file=io.StringIO(), width=100, record=True)
        checklist = app.screen.query_one(Checklist)
        for i in range(checklist.option_count):
            console.print(checklist.get_option_at_index(i).prompt)
        shown = console.export_text()
        assert "URGENT" in shown and "EMERGENCY" in shown and "TODAY" not in shown


# ---- 8. the state directory is documented ----------------------------------------------------
def test_readme_lists_the_state_directory_with_verified_tsv():
    where = README.split("## Where your journal lives", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"state: `~/\.local/state/rehab-tui/` \| `verified\.tsv`", where)
    assert "$XDG_STATE_HOME" in where and "crash.log" in where


# ---- 10. restore says to restart an open app -------------------------------------------------
def test_restore_says_an_open_app_must_be_restarted(tmp_path):
    db = tmp_path / "j.db"
    with Journal.open(db) as journal:
        fill(journal)
    assert cli("backup", "-o", str(tmp_path / "b.db"), "--db", str(db)).returncode == 0
    done = cli("restore", str(tmp_path / "b.db"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "If rehab-tui is open in another window, quit it (q) and start it again" in done.stdout
    assert "quit it (q) and start it again" in " ".join(cli("restore", "--help").stdout.split())
