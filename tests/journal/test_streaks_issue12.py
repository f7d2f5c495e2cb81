"""Issue 12 streak rules: coverage by a routine holding all the exercises, advised rest days in a
row (red flag, REGRESS for an exercise of the due routine, ACUTE for a strength routine), and
Today's morning advice — pure, Europe/Berlin days."""

from __future__ import annotations

from datetime import date

from catalogue.models import Routine, RoutineStep
from journal.rules.advice import flag_days, morning_advice, regress_days
from journal.rules.streaks import Calendar, day_streak, days
from tests.helpers.berlin import ALL, D, TODAY, check, ex, flag, settled

WARM = Routine("warm", "Gentle mobility", "FREQ=DAILY", (RoutineStep("neck-rotation"), RoutineStep("wrist-table-stretch")))
HAND = Routine(
    "hand", "Hand & wrist", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    (RoutineStep("neck-rotation"), RoutineStep("wrist-table-stretch"), RoutineStep("wrist-flexion-curl")),
)  # fmt: skip
CURL = ex()
NECK = ex("neck-rotation", region="neck", kind="mobility", sides="both")
STRETCH = ex("wrist-table-stretch", kind="mobility")


def cal(done, **kw) -> Calendar:  # noqa: ANN001, ANN003
    completed = frozenset((r, d) for r, ds in done.items() for d in ds)
    return Calendar((WARM, HAND), completed, TODAY - 20 * D, **kw)


def test_a_strength_session_holding_the_whole_warm_up_covers_the_warm_up():
    monday = date(2026, 11, 23)
    state = {d.day: d.state for d in days(cal({"hand": [monday]}), monday, monday, TODAY)}
    assert state[monday] == "done"  # was "Gentle mobility: to do" after a whole Hand & wrist session
    warm_only = {d.day: d.state for d in days(cal({"warm": [monday]}), monday, monday, TODAY)}
    assert warm_only[monday] == "partial"  # the warm-up does not cover the strength routine


def test_regress_advised_rest_keeps_the_streak_any_number_of_days_in_a_row():
    start = TODAY - 20 * D
    all_days = [start + n * D for n in range(21)]
    pain_day = TODAY - 4 * D
    done = {"warm": [d for d in all_days if d < pain_day or d == TODAY],
            "hand": [d for d in all_days if d <= pain_day and d.weekday() in (0, 2, 4)]}  # fmt: skip
    rest = regress_days([CURL, NECK, STRETCH], {"wrist-flexion-curl": [d for d in done["hand"]],
                        "neck-rotation": done["warm"]}, {"wrist-flexion-curl": [pain_day]}, [], TODAY)  # fmt: skip
    assert rest["wrist-flexion-curl"] == {pain_day + n * D for n in range(5)}  # to today, nothing since
    c = cal(done, regress_days=rest)
    states = {d.day: d.state for d in days(c, start, TODAY, TODAY)}
    # the warm-up routine holds no REGRESS exercise: it stays due (and was skipped: missed)
    assert states[pain_day + D] == "missed"
    done["warm"] += [pain_day + n * D for n in range(1, 4)]
    c = cal(done, regress_days=rest)
    assert day_streak(c, TODAY).current == 21  # three rest days for the hand routine in a row


def test_hold_is_not_advice_to_rest_and_a_regress_ends_when_the_exercise_is_done_again():
    rest = regress_days([CURL], {"wrist-flexion-curl": [TODAY - 6 * D, TODAY - 3 * D]},
                        {"wrist-flexion-curl": [TODAY - 6 * D]}, [], TODAY)  # fmt: skip
    assert rest["wrist-flexion-curl"] == {TODAY - 6 * D, TODAY - 5 * D, TODAY - 4 * D}


def test_a_morning_rise_advises_rest_for_the_exercises_watching_it():
    mornings = settled(until=TODAY - 3 * D) + [check(r, TODAY - 2 * D, tingling=4 if r == "neck" else 1) for r in ALL]
    shrug = ex("dumbbell-shrug", region="neck", sides="both")
    found = regress_days([CURL, shrug], {"dumbbell-shrug": [TODAY - 3 * D], "wrist-flexion-curl": [TODAY - 3 * D]},
                         {}, mornings, TODAY)  # fmt: skip
    assert found == {"dumbbell-shrug": frozenset({TODAY - 2 * D, TODAY - D, TODAY})}  # curl: neck not watched


def test_red_flag_days_and_acute_strength_routines_are_excused():
    f = flag(TODAY - 3 * D, "soon", resolved=TODAY - 2 * D)
    c = cal({"warm": [TODAY - 20 * D + n * D for n in range(21)]}, advised_rest=flag_days([f], TODAY),
            acute_until=date.max, strength_routines=frozenset({"hand"}))  # fmt: skip
    assert day_streak(c, TODAY).current == 21
    assert c.excused("warm", TODAY - 3 * D) and not c.excused("warm", TODAY - 4 * D)
    assert c.excused("hand", TODAY - 4 * D)  # ACUTE (onset unknown) for the strength routine


def test_morning_advice_names_the_exercises_to_ease_off_and_why():
    mornings = settled(until=TODAY - D) + [check(r, TODAY, tingling=5 if r == "right_hand" else 1) for r in ALL]
    shrug = ex("dumbbell-shrug", region="neck", sides="both")
    advice = morning_advice(TODAY, mornings, [CURL, NECK, shrug])
    assert advice is not None and advice.exercises == (CURL.name, shrug.name, NECK.name)  # strength first
    assert advice.sentence.startswith("Ease off today: every exercise — ") and "right-hand tingling 5 this morning (baseline 1)" in advice.sentence
    neck_only = settled(until=TODAY - D) + [check(r, TODAY, tingling=5 if r == "neck" else 1) for r in ALL]
    advice = morning_advice(TODAY, neck_only, [CURL, NECK, shrug])
    assert advice.exercises == (shrug.name, NECK.name) and "Dumbbell shrug, Neck rotation — neck tingling 5" in advice.sentence
    assert morning_advice(TODAY, settled(), [CURL]) is None
    assert morning_advice(TODAY, [], [CURL]) is None  # no check-in: nothing said, not "all clear"
