"""Pilot tests of the runner: a whole routine, check-ins, resuming, red flags and Today."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import FakeClock, make_app, prepare, settle, until
from tui.screens.checkin import CheckinScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.picker import RoutinePicker
from tui.screens.redflags import RedFlagScreen
from tui.runner.screen import RunnerScreen
from tui.screens.today import TodayScreen
from tui.widgets.checkin_grid import CheckinGrid


async def pick(app, pilot, routine_id: str) -> None:
    await until(pilot, lambda: isinstance(app.screen, RoutinePicker))
    options = app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index(routine_id)
    await pilot.press("enter")


def runner(app) -> RunnerScreen:
    assert isinstance(app.screen, RunnerScreen), app.screen
    return app.screen


async def log(app, pilot, *keys: str) -> None:
    """Press keys on the runner and wait until the set they log is committed."""
    r = app.runflow.runner
    before = len(r.logged)
    await pilot.press(*keys)
    await until(pilot, lambda: len(r.logged) == before + 1 and not r.flow.saving)


async def test_a_whole_routine_is_logged_exactly(tmp_path):
    db, config = prepare(tmp_path, affected="left")
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pick(app, pilot, "test-run")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        assert app.screen.context == "before"
        assert app.screen.query_one(CheckinGrid).regions == ["neck", "left_hand", "right_hand", "left_arm", "right_arm"]
        await pilot.press("3", "0", "2", "0", "4", "enter")  # neck 3/0/2/0, left hand pain 4
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        r = runner(app)

        # 1. neck rotation (both sides at once): pain 1, logged as the target
        assert r.current.exercise.id == "neck-rotation" and r.current.side == "both"
        await log(app, pilot, "1", "plus", "enter")

        # 2. thumb press hold, affected (left) side first: guided, ended early in the hold
        assert (r.current.exercise.id, r.current.side) == ("thumb-press-hold", "left")
        assert r.rest is None  # the step before has no rest
        await pilot.press("space")
        clock.advance(3 + 1 + 6.5)  # get ready, press, 6.5 s into the 10 s hold
        await pilot.pause(0.15)
        assert "HOLD" in str(r.query_one("#run-phase").content)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await log(app, pilot, "f")
        # the other side at once, with a switch-sides cue and no rest
        assert (r.current.side, r.rest, r.flow.state()) == ("right", None, "switch")
        assert "SWITCH TO YOUR RIGHT SIDE" in str(r.query_one("#run-phase").content)
        await pilot.press("space")
        clock.advance(3 + 2 * 12)
        await pilot.pause(0.15)
        assert r.flow.guide.state().status == "done"
        await log(app, pilot, "enter")

        # 3. grip squeeze: a rest first, then skipped
        assert r.current.exercise.id == "grip-squeeze" and r.rest is not None
        await pilot.press("s")
        assert r.current.exercise.id == "wrist-flexion-curl" and r.current.side == "left"

        # 4. wrist curls, 2 sets a side
        await log(app, pilot, "minus", "2", "enter")  # left 1: one rep fewer, pain 2
        await pilot.press("enter")  # at your own pace, but nothing said: not logged
        assert len(r.logged) == 4 and "Nothing counted yet" in str(r.query_one("#run-cue").content)
        await log(app, pilot, "plus", "enter")  # right 1: as prescribed, pain 2 as the set before
        assert r.rest is not None and r.rest.seconds == 60
        await pilot.press("enter", "x")  # nothing to log or end during a rest
        assert len(r.logged) == 5 and not isinstance(app.screen, ChoiceScreen)
        await pilot.press("space")  # ends the rest, nothing more
        assert r.rest is None and r.flow.state() == "switch"
        await log(app, pilot, "minus", "minus", "minus", "4", "x", "t")  # left 2: ended early, tingling
        assert r.flow.state() == "ended"
        advice = str(r.query_one("#run-cue").content)
        assert "Stop this exercise for today" in advice and "spreads" in advice
        await pilot.press("enter")  # next exercise: there is none, so the session ends

        # after-session check-in: neck pain to 10 with + (digits stop at 9)
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        assert app.screen.context == "after"
        await pilot.press("9", "left", "plus", "plus", "enter")
        await until(pilot, lambda: runner(app).stage == "summary")
        summary = str(r.query_one("#summary").content.renderables[0])
        assert "Session complete" in summary and "6 sets" in summary
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))

    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert session.status == "completed"
        assert session.note == "Skipped: Grip squeeze. Ended early: Wrist flexion curl (tingling)."
        sets = [
            (s.exercise_id, s.side, s.set_number, s.target_reps, s.reps, s.target_hold_s, s.hold_s,
             s.load, s.load_unit, s.level, s.pain_during, s.stop_reason)
            for s in j.sets_for_session(session.id)
        ]  # fmt: skip
        assert sets == [
            ("neck-rotation", "both", 1, 5, 5, 2.0, 2.0, None, None, None, 1, "none"),
            # a new exercise starts at pain 0 (neck rotation's 1 is not carried over)
            ("thumb-press-hold", "left", 1, 2, 0, 10.0, 6.5, None, None, None, 0, "fatigue"),
            ("thumb-press-hold", "right", 1, 2, 2, 10.0, 10.0, None, None, None, 0, "none"),
            ("wrist-flexion-curl", "left", 1, 8, 7, 4.0, 4.0, 0.5, "kg", None, 2, "none"),
            ("wrist-flexion-curl", "right", 1, 8, 8, 4.0, 4.0, 0.5, "kg", None, 2, "none"),
            ("wrist-flexion-curl", "left", 2, 8, 5, 4.0, 4.0, 0.5, "kg", None, 4, "tingling"),
        ]
        ratings = {
            (c.context, c.region): (c.pain, c.numbness, c.tingling, c.weakness)
            for c in j.checkins(session_id=session.id)
        }
        assert ratings == {
            ("before", "neck"): (3, 0, 2, 0),
            ("before", "left_hand"): (4, 0, 0, 0),
            ("before", "right_hand"): (0, 0, 0, 0),
            ("after", "neck"): (10, 0, 2, 0),  # prefilled from before, pain 9 + 1 (+ beyond 10 stays 10)
            ("after", "left_hand"): (4, 0, 0, 0),
            ("after", "right_hand"): (0, 0, 0, 0),
            # hand work watches the arms: asked (0 given), never left out
            ("before", "left_arm"): (0, 0, 0, 0), ("before", "right_arm"): (0, 0, 0, 0),
            ("after", "left_arm"): (0, 0, 0, 0), ("after", "right_arm"): (0, 0, 0, 0),
        }


async def test_checkin_keys_reach_10_and_clamp(tmp_path):
    from textual.app import App

    class One(App):
        def on_mount(self) -> None:
            self.push_screen(CheckinScreen("ad_hoc", ["neck", "right_hand"]), self.done)

        def done(self, value) -> None:
            self.result = value

    app = One()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("7")  # sets neck pain and moves on to numbness
        grid = app.screen.query_one(CheckinGrid)
        assert grid.values["neck"]["pain"] == 7 and grid.cursor == (0, 1)
        await pilot.press("minus", "left", "plus")  # numbness stays 0; back to pain: 8
        assert grid.values["neck"] == {"pain": 8, "numbness": 0, "tingling": 0, "weakness": 0}
        await pilot.press("9", "left", "plus", "plus", "plus")  # 9 → 10, and no further
        await pilot.press("down", "right", "right", "right", "5")  # right hand weakness 5
        assert grid.values["right_hand"]["weakness"] == 5 and grid.cursor == (1, 3)
        await pilot.press("0", "minus", "minus")  # the cursor stays on the last cell: 0, not below
        await pilot.press("enter")
    assert app.result == [
        {"region": "neck", "pain": 10, "numbness": 0, "tingling": 0, "weakness": 0},
        {"region": "right_hand", "pain": 0, "numbness": 0, "tingling": 0, "weakness": 0},
    ]


async def test_escape_leaves_the_session_and_r_resumes_after_the_last_set(tmp_path):
    db, config = prepare(tmp_path, affected="right")
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pick(app, pilot, "test-run")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")  # skip the before check-in
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        await log(app, pilot, "plus", "enter")
        await log(app, pilot, "plus", "enter")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        assert "In progress" in str(app.screen.query_one("#today-prompts").content)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "2 sets logged" in str(app.screen.body)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        r = runner(app)
        assert (r.current.exercise.id, r.current.side) == ("thumb-press-hold", "left")
        assert r.index == 2
    with Journal.open(db) as j:
        session = j.in_progress()
        assert session is not None and len(j.sets_for_session(session.id)) == 2
        assert j.checkins(session_id=session.id) == []


async def test_resume_offered_on_start_and_abandon(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        s = j.start_session("test-run", "Test run", NOW - timedelta(hours=1))
        j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1, now=NOW, reps=5)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "1 set logged" in str(app.screen.body)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
    with Journal.open(db) as j:
        assert j.in_progress() is None and j.session(s.id).status == "abandoned"
        assert len(j.sets_for_session(s.id)) == 1


async def test_next_morning_checkin_asked_on_start_and_linked(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        s = j.start_session("hand-wrist-strength", "Hand & wrist strength", NOW - timedelta(days=1))
        j.finish_session(s.id, NOW - timedelta(days=1) + timedelta(minutes=30))
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        assert app.screen.context == "next_morning"
        assert app.screen.regions == ["neck", "left_hand", "right_hand", "left_arm", "right_arm"]
        await pilot.press("escape")  # not now: Today keeps asking
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        assert "Morning check-in" in str(app.screen.query_one("#today-prompts").content)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("down", "2", "0", "3", "enter")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        assert "Morning check-in" not in str(app.screen.query_one("#today-prompts").content)
    with Journal.open(db) as j:
        rows = j.checkins(context="next_morning")
        assert {c.session_id for c in rows} == {s.id}
        assert [(c.region, c.pain, c.numbness, c.tingling) for c in rows] == [
            ("neck", 0, 0, 0), ("left_hand", 2, 0, 3), ("right_hand", 0, 0, 0),
            ("left_arm", 0, 0, 0), ("right_arm", 0, 0, 0),
        ]
        assert j.pending_morning_checkin(NOW.date()) is None


async def test_red_flag_stop_banner_confirm_and_review(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, RedFlagScreen))
        await pilot.press("down", "down", "down", "down", "down", "enter", "r")  # "myelopathy" (urgent)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "doctor today" in app.screen.title_text.lower()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        banner = app.screen.query_one("#today-stop")
        assert banner.has_class("-on") and "STOP" in str(banner.content)
        # starting a routine needs an explicit confirm: escape does not start it
        await pilot.press("r")
        await pick(app, pilot, "test-run")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter")  # enter is not the confirm key
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        assert app.journal.sessions() == []
        # marked reviewed: the banner goes
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, RedFlagScreen))
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(app, pilot)
        assert not app.screen.query_one("#today-stop").has_class("-on")
    with Journal.open(db) as j:
        (flag,) = j.red_flags()
        assert (flag.flag, flag.severity) == ("myelopathy", "urgent") and flag.resolved_at is not None


async def start_from_today(app, pilot, routine_id: str) -> None:
    due = app.screen.query_one("#due-list", OptionList)
    due.focus()
    due.highlighted = due.get_option_index(routine_id)
    await pilot.press("enter")


async def test_start_despite_stop_is_noted_and_today_enter_starts(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        j.report_red_flag("no-improvement", "soon", NOW)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await start_from_today(app, pilot, "gentle-mobility")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        assert runner(app).query_one("#run-stop").has_class("-on")
        await log(app, pilot, "plus", "enter")
        await pilot.press("s", "s", "s")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")
        await until(pilot, lambda: app.runflow.runner.stage == "summary")
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert session.status == "completed" and session.routine_id == "gentle-mobility"
        assert session.note == (
            "Skipped: Neck flexion and extension, Finger flex and stretch, Wrist stretch at a "
            "table edge. Started while a red flag was open."
        )


async def test_a_session_with_nothing_logged_is_not_counted(tmp_path):
    db, config = prepare(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await start_from_today(app, pilot, "gentle-mobility")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        await pilot.press("s", "s", "s", "s")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter")  # the after check-in is still worth saving
        await until(pilot, lambda: app.runflow.runner.stage == "summary")
        assert "not counted" in str(app.screen.query_one("#summary").content.renderables[0])
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert session.status == "abandoned" and j.sets_for_session(session.id) == []
        assert {c.context for c in j.checkins(session_id=session.id)} == {"after"}


async def test_bell_rings_at_phase_changes_and_b_turns_it_off(tmp_path):
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        j.update_profile(NOW, bell=True)
    clock = FakeClock()
    app = make_app(db, config, clock)
    rings: list[float] = []
    app.bell = lambda: rings.append(clock.t)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pick(app, pilot, "test-run")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and runner(app).stage == "set")
        await pilot.press("space")  # neck rotation: ready 3, turn 2, hold 2, return 2
        for step in (1.0, 1.0, 1.5, 2.0, 2.0):
            clock.advance(step)
            # The guide sees the clock on its UI ticks; on a loaded machine give it several.
            await pilot.pause(0.5)
        assert rings == [1003.5, 1005.5, 1007.5]  # turn, hold, return — not every count
        await pilot.press("b")
        await until(pilot, lambda: app.profile is not None and not app.profile.bell)
        clock.advance(2.0)
        await pilot.pause(0.15)
        assert len(rings) == 3
    with Journal.open(db) as j:
        assert j.profile().bell is False
