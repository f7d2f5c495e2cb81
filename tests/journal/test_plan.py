"""The session plan: order of sets and sides, targets, rests, resuming and check-in regions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from catalogue import load_catalogue
from catalogue.models import Dose, Phase, Routine, RoutineStep
from journal.rules.plan import (
    build_plan,
    checkin_regions,
    describe_target,
    next_exercise_index,
    rest_after,
    resume_index,
    routine_regions,
    watched_by,
    set_values,
    switches_side,
    target_hold,
    tempo_steps,
)
from journal.records import ProfileRec, SetRec


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def profile(side: str = "left", count: float = 1.0, enabled: frozenset[str] = frozenset()) -> ProfileRec:
    return ProfileRec(side, None, False, "kg", count, False, None, enabled)


def routine(*steps: RoutineStep) -> Routine:
    return Routine("r", "R", "FREQ=DAILY", tuple(steps))


def test_each_side_alternates_affected_side_first(cat):
    plan = build_plan(routine(RoutineStep("wrist-flexion-curl", sets=2, rest_s=45)), cat, {}, profile("left"))
    assert [(p.side, p.set_number) for p in plan] == [("left", 1), ("right", 1), ("left", 2), ("right", 2)]
    plan_r = build_plan(routine(RoutineStep("wrist-flexion-curl", sets=1)), cat, {}, profile("right"))
    assert [p.side for p in plan_r] == ["right", "left"]
    # no rest between the two sides of a set, the step's rest before the next set, none at the end
    assert [rest_after(plan, i) for i in range(4)] == [0, 45, 0, 0]
    assert [switches_side(plan, i) for i in range(4)] == [False, True, True, True]


def test_targets_hold_and_load(cat):
    plan = build_plan(
        routine(RoutineStep("neck-rotation", sets=1), RoutineStep("wrist-flexion-curl", sets=1), RoutineStep("grip-squeeze", sets=1)),
        cat, {}, profile(count=1.5),
    )  # fmt: skip
    neck, curl, grip = plan[0], plan[1], plan[3]
    assert (neck.side, neck.target_reps, neck.target_hold_s, neck.load) == ("both", 5, 3.0, None)
    assert (curl.target_hold_s, curl.load, curl.load_unit, curl.level) == (6.0, 0.5, "kg", None)
    assert (grip.level, grip.load_unit) == ("soft", None)
    assert describe_target(curl) == "8 reps × hold 6 s @ 0.5 kg"
    assert describe_target(grip) == "8 reps × hold 3 s @ soft putty"


def test_hold_exercise_uses_dose_hold(cat):
    ex = replace(
        cat.exercises["grip-squeeze"], measure="hold",
        tempo=(Phase("press", 1), Phase("release", 1)), dose=Dose(1, 2, 1, 3, hold_s=30),
    )  # fmt: skip
    assert target_hold(ex, ex.dose, 1.0) == 30.0
    assert tempo_steps(ex, ex.dose, 1.0) == [("press", 1, 1.0), ("release", 1, 1.0), ("hold", 30, 30.0)]
    no_hold = replace(ex, measure="reps", dose=Dose(1, 2, 1, 3))
    assert target_hold(no_hold, no_hold.dose, 1.0) is None


def test_current_dose_wins_and_hidden_exercises_need_enabling(cat):
    from journal.records import DoseRec

    rec = DoseRec(1, "wrist-flexion-curl", 3, 9, 8, 12, None, 0.75, "kg", None, None, "2026-11-01T08:00:00+01:00", "")
    r = routine(RoutineStep("wrist-flexion-curl"), RoutineStep("median-nerve-slider"))
    plan = build_plan(r, cat, {"wrist-flexion-curl": rec}, profile())
    assert {p.exercise.id for p in plan} == {"wrist-flexion-curl"}
    assert len(plan) == 6 and plan[0].target_reps == 9 and plan[0].load == 0.75
    enabled = build_plan(r, cat, {}, profile(enabled=frozenset({"median-nerve-slider"})))
    assert "median-nerve-slider" in {p.exercise.id for p in enabled}


def _set(ex: str, side: str, n: int) -> SetRec:
    return SetRec(0, 1, ex, ex, side, n, 8, 8, None, None, None, None, None, None, None, "none", "", "")


def test_resume_and_skip_positions(cat):
    plan = build_plan(
        routine(RoutineStep("neck-rotation", sets=1), RoutineStep("grip-squeeze", sets=2), RoutineStep("wrist-flexion-curl", sets=1)),
        cat, {}, profile("right"),
    )  # fmt: skip
    assert len(plan) == 1 + 4 + 2
    assert resume_index(plan, []) == 0
    assert resume_index(plan, [_set("neck-rotation", "both", 1), _set("grip-squeeze", "right", 1)]) == 2
    # a skipped exercise: the last logged set decides, not the count
    assert resume_index(plan, [_set("neck-rotation", "both", 1), _set("wrist-flexion-curl", "right", 1)]) == 6
    assert resume_index(plan, [_set("something-else", "both", 1)]) == 0
    assert next_exercise_index(plan, 1) == 5 and next_exercise_index(plan, 6) == 7


def test_checkin_regions(cat):
    ex = cat.exercises
    assert checkin_regions([ex["neck-rotation"]]) == ("neck",)
    assert checkin_regions([ex["one-arm-row"]]) == ("neck", "left_arm", "right_arm")
    assert checkin_regions([ex["grip-squeeze"], ex["wrist-flexion-curl"]]) == ("left_hand", "right_hand")
    every = ("neck", "left_hand", "right_hand", "left_arm", "right_arm")
    # the runner asks what the rules watch: hand work watches the arms, neck work the hands
    assert watched_by([ex["neck-rotation"]]) == every
    assert watched_by([ex["grip-squeeze"]]) == every
    assert routine_regions(cat.routines["hand-wrist-strength"], cat) == every
    assert routine_regions(None, cat) == ("neck", "left_hand", "right_hand", "left_arm", "right_arm")


def test_set_values_for_the_journal(cat, journal, now):
    plan = build_plan(routine(RoutineStep("wrist-flexion-curl", sets=1)), cat, {}, profile("left"))
    values = set_values(plan[0], reps=6, hold_s=3.5, pain=4, stop_reason="tingling")
    session = journal.start_session("r", "R", now)
    rec = journal.log_set(session.id, now=now, **values)
    assert (rec.exercise_id, rec.side, rec.set_number, rec.target_reps, rec.reps) == ("wrist-flexion-curl", "left", 1, 8, 6)
    assert (rec.target_hold_s, rec.hold_s, rec.load, rec.load_unit, rec.pain_during, rec.stop_reason) == (4.0, 3.5, 0.5, "kg", 4, "tingling")


def test_checkin_regions_follow_the_users_areas_neck_always(cat):
    from dataclasses import replace

    from journal.records import ProfileRec
    from journal.rules.plan import routine_regions, user_regions

    base = ProfileRec("right", None, False, "kg", 1.0, False, None, frozenset())
    hands = replace(base, symptom_areas=frozenset({"hands"}))
    assert user_regions(base) == ("neck", "left_hand", "right_hand", "left_arm", "right_arm")  # not said: all
    assert user_regions(hands) == ("neck", "left_hand", "right_hand")
    assert user_regions(replace(base, symptom_areas=frozenset({"neck"}))) == ("neck",)
    strength = cat.routines["neck-shoulder-strength"]
    assert routine_regions(strength, cat, hands) == ("neck", "left_hand", "right_hand")  # no arms: not said
    assert routine_regions(cat.routines["hand-wrist-strength"], cat, hands) == ("neck", "left_hand", "right_hand")
    hands_arms = replace(base, symptom_areas=frozenset({"hands", "arms"}))
    # hand work watches the arms: a user with arm symptoms is asked about them on a hands day
    assert routine_regions(cat.routines["hand-wrist-strength"], cat, hands_arms) == (
        "neck", "left_hand", "right_hand", "left_arm", "right_arm")
    assert routine_regions(cat.routines["gentle-mobility"], cat, replace(base, symptom_areas=frozenset({"arms"}))) == (
        "neck", "left_arm", "right_arm")
    assert routine_regions(strength, cat) == ("neck", "left_hand", "right_hand", "left_arm", "right_arm")
