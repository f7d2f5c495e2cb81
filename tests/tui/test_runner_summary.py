"""The end-of-session summary and note: every exercise done, skipped or ended early and why; all
four ratings before → after; the time; the morning check-in to come."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from catalogue import load_catalogue
from catalogue.models import Routine, RoutineStep
from journal.records import ProfileRec, SessionRec, SetRec
from journal.rules.plan import build_plan, set_values
from tests.helpers.runner_helpers import FakeClock
from tui.runner import flow as F
from tui.runner.summary import session_note, summary
from tui.theme import Palette

COLOURS = Palette("green", "yellow", "red", "blue", "magenta", "grey50")


@pytest.fixture
def finished():
    cat = load_catalogue()
    routine = Routine("r", "R", "FREQ=DAILY", (
        RoutineStep("neck-rotation", sets=1), RoutineStep("grip-squeeze", sets=1),
        RoutineStep("wrist-flexion-curl", sets=2), RoutineStep("finger-flex-stretch", sets=1),
    ))  # fmt: skip
    profile = ProfileRec("right", None, False, "kg", 1.0, False, None, frozenset())
    flow = F.make_flow(build_plan(routine, cat, {}, profile), FakeClock())
    flow.go_to(0)
    sets = []

    def log(values):
        rec = SetRec(len(sets) + 1, 1, values["exercise_id"], values["exercise_name"], values["side"], values["set_number"],
                     values["target_reps"], values["reps"], values["target_hold_s"], values["hold_s"], values["load"],
                     values["load_unit"], values["level"], None, values["pain_during"], values["stop_reason"],
                     "2026-11-24T08:40:00+01:00", "")  # fmt: skip
        sets.append(rec)
        flow.saved(rec.id, values)

    flow.press("reps", 1)
    log(flow.press("log").log)  # neck rotation
    flow.press("skip")  # grip squeeze skipped
    flow.press("early")
    flow.press("digit", 4)
    log(flow.ended_early("tingling").log)  # wrist curl right 1: tingling → the rest of it skipped
    assert flow.press("end").finish  # end here: the finger stretch is not done
    session = SessionRec(1, "r", "R", "2026-11-24T08:30:00+01:00", "2026-11-24T08:52:00+01:00", date(2026, 11, 24), "completed", "")
    return flow, sets, session


def render(group, width=120) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(group)
    return console.export_text()


def test_summary_lists_every_exercise_and_all_four_ratings(finished):
    flow, sets, session = finished
    before = {"neck": {"pain": 2, "numbness": 0, "tingling": 1, "weakness": 0}}
    after = {"neck": {"pain": 3, "numbness": 1, "tingling": 1, "weakness": 0}}
    for width, narrow in ((120, False), (78, True)):
        text = render(summary(session, sets, flow=flow, routine_name="R", regions=["neck", "left_hand"],
                              before=before, after=after, colours=COLOURS, narrow=narrow), width)  # fmt: skip
        assert "2 sets in 22 min" in text
        lines = {line.split("  ")[0].strip(): line for line in text.splitlines() if line.strip()}
        assert "done" in lines["Neck rotation"]
        assert "skipped" in lines["Grip squeeze"]
        assert "ended early: tingling" in lines["Wrist flexion curl"]
        assert "not done: the session ended early" in " ".join(text.split())
        assert "2 → 3" in text and "0 → 1" in text and "1 → 1" in text  # pain, numbness, tingling
        assert "Weakness" in text and "Left hand" not in text  # a region with no ratings is left out
        assert "Tomorrow morning" in text


def test_session_note_names_what_was_not_done_and_why(finished):
    flow, _, _ = finished
    assert session_note(flow, despite_stop=True) == (
        "Skipped: Grip squeeze. Ended early: Wrist flexion curl (tingling). "
        "Not done (session ended early): Finger flex and stretch. Started while a red flag was open."
    )


def _run(steps, affected="right"):
    cat = load_catalogue()
    profile = ProfileRec(affected, None, False, "kg", 1.0, False, None, frozenset())
    flow = F.make_flow(build_plan(Routine("r", "R", "FREQ=DAILY", steps), cat, {}, profile), FakeClock())
    flow.go_to(0)
    sets = []

    def log(values):
        rec = SetRec(len(sets) + 1, 1, values["exercise_id"], values["exercise_name"], values["side"], values["set_number"],
                     values["target_reps"], values["reps"], values["target_hold_s"], values["hold_s"], values["load"],
                     values["load_unit"], values["level"], None, values["pain_during"], values["stop_reason"],
                     "2026-11-24T08:40:00+01:00", "")  # fmt: skip
        sets.append(rec)
        flow.saved(rec.id, values)

    return flow, sets, log


def _rows(flow, sets, narrow):
    session = SessionRec(1, "r", "R", "2026-11-24T08:30:00+01:00", "2026-11-24T08:52:00+01:00", date(2026, 11, 24), "completed", "")
    text = render(summary(session, sets, flow=flow, routine_name="R", regions=[], before={}, after={},
                          colours=COLOURS, narrow=narrow), 120 if not narrow else 78)  # fmt: skip
    return {side: line for line in text.splitlines() for side in ("right", "left") if f" {side} " in f" {line} "}


def test_ended_early_is_on_the_side_that_was_stopped():
    """The new user's run: right (affected, first) 8 reps; left + − − − then x t."""
    flow, sets, log = _run((RoutineStep("wrist-flexion-curl", sets=1),))
    assert flow.current.side == "right"
    flow.press("reps", 1)
    log(flow.press("log").log)
    for delta in (1, -1, -1, -1):
        flow.press("reps", delta)
    flow.press("early")
    log(flow.ended_early("tingling").log)
    assert [(s.side, s.reps, s.stop_reason) for s in sets] == [("right", 8, "none"), ("left", 5, "tingling")]
    for narrow in (False, True):
        rows = _rows(flow, sets, narrow)
        assert "ended early: tingling" in rows["left"], rows
        assert "ended early" not in rows["right"] and "tingling" not in rows["right"], rows


def test_a_fatigue_stop_is_on_its_own_side():
    flow, sets, log = _run((RoutineStep("wrist-flexion-curl", sets=1),))
    flow.press("reps", 1)
    log(flow.press("log").log)  # right: done
    flow.press("early")
    log(flow.ended_early("fatigue").log)  # left: 0 reps, fatigue
    rows = _rows(flow, sets, False)
    assert "done" in rows["right"] and "fatigue" not in rows["right"]
    assert "stopped: fatigue" in rows["left"]
