"""The runner's flow as a pure state machine: every rule, without Textual or a journal."""

from __future__ import annotations

import pytest

from catalogue import load_catalogue
from catalogue.models import Routine, RoutineStep
from journal.records import ProfileRec
from journal.rules.plan import build_plan
from tests.helpers.runner_helpers import FakeClock
from tui.runner import draw, reach
from tui.runner import flow as F
from tui.runner.spoken import announcement
from tui.theme import Palette

COLOURS = Palette("green", "yellow", "red", "blue", "magenta", "grey50")


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def make(cat, *steps, effort=False, clock=None):
    routine = Routine("r", "R", "FREQ=DAILY", tuple(steps))
    profile = ProfileRec("left", None, False, "kg", 1.0, False, None, frozenset())
    clock = clock or FakeClock()
    flow = F.make_flow(build_plan(routine, cat, {}, profile), clock, ladders=cat.ladders, effort_prompt=effort)
    flow.go_to(0)
    return flow, clock


ids = iter(range(1, 10_000))


def did(flow):
    """At your own pace: `+` says the target was done (when nothing was counted), then enter."""
    if flow.state() in (F.READY, F.SWITCH) and flow.reps_override is None:
        flow.press("reps", 1)
    return flow.press("log")


def log(flow, outcome):
    """The screen's part: the set the outcome asks for is committed, and reported back."""
    assert outcome.log is not None, outcome
    flow.saved(next(ids), outcome.log)
    return outcome.log


def test_no_key_logs_a_set_during_a_rest_or_the_get_ready_count(cat):
    flow, clock = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=60))
    assert flow.state() == F.READY
    log(flow, did(flow))  # left 1: at your own pace, the target
    assert flow.state() == F.SWITCH  # right side, no rest
    log(flow, did(flow))
    assert flow.state() == F.REST
    for key in ("log", "early", "digit"):
        out = flow.press(key, 3)
        assert out.log is None and out.ask is None
    assert "Resting" in flow.press("log").message
    assert flow.pain == 0  # a digit in a rest does not rate the set to come
    # space only ends the rest: the guide does not start, and enter then does not log 0 reps
    flow.press("guide")
    assert flow.state() in (F.READY, F.SWITCH) and flow.guide.state().status == "idle"
    flow.press("guide")
    assert flow.state() == F.GET_READY
    out = flow.press("log")
    assert out.log is None and "Get ready" in out.message
    clock.advance(2.9)
    assert flow.press("log").log is None
    assert len(flow.done) == 2


def test_nothing_is_logged_before_anything_was_counted_or_said(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=1, rest_s=0))
    out = flow.press("log")
    assert out.log is None and "Nothing counted yet" in out.message
    flow.press("reps", 1)  # the first +: the target
    assert flow.shown_reps() == 8
    flow.press("reps", 1)
    assert log(flow, flow.press("log"))["reps"] == 9


def test_a_guided_set_with_no_reps_counted_is_never_logged_as_done(cat):
    flow, clock = make(cat, RoutineStep("wrist-flexion-curl", sets=1, rest_s=0))
    flow.press("guide")
    clock.advance(3.5)  # into the first rep
    assert flow.state() == F.TEMPO
    out = flow.press("log")
    assert out.log is None and "No reps counted" in out.message
    flow.press("guide")
    assert flow.state() == F.PAUSED_STATE and flow.press("log").log is None
    flow.press("reps", -1)  # still 0
    assert flow.press("log").log is None
    flow.press("reps", 1), flow.press("reps", 1)
    values = log(flow, did(flow))
    assert values["reps"] == 2 and values["stop_reason"] == "none"
    # x with nothing counted: ended early, 0 reps, explicit reason
    flow.press("guide"), clock.advance(1)
    assert flow.press("early").ask == "early"
    values = log(flow, flow.ended_early("fatigue"))
    assert (values["reps"], values["stop_reason"]) == (0, "fatigue")


def test_pain_is_always_a_rating_prefilled_from_the_same_exercise_only(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=0), RoutineStep("grip-squeeze", sets=1),
                   RoutineStep("wrist-extension-curl", sets=1))  # fmt: skip
    assert log(flow, did(flow))["pain_during"] == 0  # the first: 0, explicit
    flow.press("digit", 7)
    assert log(flow, did(flow))["pain_during"] == 7  # the other side
    assert flow.pain == 7  # prefilled from this exercise's set before (either side)
    flow.press("digit", 2)
    log(flow, did(flow)), log(flow, did(flow))
    assert flow.current.exercise.id == "grip-squeeze"
    assert flow.pain == 0  # a new exercise: not the last one's pain, no "above 5" before anything
    assert log(flow, did(flow))["pain_during"] == 0
    flow.press("digit", 3)
    flow.press("early")
    log(flow, flow.ended_early("tingling"))  # grip squeeze, other side: stopped with pain 3
    flow.press("next")
    assert flow.current.exercise.id == "wrist-extension-curl" and flow.pain == 0


def test_a_resume_prefills_pain_from_the_same_exercise_only(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=1), RoutineStep("grip-squeeze", sets=2))
    grip = [p.index for p in flow.plan if p.exercise.id == "grip-squeeze"]
    fresh = F.make_flow(flow.plan, FakeClock())
    fresh.resume([(1, 0, "wrist-flexion-curl", 6, "none"), (2, 1, "wrist-flexion-curl", 7, "none")], start=grip[0])
    assert fresh.current.exercise.id == "grip-squeeze" and fresh.pain == 0
    fresh = F.make_flow(flow.plan, FakeClock())
    fresh.resume([(1, 0, "wrist-flexion-curl", 6, "none"), (2, grip[0], "grip-squeeze", 4, "none")], start=grip[1])
    assert fresh.pain == 4


def test_symptom_stop_skips_the_exercise_and_offers_next_or_end(cat):
    flow, _ = make(
        cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=30), RoutineStep("grip-squeeze", sets=1, rest_s=30)
    )
    flow.press("early")
    log(flow, flow.ended_early("tingling"))
    assert flow.state() == F.ENDED and flow.ended_reason == "tingling"
    assert flow.skipped == {0: "ended early: tingling"}
    assert flow.press("log").log is None or True
    assert flow.state() == F.READY and flow.current.exercise.id == "grip-squeeze"  # enter: next exercise
    flow.press("early")
    log(flow, flow.ended_early("numbness"))
    out = flow.press("end")
    assert out.finish and flow.state() == F.FINISHING


def test_after_a_symptom_stop_s_skips_the_next_exercise_too_and_enter_still_goes_on(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2), RoutineStep("wrist-extension-curl", sets=1),
                   RoutineStep("grip-squeeze", sets=1))  # fmt: skip
    flow.press("early")
    log(flow, flow.ended_early("tingling"))
    assert flow.state() == F.ENDED and flow.current.exercise.id == "wrist-extension-curl"
    shown = draw.ended_text(flow, COLOURS, "!", "enter", "e", "s").plain
    assert "Next, Wrist extension curl, says: Skip it on days the hand is already tingling" in shown
    assert "enter: go on with Wrist extension curl · s: skip it too · e: end the session here" in shown
    assert reach.offered(flow, "skip") and reach.footer_order(flow)[:2] == ("runner.next", "runner.skip")
    out = flow.press("skip")
    assert "Skipped Wrist extension curl too" in out.message
    assert flow.state() == F.ENDED and flow.current.exercise.id == "grip-squeeze"  # still the user's choice
    assert flow.skipped == {0: "ended early: tingling", 1: "skipped"}
    flow.press("undo")
    flow.undone(flow.done[-1].id)  # taking the stop back brings both back
    assert flow.skipped == {} and flow.current.exercise.id == "wrist-flexion-curl"
    flow.press("early")
    log(flow, flow.ended_early("numbness"))
    flow.press("skip"), flow.press("skip")
    assert flow.current is None and "Nothing left" in flow.press("skip").message
    assert not reach.offered(flow, "skip")  # nothing to skip: not in the footer
    assert "s: skip" not in draw.ended_text(flow, COLOURS, "!", "enter", "e", "s").plain
    assert flow.press("next").finish


def test_fatigue_does_not_skip(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=30))
    flow.press("early")
    log(flow, flow.ended_early("fatigue"))
    assert flow.state() == F.SWITCH and flow.skipped == {}
    flow.press("early")
    assert flow.ended_early(None).log is None  # "back": nothing logged


def test_undo_goes_back_to_the_set_and_restores_skips(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=30), RoutineStep("grip-squeeze", sets=1))
    assert "No set" in flow.press("undo").message
    log(flow, did(flow))
    flow.press("digit", 4)
    flow.press("early")
    log(flow, flow.ended_early("pain"))
    assert flow.state() == F.ENDED
    assert flow.press("undo").ask == "undo"
    flow.undone(flow.done[-1].id)
    assert (flow.index, flow.state(), flow.skipped, flow.pain) == (1, F.SWITCH, {}, 4)
    assert len(flow.done) == 1


def test_lighter_and_heavier_change_today_only(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=0), RoutineStep("grip-squeeze", sets=1))
    planned = flow.current.dose.load
    out = flow.press("lighter")
    assert "your dose stays 0.5 kg" in out.message
    assert all(p.dose.load == 0.25 for p in flow.plan if p.exercise.id == "wrist-flexion-curl")
    assert "No lighter step" in flow.press("lighter").message  # 0.25 kg is the smallest step
    flow.press("heavier"), flow.press("heavier")
    assert flow.current.dose.load > planned
    assert log(flow, did(flow))["load"] == flow.current.dose.load
    # a ladder exercise moves a level; the base dose is what the plan said
    flow.go_to(4)
    assert flow.current.exercise.id == "grip-squeeze"
    flow.press("heavier")
    assert flow.current.dose.level == "medium"
    assert flow._bases["grip-squeeze"].level == "soft"  # the dose itself is unchanged
    assert flow.load_step(-1).level == "soft" and flow.load_step(+1).level == "firm"


def test_effort_is_one_optional_key_after_an_exercise_last_set(cat):
    flow, clock = make(cat, RoutineStep("wrist-flexion-curl", sets=1, rest_s=45), RoutineStep("grip-squeeze", sets=1), effort=True)
    log(flow, did(flow))  # left
    assert flow.state() == F.SWITCH  # not the last set of the exercise
    last = log(flow, did(flow))
    assert last and flow.state() == F.EFFORT
    out = flow.press("digit", 7)
    assert out.effort == (flow.done[-1].id, 7)
    assert flow.state() == F.REST  # the rest starts after the answer
    flow.press("guide")
    log(flow, did(flow)), log(flow, did(flow))
    assert flow.state() == F.EFFORT
    out = flow.press("log")  # enter skips
    assert out.effort is None and out.finish and flow.state() == F.FINISHING


def test_spoken_cues_follow_the_counts(cat):
    flow, clock = make(cat, RoutineStep("wrist-flexion-curl", sets=1, rest_s=30))
    flow.press("guide")
    said = []
    for _ in range(60):
        a = announcement(flow)
        if a and (not said or said[-1][0] != a[0]):
            said.append(a)
        clock.advance(0.25)
    words = [w for _, w in said]
    assert words[:3] == ["get ready, three", "two", "one"]
    assert words[3:9] == ["curl", "hold", "two", "three", "four", "release"]
    flow.press("early")
    log(flow, flow.ended_early("fatigue"))
    assert announcement(flow)[1] == "switch to your right side"


def test_a_rest_that_runs_out_is_announced_one_ended_with_space_is_not(cat):
    flow, clock = make(cat, RoutineStep("grip-squeeze", sets=3, rest_s=30))
    log(flow, did(flow)), log(flow, did(flow))  # set 1, both sides: a rest follows
    assert announcement(flow)[1] == "rest"
    clock.advance(31)
    assert flow.state() == F.SWITCH or flow.state() == F.READY
    assert announcement(flow)[1] in ("rest over: next set", "switch to your left side")
    flow.press("guide")
    assert flow.rest_over is False
    clock.advance(100)
    log(flow, flow.press("log")), log(flow, did(flow))
    flow.press("guide")  # ends the rest itself
    assert not flow.rest_over and announcement(flow)[0][0] != "ready"


def test_a_resumed_session_keeps_an_exercise_stopped_for_a_symptom_stopped(cat):
    flow, _ = make(cat, RoutineStep("wrist-flexion-curl", sets=2, rest_s=30), RoutineStep("grip-squeeze", sets=1))
    fresh = F.make_flow(flow.plan, FakeClock())
    fresh.resume([(1, 0, "wrist-flexion-curl", 5, "tingling")], start=1)  # killed right after the stop
    assert fresh.current.exercise.id == "grip-squeeze" and fresh.skipped == {0: "ended early: tingling"}
    assert fresh.pain == 0  # grip squeeze's first set: the curl's pain is not carried over


def test_a_resumed_session_remembers_an_exercise_passed_over_as_skipped(cat):
    flow, _ = make(cat, RoutineStep("neck-rotation", sets=1), RoutineStep("wrist-flexion-curl", sets=1),
                   RoutineStep("grip-squeeze", sets=1))
    fresh = F.make_flow(flow.plan, FakeClock())
    # set 1 of neck rotation logged, wrist curl skipped, grip squeeze logged, then the app was closed
    neck = next(p.index for p in flow.plan if p.step == 0)
    grip = [p.index for p in flow.plan if p.step == 2]
    fresh.resume([(1, neck, "neck-rotation", 0, "none"), (2, grip[0], "grip-squeeze", 0, "none")], start=grip[0] + 1)
    assert fresh.skipped == {1: "skipped"}  # the summary lists it, not "done"
