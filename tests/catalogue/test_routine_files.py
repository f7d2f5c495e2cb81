"""Own routines as TOML: load → save → load is identical; checks, schedules, the warm-up warning."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import date

import pytest

from catalogue import load_catalogue
from catalogue.models import Routine, RoutineStep
from catalogue.routine_files import (
    RoutineProblem, Schedule, copy_name, delete_routine, is_own, new_id, problems, save_routine,
    schedule_of, warm_up_warning,
)  # fmt: skip


def test_every_builtin_routine_survives_save_and_load(tmp_path):
    cat = load_catalogue()
    for routine in cat.routines.values():
        own = routine
        folder = tmp_path / routine.id
        path = save_routine(folder, own)
        again = load_catalogue(folder)
        assert again.problems == ()
        loaded = again.routines[routine.id]
        assert {f: getattr(loaded, f) for f in Routine.__dataclass_fields__ if f != "source"} == \
            {f: getattr(own, f) for f in Routine.__dataclass_fields__ if f != "source"}
        assert loaded.source == path.name and is_own(loaded)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_routine_with_start_and_description_round_trips(tmp_path):
    r = Routine("evening", "Evening hands", "FREQ=WEEKLY;BYDAY=TU,TH",
                (RoutineStep("grip-squeeze", 2, 45), RoutineStep("neck-rotation", None, 0)),
                description="Short \"and\" gentle.", start=date(2025, 3, 1))
    save_routine(tmp_path, r)
    doc = tomllib.loads((tmp_path / "evening.toml").read_text())
    assert doc["routine"][0]["steps"][1] == {"exercise": "neck-rotation", "rest_s": 0}
    loaded = load_catalogue(tmp_path).routines["evening"]
    assert (loaded.steps, loaded.start, loaded.description, loaded.rrule) == (r.steps, r.start, r.description, r.rrule)


def test_problems_and_warning():
    cat = load_catalogue()
    empty = Routine("x", "Mine", "FREQ=DAILY", ())
    assert problems(empty, cat) == ["the routine has no steps: add at least one exercise (a)"]
    clash = Routine("x", "gentle MOBILITY", "FREQ=DAILY", (RoutineStep("neck-rotation"),))
    assert "already exists" in problems(clash, cat)[0]
    strength = Routine("x", "Curls", "FREQ=DAILY", (RoutineStep("wrist-flexion-curl"),))
    assert problems(strength, cat) == [] and "warm-up" in warm_up_warning(strength, cat)
    copy = cat.routines["hand-wrist-strength"]
    assert warm_up_warning(copy, cat) is None
    assert copy_name(copy.name, cat) == "Your Hand & wrist strength"
    assert new_id("Your Hand & wrist strength", cat, __import__("pathlib").Path("/nonexistent")) == "your-hand-wrist-strength"


def test_schedules():
    assert schedule_of("FREQ=DAILY") == Schedule()
    s = schedule_of("FREQ=WEEKLY;BYDAY=MO,WE,FR")
    assert s.days == {0, 2, 4} and s.text() == "Mon Wed Fri"
    assert s.toggle(2).rrule() == "FREQ=WEEKLY;BYDAY=MO,FR"
    assert Schedule().toggle(6).rrule() == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"
    assert Schedule(frozenset({3})).toggle(3).daily
    assert schedule_of("FREQ=MONTHLY;BYDAY=1MO") is None


def test_unwritable_folder_is_one_message_and_delete_asks_for_own(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    r = Routine("mine", "Mine", "FREQ=DAILY", (RoutineStep("neck-rotation"),), source="mine.toml")
    try:
        if os.geteuid() != 0:
            with pytest.raises(RoutineProblem, match="cannot write your routine there"):
                save_routine(folder, r)
            assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(RoutineProblem, match="cannot write your routine there"):
        save_routine(blocked / "catalogue", r)
    save_routine(tmp_path, r)
    delete_routine(tmp_path, r)
    assert not (tmp_path / "mine.toml").exists()
    with pytest.raises(RoutineProblem, match="not one of your own"):
        delete_routine(tmp_path, load_catalogue().routines["gentle-mobility"])
