"""Routines (`w`): make one, copy a built-in, edit, schedule, delete — TOML and journal checked."""

from __future__ import annotations

import os
import stat
import tomllib
from contextlib import asynccontextmanager

from textual.widgets import Input, OptionList

from tests.conftest import NOW
from tests.helpers.setup_helpers import prepare_profile
from tests.tui.test_app_shell import static_text, wait_ready
from tui.app import RehabApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.routine_edit import ExercisePicker, RoutineEditor
from tui.screens.routines import RoutinesScreen


def make_app(db, config):  # noqa: ANN001, ANN201
    return RehabApp(db_path=db, clock=lambda: NOW, config_dir=config)


@asynccontextmanager
async def routines_open(tmp_path, size=(120, 40)):  # noqa: ANN001, ANN201
    """A journal with setup done, the app at ``size`` with Routines (`w`) open: (app, pilot, config)."""
    db, config = tmp_path / "journal.db", tmp_path / "config"
    prepare_profile(db)
    app = make_app(db, config)
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_ready(app, pilot)
        yield app, pilot, config


async def pick(app, pilot, exercise_id: str) -> None:  # noqa: ANN001
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, ExercisePicker)
    options = app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index(exercise_id)
    await pilot.press("enter")
    await pilot.pause()


def highlight(app, routine_id: str) -> None:  # noqa: ANN001
    options = app.screen.query_one("#routine-list", OptionList)
    options.highlighted = options.get_option_index(routine_id)


async def test_make_schedule_reorder_and_refuse_bad_ones(tmp_path):
    async with routines_open(tmp_path) as (app, pilot, config):
        assert isinstance(app.screen, RoutinesScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RoutineEditor)
        await pilot.press(*"Gentle mobility", "enter")  # a name in use
        await pilot.press("s")
        assert "a routine called 'Gentle mobility' already exists" in static_text(app, "#routine-error")
        app.screen.query_one("#routine-name", Input).value = "Evening hands"
        app.screen.query_one("#step-list", OptionList).focus()
        await pilot.press("s")
        assert "no steps" in static_text(app, "#routine-error")
        await pick(app, pilot, "wrist-flexion-curl")
        await pick(app, pilot, "grip-squeeze")
        assert "warm-up" in static_text(app, "#routine-warning")
        await pilot.press("left_square_bracket")  # grip first
        await pilot.press("plus", "full_stop", "full_stop")  # 3 sets (your dose's 2, + 1), rest 90 s
        await pilot.press("1", "3", "5", "6", "7")  # from every day: Mon, Wed, Fri, Sat, Sun off
        assert not list(config.glob("catalogue/*.toml"))  # nothing written yet
        await pilot.press("s")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert "evening-hands" in app.catalogue.routines
    path = config / "catalogue" / "evening-hands.toml"
    doc = tomllib.loads(path.read_text())
    assert doc == {"routine": [{"id": "evening-hands", "name": "Evening hands", "rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
                                "steps": [{"exercise": "grip-squeeze", "sets": 3, "rest_s": 90},
                                          {"exercise": "wrist-flexion-curl", "rest_s": 60}]}]}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


async def test_copy_a_builtin_edit_it_and_delete_it_sessions_stay(tmp_path):
    db, config = tmp_path / "journal.db", tmp_path / "config"
    prepare_profile(db)
    app = make_app(db, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c", "w")
        await wait_ready(app, pilot)
        highlight(app, "hand-wrist-strength")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RoutineEditor)
        assert app.screen.query_one("#routine-name", Input).value == "Your Hand & wrist strength"
        assert static_text(app, "#routine-warning").strip() == ""  # it starts with the warm-up
        assert isinstance(app.focused, Input)  # a copy starts at its name: letters are typed, not commands
        await pilot.press("enter", "d", "s")  # name kept, daily, save
        await wait_ready(app, pilot)
        rid = "your-hand-wrist-strength"
        assert app.catalogue.routines[rid].rrule == "FREQ=DAILY"
        assert app.catalogue.routines["hand-wrist-strength"].rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"  # untouched
        session = app.journal.start_session(rid, "Your Hand & wrist strength", NOW)
        highlight(app, rid)
        await pilot.press("e")  # edit in place
        await pilot.pause()
        await pilot.press("x", "1", "s")  # drop the first step; every day but Monday
        await wait_ready(app, pilot)
        routine = app.catalogue.routines[rid]
        assert routine.rrule == "FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA,SU" and len(routine.steps) == 7
        highlight(app, rid)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await wait_ready(app, pilot)
        assert (config / "catalogue" / f"{rid}.toml").exists()
        highlight(app, rid)
        await pilot.press("d", "y")
        await wait_ready(app, pilot)
        assert rid not in app.catalogue.routines
        assert not (config / "catalogue" / f"{rid}.toml").exists()
        assert app.journal.session(session.id).routine_id == rid  # its sessions stay


async def test_an_unwritable_config_folder_is_one_line_and_the_editor_stays(tmp_path):
    db, config = tmp_path / "journal.db", tmp_path / "config"
    prepare_profile(db)
    config.write_text("a file where the config folder should be")
    app = make_app(db, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_ready(app, pilot)
        await pilot.press("e")  # copy Gentle mobility
        await pilot.pause()
        await pilot.press("enter", "s")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, RoutineEditor)  # still open, the edits kept
        error = static_text(app, "#routine-error")
        assert "cannot write your routine there" in error and str(config) in error
        await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, RoutinesScreen)
        assert set(app.catalogue.routines) == {"gentle-mobility", "hand-wrist-strength", "neck-shoulder-strength"}
    assert config.read_text() == "a file where the config folder should be"


async def test_typing_a_copy_s_name_types_it_and_letters_in_the_list_say_so(tmp_path):
    async with routines_open(tmp_path) as (app, pilot, config):
        await pilot.press("e")  # copy Gentle mobility
        await pilot.pause()
        await pilot.press(*"Tea breaks", "enter")  # the selected name is replaced, no command runs
        assert isinstance(app.screen, RoutineEditor)
        assert app.screen.query_one("#routine-name", Input).value == "Tea breaks"
        assert len(app.screen.steps) == 4
        await pilot.press("k")  # no command: the editor says how to reach the name
        assert "press tab to type the name" in static_text(app, "#routine-error")
        await pilot.press("s")
        await wait_ready(app, pilot)
        assert app.catalogue.routines["tea-breaks"].name == "Tea breaks"


def footer_keys(app) -> str:  # noqa: ANN001
    from tui.widgets.footer import KeyFooter

    footer = app.screen.query_one(KeyFooter)
    return " ".join(f"{i.key_display} {i.binding.description}" for i in footer.items())


async def test_sets_from_your_dose_step_from_the_dose_and_a_failed_name_is_not_selected(tmp_path):
    async with routines_open(tmp_path, size=(80, 24)) as (app, pilot, config):
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RoutineEditor)
        # The name has focus: keys that would type into it are not offered; enter is.
        keys = footer_keys(app)
        assert "Sets" not in keys and "Save" not in keys and "Add step" not in keys
        assert "To the steps (s saves)" in keys
        await pilot.press(*"Gentle mobility", "enter")
        keys = footer_keys(app)
        assert "Save" in keys and "Add step" in keys and "To the steps" not in keys
        await pick(app, pilot, "grip-squeeze")  # its dose: 2 sets (3 in this journal: below)
        editor.dose_sets = {"grip-squeeze": 3}
        assert editor.steps[0].sets is None
        await pilot.press("plus")
        assert editor.steps[0].sets == 4  # your dose + 1, not 1
        editor.steps[0] = editor.steps[0].__class__("grip-squeeze", None, 60)
        await pilot.press("minus")
        assert editor.steps[0].sets == 2
        editor.dose_sets = {}
        editor.steps[0] = editor.steps[0].__class__("grip-squeeze", None, 60)
        await pilot.press("plus")
        assert editor.steps[0].sets == 3  # the catalogue's 2, + 1
        editor.steps[0] = editor.steps[0].__class__("wrist-flexion-curl", None, 60)
        editor.dose_sets = {"wrist-flexion-curl": 1}
        await pilot.press("minus")
        assert editor.steps[0].sets == 1  # never below 1
        await pilot.press("s")  # the name is in use: back to it, nothing selected
        await pilot.pause(0.1)
        name = editor.query_one("#routine-name", Input)
        assert "already exists" in static_text(app, "#routine-error")
        assert app.focused is name and name.selection.is_empty and name.cursor_position == len(name.value)
        await pilot.press(*" 2")
        assert name.value == "Gentle mobility 2"


async def test_routines_say_why_a_built_in_is_not_deleted_and_keep_the_place_after_a_delete(tmp_path):
    import io

    from rich.console import Console

    async with routines_open(tmp_path, size=(80, 24)) as (app, pilot, config):
        said: list[str] = []
        app.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
        highlight(app, "hand-wrist-strength")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        assert said == ["Built-in routines cannot be deleted: e makes your own copy to change."]
        for name in ("Aaa one", "Bbb two"):  # two of your own, then delete the first
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*name, "enter")
            await pick(app, pilot, "grip-squeeze")
            await pilot.press("s")
            await wait_ready(app, pilot)
        options = app.screen.query_one("#routine-list", OptionList)
        ids = [o.id for o in options.options]
        highlight(app, "aaa-one")
        at = options.highlighted
        await pilot.press("d", "y")
        await wait_ready(app, pilot)
        await pilot.pause(0.2)
        assert "aaa-one" not in app.catalogue.routines
        assert options.highlighted == at and options.highlighted_option.id == ids[at + 1]
        # The steps at 80 columns: a value stays with its unit.
        highlight(app, "hand-wrist-strength")
        await pilot.pause()
        detail = app.screen.query_one("#routine-text")
        console = Console(file=io.StringIO(), width=detail.content_region.width, record=True)
        console.print(detail.content)
        lines = console.export_text().splitlines()
        assert any("rest" in line for line in lines)
        assert not any(line.rstrip().endswith(("rest", "rest 30", "rest 60", "rest 90")) for line in lines), lines
