"""A user who works in pounds logs a set and sees lb everywhere: the runner's target, the set
in the Journal, Today's plan, the Catalogue, History's chart, the CSV export and the report."""

from __future__ import annotations

import csv
import io

from tests.conftest import NOW
from tests.helpers.setup_helpers import prepare_profile
from tests.tui.test_app_shell import make_app, static_text, wait_ready
from tui.runner.screen import RunnerScreen


async def test_a_lb_user_logs_a_set_and_sees_lb_everywhere(db_path, tmp_path):
    from textual.widgets import DataTable, OptionList

    prepare_profile(db_path, units="lb", affected_side="left", cleared_for_strength=True)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        # Today's plan of Hand & wrist strength (not due on a Tuesday): pick it in the runner.
        await pilot.press("r")
        await wait_ready(app, pilot)
        picker = app.screen.query_one(OptionList)
        picker.highlighted = picker.get_option_index("hand-wrist-strength")
        await pilot.press("enter")
        await wait_ready(app, pilot)
        await pilot.press("enter")  # the before check-in as filled in
        await wait_ready(app, pilot)
        for _ in range(6):  # the warm-up, grip and band work: to the wrist curl
            await pilot.press("s")
            await wait_ready(app, pilot)
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("plus", "enter")  # "I did the target", then log it as shown
        await wait_ready(app, pilot)
        (logged,) = [s for s in app.journal.sets() if s.exercise_id == "wrist-flexion-curl"]
        assert (logged.load, logged.load_unit) == (1.0, "lb")  # the built-in 0.5 kg, in 0.5 lb steps
        await pilot.press("escape")
        await wait_ready(app, pilot)
        # The Journal: the set in lb.
        await pilot.press("j")
        await wait_ready(app, pilot)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        rows = [[str(c) for c in app.screen.query_one("#sets-table", DataTable).get_row_at(i)]
                for i in range(app.screen.query_one("#sets-table", DataTable).row_count)]
        assert any("1.0 lb" in cell for row in rows for cell in row)
        assert not any("kg" in cell for row in rows for cell in row)
        # The Catalogue: the dose in lb.
        await pilot.press("escape", "c")
        await wait_ready(app, pilot)
        options = app.screen.query_one("#exercise-list", OptionList)
        options.highlighted = options.get_option_index("wrist-extension-curl")
        await pilot.pause()
        assert "@ 1.0 lb" in static_text(app, "#detail") and " kg" not in static_text(app, "#detail")
        # Today's plan panel: lb.
        await pilot.press("t")
        await wait_ready(app, pilot)
        assert " kg" not in static_text(app, "#plan")
    # The export keeps the unit the set was logged in (lb); the report shows lb.
    from journal.api import Journal
    from journal.exchange.report import render
    from journal.store.gather import report_data
    from catalogue import load_catalogue

    with Journal.open(db_path) as j:
        j.change_dose("wrist-flexion-curl", __import__("catalogue").Dose(2, 8, 8, 12, load=0.75, unit="kg"), NOW, "set by you")
        text = render(report_data(j, load_catalogue(), NOW.date(), 8), j.profile_changes())
    assert "1.5 lb × 8" in text and " kg" not in text
    assert "**units:** lb" in text and "cleared for strength work by a clinician:** yes, recorded 2026-11-24" in text
    from tui.cli import main

    out = tmp_path / "sets.csv"
    assert main(["export", "sets", "--db", str(db_path), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["load"], r["load_unit"]) for r in rows if r["exercise_id"] == "wrist-flexion-curl"] == [("1", "lb")]
