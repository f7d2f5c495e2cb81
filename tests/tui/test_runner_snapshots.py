"""SVG snapshots: the runner in a hold phase (wide and narrow) and a check-in.

Fixed wall clock (tests.conftest.NOW), a frozen monotonic clock for the timer, a temp journal.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import FakeClock, make_app, settle, until
from tui.screens.checkin import CheckinScreen
from tui.screens.picker import RoutinePicker
from tui.runner.screen import RunnerScreen

CURLS_TOML = """
[[routine]]
id = "curls"
name = "Wrist curls"
rrule = "FREQ=DAILY"
steps = [{ exercise = "wrist-flexion-curl", sets = 2, rest_s = 60 }]
"""


def journal_with_history(tmp_path):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
        j.update_profile(NOW, affected_side="left")
        when = NOW - timedelta(days=2)
        s = j.start_session("curls", "Wrist curls", when)
        for n, side, reps, pain in ((1, "left", 7, 3), (1, "right", 8, 1), (2, "left", 8, 2), (2, "right", 8, 1)):
            j.log_set(
                s.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl",
                set_number=n, now=when,
                side=side, target_reps=8, reps=reps, target_hold_s=4, hold_s=4, load=0.5,
                load_unit="kg", pain_during=pain,
            )  # fmt: skip
        j.finish_session(s.id, when + timedelta(minutes=12))
    config = tmp_path / "config"
    (config / "catalogue").mkdir(parents=True)
    (config / "catalogue" / "curls.toml").write_text(CURLS_TOML)
    return db, config


async def into_hold(app, pilot, clock: FakeClock) -> None:
    await settle(app, pilot)
    await pilot.press("r")
    await until(pilot, lambda: isinstance(app.screen, RoutinePicker))
    options = app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index("curls")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.stage == "set")
    await pilot.press("space", "2")
    clock.advance(3 + 1 + 1.5)  # get ready 3-2-1, curl 1, then 1.5 s into the 4-count hold
    await settle(app, pilot)
    await pilot.pause(0.3)
    assert "HOLD" in str(app.screen.query_one("#run-phase").content)


def test_runner_hold_phase_wide(snap_compare, tmp_path):
    db, config = journal_with_history(tmp_path)
    clock = FakeClock()
    assert snap_compare(make_app(db, config, clock), terminal_size=(120, 40), run_before=lambda p: into_hold(p.app, p, clock))


def test_runner_hold_phase_narrow(snap_compare, tmp_path):
    db, config = journal_with_history(tmp_path)
    clock = FakeClock()
    assert snap_compare(make_app(db, config, clock), terminal_size=(80, 24), run_before=lambda p: into_hold(p.app, p, clock))


def test_checkin_modal(snap_compare, tmp_path):
    db, config = journal_with_history(tmp_path)

    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RoutinePicker))
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("curls")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("3", "0", "1", "0", "2", "1", "4")
        await pilot.pause(0.2)

    assert snap_compare(make_app(db, config, FakeClock()), terminal_size=(120, 40), run_before=run_before)
