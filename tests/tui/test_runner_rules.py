"""Pilot tests for the runner's rules: undo, lighter/heavier, effort, the before caution and
ended-early advice — each checked in the journal, not only on screen."""

from __future__ import annotations

from datetime import timedelta

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import FakeClock, make_app, prepare, settle, until
from tui.runner import flow as F
from tui.runner.screen import RunnerScreen
from tui.screens.checkin import CheckinScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.today import TodayScreen


async def open_runner(app, pilot, routine="test-run", before: tuple[str, ...] = ("escape",)):
    await settle(app, pilot)
    app.runflow.start(routine)
    await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
    await pilot.press(*before)


async def running(app, pilot) -> RunnerScreen:
    await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.stage == "set")
    return app.screen


async def log(pilot, r, *keys):
    """Press keys (a bare enter means "did the target": + then enter) until a set is logged."""
    n = len(r.logged)
    if keys[-1] == "enter" and "plus" not in keys and "minus" not in keys:
        keys = (*keys[:-1], "plus", "enter")
    await pilot.press(*keys)
    await until(pilot, lambda: len(r.logged) == n + 1 and not r.flow.saving)


async def test_u_takes_back_the_last_set_after_asking(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_runner(app, pilot)
        r = await running(app, pilot)
        await log(pilot, r, "3", "enter")  # neck rotation, pain 3
        await log(pilot, r, "enter")  # thumb left (pain 3 again)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("escape")  # keep it
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen))
        assert len(r.logged) == 2
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("y")
        await until(pilot, lambda: len(r.logged) == 1)
        assert (r.current.exercise.id, r.current.side, r.flow.state()) == ("thumb-press-hold", "left", F.READY)
        assert "Taken back" in str(r.query_one("#run-cue").content)
        await log(pilot, r, "1", "enter")
    with Journal.open(db) as j:
        session = j.in_progress()
        sets = [(s.exercise_id, s.side, s.set_number, s.pain_during) for s in j.sets_for_session(session.id)]
        assert sets == [("neck-rotation", "both", 1, 3), ("thumb-press-hold", "left", 1, 1)]


async def test_lighter_and_heavier_change_what_is_logged_today_not_the_dose(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_runner(app, pilot)
        r = await running(app, pilot)
        await pilot.press("s", "s", "s")  # to the wrist curls (0.5 kg)
        assert r.current.exercise.id == "wrist-flexion-curl"
        await pilot.press("less_than_sign")
        assert "0.25 kg" in str(r.query_one("#run-entry").content) and "lighter today" in str(r.query_one("#run-entry").content)
        await log(pilot, r, "enter")
        await pilot.press("greater_than_sign", "greater_than_sign")
        await log(pilot, r, "enter")
    with Journal.open(db) as j:
        session = j.in_progress()
        assert [s.load for s in j.sets_for_session(session.id)] == [0.25, 0.75]
        assert "wrist-flexion-curl" not in j.current_doses()  # the stored dose is unchanged


async def test_effort_is_asked_only_when_the_profile_says_and_enter_skips(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        j.update_profile(NOW, effort_prompt=True)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runner(app, pilot)
        r = await running(app, pilot)
        await log(pilot, r, "enter")  # neck rotation: its only set
        assert r.flow.state() == F.EFFORT
        await pilot.press("7")
        await until(pilot, lambda: r.flow.state() == F.READY)
        await log(pilot, r, "enter")  # thumb left
        assert r.flow.state() == F.SWITCH  # not the exercise's last set: no question
        await log(pilot, r, "enter")
        assert r.flow.state() == F.EFFORT
        await pilot.press("enter")  # skips
        assert r.flow.state() == F.REST
        await settle(app, pilot)
    with Journal.open(db) as j:
        session = j.in_progress()
        assert [s.effort for s in j.sets_for_session(session.id)] == [7, None, None]


async def test_no_effort_question_by_default(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_runner(app, pilot)
        r = await running(app, pilot)
        await log(pilot, r, "enter")
        assert r.flow.state() == F.READY and r.current.exercise.id == "thumb-press-hold"


async def test_high_symptoms_before_give_a_caution_mobility_only(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_runner(app, pilot, before=("7", "enter"))  # neck pain 7
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "Careful today" in app.screen.title_text and "neck: pain 7" in str(app.screen.body).lower()
        await pilot.press("m")
        r = await running(app, pilot)
        assert {p.exercise.kind for p in r.plan} == {"mobility"}
        await log(pilot, r, "enter")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter")
        await until(pilot, lambda: r.stage == "summary")
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert session.status == "completed" and "Mobility only" in session.note


async def test_a_rise_of_two_over_the_morning_baseline_cautions_and_stop_stops(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        for d in range(1, 4):
            s = j.start_session("test-run", "Test run", NOW - timedelta(days=d, hours=1))
            j.finish_session(s.id, NOW - timedelta(days=d))
            j.record_checkins(
                [{"region": "neck", "pain": 1, "numbness": 0, "tingling": 0, "weakness": 0}],
                context="next_morning", now=NOW - timedelta(days=d - 1, hours=2), session_id=s.id,
            )  # fmt: skip
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.runflow.start("test-run")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen) and app.screen.context == "before")
        await pilot.press("3", "enter")  # neck pain 3: usually 1
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "neck: pain 3, usually 1" in str(app.screen.body).lower()
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
    with Journal.open(db) as j:
        today = [s for s in j.sessions() if s.started_at.startswith("2026-11-24")]
        assert [s.status for s in today] == ["abandoned"]


async def test_no_caution_for_ordinary_ratings(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_runner(app, pilot, before=("2", "enter"))
        r = await running(app, pilot)
        assert len(r.plan) > 1 and r.flow.state() == F.READY
