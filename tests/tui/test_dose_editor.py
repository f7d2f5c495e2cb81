"""Catalogue → `d`: the highlighted exercise's dose, set by hand and checked field by field."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tests.conftest import NOW
from tests.helpers.setup_helpers import prepare_profile
from tests.tui.test_app_shell import make_app, static_text, wait_ready
from tui.screens.catalogue import CatalogueScreen
from tui.screens.dose_edit import DoseEditor


async def open_editor(app, pilot, exercise_id: str) -> None:  # noqa: ANN001
    await pilot.press("c")
    await wait_ready(app, pilot)
    assert isinstance(app.screen, CatalogueScreen)
    options = app.screen.query_one("#exercise-list", OptionList)
    options.highlighted = options.get_option_index(exercise_id)
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, DoseEditor)


async def type_into(app, pilot, field: str, text: str) -> None:  # noqa: ANN001
    app.screen.query_one(f"#f-{field}", Input).value = text
    await pilot.pause()


async def test_a_lb_user_sets_a_dose_which_resets_the_clock(db_path):
    prepare_profile(db_path, units="lb")
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await open_editor(app, pilot, "wrist-flexion-curl")
        assert app.screen.query_one("#f-load", Input).value == "1.0"  # 0.5 kg shown as 1 lb
        await type_into(app, pilot, "load", "2.25")
        await pilot.press("enter")
        assert "steps of 0.5 lb" in static_text(app, "#edit-error")
        assert app.journal.current_doses() == {}  # nothing stored
        await type_into(app, pilot, "load", "2.5")
        await type_into(app, pilot, "sets", "3")
        await type_into(app, pilot, "reps", "10")
        await pilot.press("enter")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, CatalogueScreen)
        assert "3 × 10 reps (range 8–12) @ 2.5 lb" in static_text(app, "#detail")
    dose = app.journal.current_doses()["wrist-flexion-curl"]
    assert (dose.sets, dose.reps, dose.load, dose.unit, dose.reason) == (3, 10, 2.5, "lb", "set by you")
    assert dose.since == "2026-11-24T08:30:00+01:00"


async def test_bad_values_are_named_and_cancel_stores_nothing(db_path):
    prepare_profile(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await open_editor(app, pilot, "grip-squeeze")
        assert not app.screen.query("#f-load")  # putty: a level, not a load
        for field, text, says in (("sets", "0", "sets must be"), ("reps", "13", "outside the range 8–12"),
                                  ("reps_lo", "x", "lowest reps must be")):
            await type_into(app, pilot, field, text)
            await pilot.press("enter")
            assert says in static_text(app, "#edit-error")
            assert app.screen.focused.id == f"f-{field}"
            await type_into(app, pilot, field, {"sets": "2", "reps": "8", "reps_lo": "8"}[field])
        await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, CatalogueScreen)
    assert app.journal.current_doses() == {}
