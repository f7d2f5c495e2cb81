"""SPEC §5 history rules: streaks, adherence, protected days, baseline, series and side ratios."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.models import Routine, RoutineStep
from journal.rules.history import (
    Calendar,
    SeriesPoint,
    Streak,
    baseline,
    day_streak,
    days,
    exercise_series,
    side_ratios,
    summarise_sets,
    week_streak,
    weekly_adherence,
)
from tests.helpers.progression_cases import checkin, red_flag

TODAY = date(2026, 11, 24)  # a Tuesday
D = timedelta(days=1)
DAILY = Routine("mob", "Mobility", "FREQ=DAILY", (RoutineStep("neck-rotation"),))
MWF = Routine("hand", "Hand", "FREQ=WEEKLY;BYDAY=MO,WE,FR", (RoutineStep("wrist-flexion-curl"),))
TTS = Routine("neck", "Neck", "FREQ=WEEKLY;BYDAY=TU,TH,SA", (RoutineStep("dumbbell-shrug"),))


def cal(
    done: dict[str, list[date]], routines=(DAILY, MWF), start: date | None = None, **kw
) -> Calendar:  # noqa: ANN001, ANN003
    completed = frozenset((r, d) for r, ds in done.items() for d in ds)
    first = start or min((d for _, d in completed), default=None)
    return Calendar(tuple(routines), completed, first, **kw)


def span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# ---- day streak ---------------------------------------------------------------------------------
def test_every_due_routine_done_makes_a_streak_and_today_pending_does_not_break_it():
    start = TODAY - 9 * D
    mwf = [d for d in span(start, TODAY - D) if d.weekday() in (0, 2, 4)]
    c = cal({"mob": span(start, TODAY - D), "hand": mwf})
    assert days(c, TODAY, TODAY, TODAY)[0].state == "pending"  # mobility not yet done today
    assert day_streak(c, TODAY) == Streak(9, 9)


def test_a_missed_routine_breaks_the_streak_and_longest_remembers():
    start = TODAY - 20 * D
    mob = [d for d in span(start, TODAY) if d != TODAY - 8 * D]
    mwf = [d for d in span(start, TODAY) if d.weekday() in (0, 2, 4)]
    s = day_streak(cal({"mob": mob, "hand": mwf}), TODAY)
    assert (s.current, s.longest) == (8, 12)
    partial = days(cal({"mob": mob, "hand": mwf}), TODAY - 8 * D, TODAY - 8 * D, TODAY)[0]
    assert partial.state == "partial"  # Monday 16th: hand done, mobility missed
    assert (partial.due, partial.required, partial.done) == (2, 2, 1)


def test_rest_days_count_and_extra_sessions_add_nothing():
    # Only Mon/Wed/Fri is prescribed: Tue, Thu, Sat, Sun are rest days.
    start = TODAY - 15 * D
    mwf = [d for d in span(start, TODAY) if d.weekday() in (0, 2, 4)]
    base = cal({"hand": mwf}, routines=(MWF,), start=start)
    with_extra = cal({"hand": mwf + [TODAY - D, TODAY - 2 * D]}, routines=(MWF,), start=start)
    assert day_streak(base, TODAY) == day_streak(with_extra, TODAY) == day_streak(base, TODAY)
    assert day_streak(base, TODAY).current == 16
    assert {d.state for d in days(base, start, TODAY, TODAY)} == {"done", "rest"}
    assert weekly_adherence(base, TODAY, 3) == weekly_adherence(with_extra, TODAY, 3)


def test_protected_days_keep_the_streak_and_leave_adherence_alone():
    start = TODAY - 13 * D
    mob = [d for d in span(start, TODAY - D) if d not in (TODAY - 5 * D, TODAY - 4 * D)]
    rest = frozenset({TODAY - 5 * D, TODAY - 4 * D})
    plain = cal({"mob": mob}, routines=(DAILY,))
    protected = cal({"mob": mob}, routines=(DAILY,), advised_rest=rest)
    assert day_streak(plain, TODAY).current == 3
    assert day_streak(protected, TODAY).current == 13
    assert days(protected, TODAY - 5 * D, TODAY - 5 * D, TODAY)[0].state == "protected"
    week = weekly_adherence(protected, TODAY, 2)[0]  # Mon 16 – Sun 22: 19 and 20 excused
    assert (week.done, week.prescribed) == (5, 5)


def test_acute_phase_excuses_strength_routines_only():
    start = TODAY - 6 * D
    c = cal({"mob": span(start, TODAY - D)}, routines=(DAILY, MWF), start=start,
            acute_until=TODAY + 10 * D, strength_routines=frozenset({"hand"}))  # fmt: skip
    assert day_streak(c, TODAY).current == 6
    without = replace(c, acute_until=None)
    assert day_streak(without, TODAY).current < 6


def test_nothing_logged_means_no_streak():
    empty = cal({})
    assert day_streak(empty, TODAY) == Streak(0, 0) == week_streak(empty, TODAY)
    assert all(w.before and w.ratio is None for w in weekly_adherence(empty, TODAY))


# ---- weeks --------------------------------------------------------------------------------------
def test_weekly_adherence_counts_completed_over_prescribed_per_iso_week():
    start = date(2026, 11, 2)  # a Monday
    mob = [d for d in span(start, TODAY) if d.day % 3]  # misses every third day
    mwf = [d for d in span(start, TODAY) if d.weekday() in (0, 2, 4)]
    c = cal({"mob": mob, "hand": mwf}, start=start)
    weeks = weekly_adherence(c, TODAY, 4)
    assert [w.start for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    first = weeks[0]
    mob_done = sum(1 for d in span(date(2026, 11, 2), date(2026, 11, 8)) if d.day % 3)
    assert (first.done, first.prescribed, first.complete) == (mob_done + 3, 7 + 3, True)
    this = weeks[
        -1
    ]  # Mon 23 done (mob? 23 % 3 = 2 yes; hand yes); today Tue 24: 24 % 3 = 0, pending
    assert (this.done, this.prescribed, this.complete) == (2, 2, False)
    assert this.kept is True


def test_week_streak_counts_weeks_at_80_percent():
    start = date(2026, 10, 5)
    missing = {date(2026, 10, 14), date(2026, 10, 15)}  # week of 12 Oct: 5/7
    mob = [d for d in span(start, TODAY - D) if d not in missing]
    c = cal({"mob": mob}, routines=(DAILY,), start=start)
    s = week_streak(c, TODAY)
    assert (s.current, s.longest) == (6, 6)  # 19 Oct … this week (so far 1/1)


# ---- properties ---------------------------------------------------------------------------------
@st.composite
def calendars(draw):  # noqa: ANN001, ANN201
    routines = draw(st.sampled_from([(DAILY,), (MWF,), (MWF, TTS), (DAILY, MWF, TTS)]))
    length = draw(st.integers(1, 40))
    start = TODAY - timedelta(days=length - 1)
    pairs = draw(
        st.sets(st.tuples(st.sampled_from([r.id for r in routines]), st.integers(0, length - 1)))
    )
    rest = draw(st.sets(st.integers(0, length - 1), max_size=4))
    completed = frozenset((r, start + timedelta(days=k)) for r, k in pairs)
    return Calendar(
        routines, completed, start, advised_rest=frozenset(start + timedelta(days=k) for k in rest)
    )


@settings(max_examples=200, deadline=None)
@given(calendars(), st.data())
def test_adding_a_completed_due_session_never_lowers_a_streak(c, data):
    from catalogue.schedule import due_days

    due = [(r.id, d) for r in c.routines for d in due_days(r, c.start, TODAY)]
    missing = [p for p in due if p not in c.completed]
    if not missing:
        return
    pair = data.draw(st.sampled_from(missing))
    more = replace(c, completed=c.completed | {pair})
    for f in (day_streak, week_streak):
        before, after = f(c, TODAY), f(more, TODAY)
        assert after.current >= before.current and after.longest >= before.longest


@settings(max_examples=200, deadline=None)
@given(calendars())
def test_a_rest_or_protected_day_never_breaks_the_streak(c):
    for d in days(c, c.start, TODAY, TODAY):
        if d.state not in ("rest", "protected") or d.day == c.start:
            continue
        yesterday = d.day - D
        was = day_streak(c, yesterday).current
        pending = days(c, yesterday, yesterday, yesterday)[0].state == "pending"
        now = day_streak(c, d.day).current
        assert now == was + 1 if not pending else now >= 1


@settings(max_examples=100, deadline=None)
@given(calendars())
def test_extra_sessions_on_days_with_nothing_due_change_nothing(c):
    from catalogue.schedule import due_days

    due = {(r.id, d) for r in c.routines for d in due_days(r, c.start, TODAY)}
    extra = {(r.id, d.day) for d in days(c, c.start, TODAY, TODAY) for r in c.routines} - due
    more = replace(c, completed=c.completed | extra)
    assert day_streak(more, TODAY) == day_streak(c, TODAY)
    assert weekly_adherence(more, TODAY) == weekly_adherence(c, TODAY)


# ---- protected days ------------------------------------------------------------------------------
def test_advised_rest_days_come_from_flags_regress_pain_and_morning_rises():
    # New rules (issue 12): flag days excuse everything; REGRESS days are per exercise, from the
    # day of pain > 5 or of a morning rise after the exercise, until it is done again (≤ 7 days).
    from journal.rules.advice import flag_days, regress_days
    from tests.helpers.progression_cases import exercise

    flag = red_flag(TODAY - 20 * D, resolved=TODAY - 18 * D)
    still_open = red_flag(TODAY - D)
    assert flag_days([flag, still_open], TODAY) == {
        TODAY - 20 * D, TODAY - 19 * D, TODAY - 18 * D, TODAY - D, TODAY,
    }  # fmt: skip
    ex = exercise()
    mornings = [checkin("right_hand", TODAY - k * D, pain=1, tingling=1) for k in range(15, 5, -1)]
    mornings.append(checkin("right_hand", TODAY - 5 * D, pain=1, tingling=3))  # baseline 1 + 2
    done = {ex.id: [TODAY - 9 * D, TODAY - 6 * D, TODAY - 3 * D]}
    found = regress_days([ex], done, {ex.id: [TODAY - 9 * D]}, mornings, TODAY)
    assert found[ex.id] == {
        TODAY - 9 * D, TODAY - 8 * D, TODAY - 7 * D,  # pain > 5, until done again
        TODAY - 5 * D, TODAY - 4 * D,  # the rise the morning after the session of day −6
    }  # fmt: skip


# ---- baseline --------------------------------------------------------------------------------------
def test_baseline_is_the_median_of_the_last_7_mornings_else_before_session_ratings():
    values = [5, 5, 5, 1, 2, 3, 4, 2, 2, 9]
    recs = [
        checkin("right_hand", TODAY - (len(values) - k) * D, pain=v) for k, v in enumerate(values)
    ]
    assert baseline(recs, "right_hand", "pain") == 2  # median of 1 2 3 4 2 2 9
    assert baseline(recs, "right_hand", "pain", before=TODAY - 3 * D) == 4  # 5 5 5 1 2 3 4
    assert baseline(recs, "left_hand", "pain") is None
    before = [checkin("left_hand", TODAY - k * D, context="before", pain=k) for k in (1, 2, 3)]
    assert baseline(recs + before, "left_hand", "pain") == 2


# ---- series and sides ---------------------------------------------------------------------------
def test_series_and_side_ratios():
    from tests.helpers.progression_cases import exercise, session

    ex = exercise()
    s1 = session(ex, ex.dose, TODAY - 8 * D, affected_reps=9, load=1.0)
    s2 = session(ex, ex.dose, TODAY - D, affected_reps=12)
    days_of = {s1.session_ids[0]: s1.day, s2.session_ids[0]: s2.day}
    points = summarise_sets([*s1.sets, *s2.sets], days_of)
    series = exercise_series(points, ex.id)
    assert [p.reps for p in series["right"]] == [9, 12] and [p.reps for p in series["left"]] == [
        12,
        12,
    ]
    assert series["right"][0].load == 1.0 and series["right"][0].sets == 2
    ratios = side_ratios(points, "right", TODAY, 2)[ex.id]
    assert [r.reps for r in ratios] == [0.75, 1.0] and [r.load for r in ratios] == [1.0, 1.0]
    assert ratios[0].hold is None
    assert side_ratios(points, "both", TODAY) == {}


def test_side_ratio_is_none_without_both_sides():
    p = SeriesPoint(1, TODAY, "x", "right", 1, 10.0, None, 2.0, None, 0)
    assert side_ratios([p], "right", TODAY, 1)["x"][0].reps is None
