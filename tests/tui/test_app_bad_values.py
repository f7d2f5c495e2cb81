"""Bad values typed into the app (SPEC §8): the set editor, the check-in grid and the
runner's adjustments. Each junk value gets a clear message or is held to its range, the app
keeps running, and nothing stored changes until a good value is saved.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from journal.api import Journal
from tests.helpers import procs
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill
from tests.helpers.runner_helpers import FakeClock, make_app, prepare, settle, until
from tui.screens.checkin import CheckinScreen
from tui.screens.journal import JournalScreen
from tui.runner.screen import RunnerScreen
from tui.screens.session_sets import SessionScreen
from tui.screens.set_edit import SetEditor
from tui.widgets.checkin_grid import CheckinGrid

#: Not a number in range for any numeric field of a set (ASCII digits only, as everywhere).
NUMERIC_JUNK = [
    "abc", "-3", "100000", "٣", "８", "1e3", "nan", "inf", "2,5", "1_0", "0x10", "9" * 5000,
    "\x1b[2J", "1\x00", "²", "½", "8 8", "1" + "0" * 30, "--1", "+", ".", "5\n5",
]  # fmt: skip
JUNK = {
    "reps": [*NUMERIC_JUNK, "501", "4.5"],
    "hold_s": [*NUMERIC_JUNK, "601", "-0.5"],
    "load": [*NUMERIC_JUNK, "500.5", "-0.25"],
    "effort": [*NUMERIC_JUNK, "11", "7.5"],
    "pain_during": [*NUMERIC_JUNK, "11", "-1", "10.0001"],
    "note": ["x" * 2001, "\x1b[31mred", "a\x00b", "bell\x07", "\ud800", "cr\rlf"],
}
LABELS = {"reps": "reps", "hold_s": "hold s", "load": "load", "effort": "effort",
          "pain_during": "pain during", "note": "note", "level": "level"}  # fmt: skip
LEVEL_JUNK = ["", "   ", "ultra-firm", "x" * 65, "so\x1bft", "Soft", "soft\x00"]
#: How many junk values the editor was given; the README quotes it.
EDITOR_JUNK = sum(len(v) for v in JUNK.values()) + len(LEVEL_JUNK)


def journal_with_sets(tmp_path: Path) -> Path:
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        ids = fill(j)
        j.finish_session(ids["s2"], NOW)
        j.acknowledge_safety(NOW)
        pending = j.pending_morning_checkin(NOW.date())
        if pending:  # answered, so the app opens on Today rather than asking for it
            j.record_checkins(
                [{"region": "neck"}], context="next_morning", now=NOW, session_id=pending.id
            )
    return db


def rows(db: Path) -> dict:
    return procs.table_rows(db)


async def open_session(app, pilot, index: int) -> None:
    from tests.tui.test_app_shell import wait_ready

    await wait_ready(app, pilot)
    await pilot.press("j")
    await wait_ready(app, pilot)
    assert isinstance(app.screen, JournalScreen)
    table = app.screen.query_one("#sessions-table", DataTable)
    table.move_cursor(row=index)
    await pilot.press("enter")
    await wait_ready(app, pilot)
    assert isinstance(app.screen, SessionScreen)


async def try_junk(app, pilot, db: Path, field: str, values: list[str]) -> int:
    """Give each value to ``field`` (the other fields as they were) and press enter: refused
    each time with a message naming the field, focus on it, the editor still open."""
    editor = app.screen
    assert isinstance(editor, SetEditor)
    original = {key: value for key, _label, value, _hint in editor.fields()}
    before = rows(db)
    for n, value in enumerate(values):
        for key, text in original.items():
            editor.query_one(f"#f-{key}", Input).value = text
        editor.query_one(f"#f-{field}", Input).value = value
        if n == 0:  # through the key, as a user saves
            editor.query_one(f"#f-{field}", Input).focus()
            await pilot.press("enter")
        else:  # the same save, without a screen refresh between values
            editor.action_save()
        assert app.screen is editor, (field, value)
        message = str(editor.query_one("#edit-error", Static).content)
        assert message.startswith(LABELS[field]) and "\n" not in message, (field, value, message)
        assert "\x1b" not in message and "\x00" not in message
        assert editor.focused is editor.query_one(f"#f-{field}", Input)
    assert rows(db) == before
    return len(values)


async def test_junk_in_the_set_editor_is_refused_field_by_field(tmp_path):
    db = journal_with_sets(tmp_path)
    app = make_app(db, tmp_path / "config", FakeClock())
    tried = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await open_session(app, pilot, 1)  # Hand & wrist strength: a load and a hold, a level
        sets = app.screen.query_one("#sets-table", DataTable)
        await pilot.press("e")  # the wrist curl: reps, hold, load (kg), effort, pain, note
        await until(pilot, lambda: isinstance(app.screen, SetEditor))
        for field, values in JUNK.items():
            tried += await try_junk(app, pilot, db, field, values)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))

        sets.move_cursor(row=1)  # the grip squeeze, logged on the putty ladder at "soft"
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, SetEditor))
        tried += await try_junk(app, pilot, db, "level", LEVEL_JUNK)
        # A good value after all that junk is saved, and only it changes.
        editor = app.screen
        editor.query_one("#f-level", Input).value = "medium"
        before = {s.id: s for s in Journal.open(db).sets()}
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await settle(app, pilot)
    with Journal.open(db) as j:
        after = {s.id: s for s in j.sets()}
    changed = [i for i in after if after[i] != before[i]]
    assert len(changed) == 1 and after[changed[0]].level == "medium"
    assert tried == EDITOR_JUNK


async def test_check_in_grid_holds_ratings_to_0_10_and_ignores_odd_keys(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = rows(db)
        app.runflow.ad_hoc()
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        grid = app.screen.query_one(CheckinGrid)
        neck = grid.values["neck"]
        await pilot.press(*["plus"] * 14)  # past the top: held at 10
        assert neck["pain"] == 10
        await pilot.press(*["minus"] * 14)  # past the bottom: held at 0
        assert neck["pain"] == 0
        # Keys that look like numbers but are not a 0–9 rating change nothing (² crashed the
        # app: "²".isdigit() is true but int("²") fails); letters and symbols neither.
        for key in ("²", "³", "½", "a", "é", "!", "§", "°", "€"):
            await pilot.press(key)
        assert grid.cursor == (0, 0) and neck == {
            "pain": 0,
            "numbness": 0,
            "tingling": 0,
            "weakness": 0,
        }
        await pilot.press("٣", "7")  # decimal digits of other scripts are digits: 3, then 7
        assert (neck["pain"], neck["numbness"]) == (3, 7)
        await pilot.press("up", "up", "left", "left", *["minus"] * 3)
        assert grid.cursor == (0, 0) and neck["pain"] == 0
        assert rows(db) == before  # nothing is stored while the grid is being filled in
        await pilot.press("escape")  # skipped: still nothing stored
        await settle(app, pilot)
        assert rows(db) == before
        app.runflow.ad_hoc()
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press(*["plus"] * 12, "enter")
        await settle(app, pilot)
        assert app.is_running
    with Journal.open(db) as j:
        saved = j.checkins()
    assert [(c.region, c.pain) for c in saved if c.pain] == [("neck", 10)]
    assert all(
        0 <= getattr(c, s) <= 10
        for c in saved
        for s in ("pain", "numbness", "tingling", "weakness")
    )


async def test_runner_adjustments_stay_in_range_and_odd_keys_do_nothing(tmp_path):
    from tests.tui.test_runner import pick, runner

    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pick(app, pilot, "test-run")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")  # skip the before check-in
        await until(
            pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set"
        )
        r = runner(app)
        before = rows(db)
        await pilot.press(*["minus"] * (r.current.target_reps + 5))  # never below 0
        assert r.flow.reps_override == 0
        r.flow.reps_override = 498
        await pilot.press("plus", "plus", "plus", "plus")  # never above 500
        assert r.flow.reps_override == 500
        for key in ("²", "½", "a", "é", "§"):  # not a pain rating, and no crash
            await pilot.press(key)
        assert r.flow.pain == 0  # the first set's pain starts at an explicit 0
        await pilot.press("٧")  # another script's 7 is a 7
        await pilot.pause(0.1)
        assert r.flow.pain == 7 and "above 5" in str(r.query_one("#run-cue").content)
        await pilot.press("2")
        await pilot.pause(0.1)
        assert r.flow.pain == 2 and "above 5" not in str(r.query_one("#run-cue").content)
        assert rows(db) == before  # nothing stored until the set is logged
        n = len(r.logged)
        await pilot.press("enter")
        await until(pilot, lambda: len(r.logged) == n + 1 and not r.flow.saving)
        assert app.is_running
    with Journal.open(db) as j:
        (logged,) = j.sets()
    assert (logged.exercise_id, logged.reps, logged.pain_during) == ("neck-rotation", 500, 2)
