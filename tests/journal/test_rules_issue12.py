"""Issue 12, "Decisions you can trust": a test per rule and per bullet, on Europe/Berlin clocks.

Pure: plain records in, suggestions out (tests/helpers/berlin.py builds them). The journal,
CLI and screen paths are in tests/journal/test_rules_journal.py and the TUI/CLI test files.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from catalogue.models import Dose
from catalogue.watched import watched_regions
from journal.rules.suggest import suggest
from tests.helpers.berlin import (
    ALL, BERLIN, CLEARED, D, TODAY, check, dose_row, ex, flag, good_pair, profile, sess, settled, world,
)  # fmt: skip

SHRUG = ex("dumbbell-shrug", region="neck", sides="both")
ROW = ex("one-arm-row", region="shoulder", sides="each")
RAISE = ex("lateral-raise", region="shoulder", sides="both")
CURL = ex()


def decide(e, sessions, checkins, **kw):  # noqa: ANN001, ANN003, ANN201
    return suggest(*world(e, sessions, checkins, **kw))


def test_the_baseline_case_progresses():
    s = decide(CURL, good_pair(CURL), settled())
    assert (s.decision, s.rule) == ("PROGRESS", "progress.load")


# ---- watched regions -----------------------------------------------------------------------------
def test_watched_regions_are_data_beside_the_catalogue():
    assert watched_regions(CURL) == ("left_hand", "right_hand", "left_arm", "right_arm")
    assert watched_regions(SHRUG) == ALL
    assert watched_regions(ROW) == ALL
    assert watched_regions(ex("odd", region="elbow")) == ALL  # unknown: watch everything


@pytest.mark.parametrize("e", [SHRUG, ROW, RAISE], ids=lambda e: e.id)
def test_neck_and_shoulder_work_regresses_on_hand_tingling_the_next_morning(e):
    """Bullet 2: a neck & shoulder session, then hand tingling 5 with baseline 1."""
    mornings = settled(until=TODAY - D) + [check(r, TODAY, tingling=5 if r == "left_hand" else 1) for r in ALL]
    s = decide(e, good_pair(e), mornings)
    assert (s.decision, s.rule) == ("REGRESS", "regress.morning")
    assert "left-hand tingling was 5" in s.reason and "baseline 1" in s.reason


def test_hand_work_does_not_watch_the_neck():
    mornings = settled(until=TODAY - D) + [check(r, TODAY, tingling=6 if r == "neck" else 1) for r in ALL]
    assert decide(CURL, good_pair(CURL), mornings).decision == "PROGRESS"


def test_numbness_the_next_morning_counts_too():
    mornings = settled(until=TODAY - D) + [check(r, TODAY, numbness=2 if r == "right_arm" else 0) for r in ALL]
    s = decide(CURL, good_pair(CURL), mornings)
    assert (s.rule, "right-arm numbness was 2" in s.reason) == ("regress.morning", True)


# ---- 1 STOP ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "severity, action",
    [("emergency", "call your local emergency number now"), ("urgent", "be seen by a doctor today"),
     ("soon", "book an appointment")],
)  # fmt: skip
def test_stop_names_the_most_severe_open_flag_and_its_action(severity, action):
    flags = [flag(TODAY - 9 * D, "soon", "worsening-pain"), flag(TODAY - 2 * D, severity, "vascular"),
             flag(TODAY - 20 * D, "emergency", "chest", resolved=TODAY - 19 * D)]  # fmt: skip
    s = decide(CURL, good_pair(CURL), settled(), flags=flags)
    assert (s.decision, s.rule) == ("STOP", "stop.red-flag")
    assert f"{severity}: {action}" in s.reason
    if severity != "soon":
        assert "dizziness" in s.reason and "(and 1 more open)" in s.reason  # vascular named first
    assert "emergency" not in s.reason or severity == "emergency"


# ---- 2 ACUTE ---------------------------------------------------------------------------------------
def test_acute_holds_strength_when_the_onset_is_recent_and_not_for_mobility():
    p = profile(cleared_for_strength=False, onset_kind="date", onset_date=TODAY - 20 * D)
    s = decide(CURL, good_pair(CURL), settled(), profile=p)
    assert (s.decision, s.rule) == ("ACUTE", "acute.onset") and "until 2026-12-16" in s.reason
    mob = ex("neck-rotation", region="neck", kind="mobility", sides="both", dose=Dose(1, 5, 5, 10))
    assert decide(mob, good_pair(mob), settled(), profile=p).decision == "PROGRESS"


def test_acute_unknown_says_to_tell_the_app_in_the_profile():
    p = profile(cleared_for_strength=False, onset_kind="unknown", onset_date=None)
    s = decide(CURL, good_pair(CURL), settled(), profile=p)
    assert (s.decision, s.rule) == ("ACUTE", "acute.unknown") and "profile" in s.reason


@pytest.mark.parametrize(
    "changes",
    [dict(cleared_for_strength=False, onset_kind="over-6-weeks", onset_date=None),
     dict(cleared_for_strength=False, onset_kind="date", onset_date=TODAY - 42 * D),
     dict(cleared_for_strength=True, onset_kind="unknown", onset_date=None)],
)  # fmt: skip
def test_not_acute_after_6_weeks_or_once_cleared(changes):
    assert decide(CURL, good_pair(CURL), settled(), profile=profile(**changes)).decision == "PROGRESS"


# ---- 3 REGRESS -------------------------------------------------------------------------------------
def test_pain_during_above_5_in_the_latest_session_regresses():
    s = decide(CURL, [sess(CURL, TODAY - 3 * D), sess(CURL, TODAY - D, pain=7)], settled())
    assert (s.decision, s.rule) == ("REGRESS", "regress.pain") and "7/10" in s.reason
    assert s.proposed is not None and s.proposed.load == 0.75


def test_a_7_day_rise_in_mean_morning_tingling_regresses():
    mornings = settled(until=TODAY - 7 * D) + settled(days=7, tingling=3)
    s = decide(CURL, good_pair(CURL), mornings)
    assert s.rule == "regress.trend" and "up from 1" in s.reason


def test_regress_at_the_easiest_dose_proposes_nothing():
    band = ex("finger-band-extension", region="fingers",
              dose=Dose(sets=1, reps=8, reps_lo=8, reps_hi=12, ladder="band", level="yellow"))  # fmt: skip
    s = decide(band, [sess(band, TODAY - D, pain=8)], settled())
    assert (s.decision, s.rule, s.proposed, s.status) == ("REGRESS", "regress.floor", None, "info")
    assert "already at the easiest dose: rest this exercise until it settles; ask your clinician if it goes on" in s.reason


def test_regress_one_set_easier_says_so():
    """Was "yellow band × 8 → yellow band × 8": the only easier element was the sets."""
    band = ex("finger-band-extension", region="fingers",
              dose=Dose(sets=2, reps=8, reps_lo=8, reps_hi=12, ladder="band", level="yellow"))  # fmt: skip
    s = decide(band, [sess(band, TODAY - D, pain=8)], settled())
    assert s.decision == "REGRESS" and s.proposed == Dose(1, 8, 8, 12, ladder="band", level="yellow")
    assert "1 set instead of 2" in s.reason


# ---- 4 HOLD ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("gap", [3, 4, 5, 6])
def test_no_progress_days_after_a_regress_condition_nobody_acted_on(gap):
    """Bullet 1: pain 7 on one day, two good sessions after it, no decision recorded."""
    sessions = [sess(CURL, TODAY - gap * D, pain=7), sess(CURL, TODAY - 2 * D), sess(CURL, TODAY - D)]
    s = decide(CURL, sessions, settled())
    assert (s.decision, s.rule) == ("HOLD", "hold.regressed")
    assert str(TODAY - gap * D) in s.reason


@pytest.mark.parametrize("gap", [3, 5])
def test_no_progress_days_after_a_morning_rise_nobody_acted_on(gap):
    rise = TODAY - gap * D
    mornings = [c for c in settled() if c.local_day != rise] + [check(r, rise, tingling=4) for r in ALL]
    sessions = [sess(CURL, rise - D), sess(CURL, TODAY - 2 * D), sess(CURL, TODAY - D)]
    s = decide(CURL, sessions, mornings)
    assert (s.decision, s.rule) == ("HOLD", "hold.regressed")


def test_unrated_pain_during_holds():
    s = decide(CURL, [sess(CURL, TODAY - 3 * D), sess(CURL, TODAY - D, unrated_set=True)], settled())
    assert (s.decision, s.rule) == ("HOLD", "hold.unrated")


def test_no_baseline_holds():
    """A new user: no before check-ins, the first morning has nothing before it."""
    days = (TODAY - 3 * D, TODAY - D)
    mornings = [check(r, d + D) for d in days for r in ALL]
    s = decide(CURL, good_pair(CURL, days=days), mornings)
    assert (s.decision, s.rule) == ("HOLD", "hold.no-baseline")


def test_tingling_after_with_no_before_checkin_is_judged_on_the_baseline():
    pair = good_pair(CURL)
    after = [check(r, TODAY - D, context="after", hh=19, tingling=6, session_id=pair[-1].session_ids[0]) for r in ALL]
    s = decide(CURL, pair, settled() + after)
    assert (s.decision, s.rule) == ("HOLD", "hold.tingling") and "above the baseline 1" in s.reason


def test_tingling_after_with_neither_before_nor_baseline_holds():
    pair = good_pair(CURL)
    hands = settled(("left_hand", "right_hand"))  # the arms were never rated before
    after = [check("left_arm", TODAY - D, context="after", hh=19, tingling=1, session_id=pair[-1].session_ids[0])]
    s = decide(CURL, pair, hands + after)
    assert (s.decision, s.rule) == ("HOLD", "hold.tingling") and "no baseline to compare" in s.reason
    assert decide(CURL, pair, hands).decision == "PROGRESS"


def test_a_morning_checkin_answered_at_0030_does_not_count():
    days = (TODAY - 3 * D, TODAY - D)
    mornings = [c for c in settled() if c.local_day != TODAY] + [check(r, TODAY, hh=0, mm=30) for r in ALL]
    s = decide(CURL, good_pair(CURL, days=days), mornings)
    assert (s.decision, s.rule) == ("HOLD", "hold.no-mornings") and str(TODAY - D) in s.reason


def test_sessions_done_while_a_red_flag_was_open_do_not_qualify():
    f = flag(TODAY - 4 * D, "urgent", resolved=TODAY - 2 * D)
    s = decide(CURL, good_pair(CURL), settled(), flags=[f])
    assert (s.decision, s.rule) == ("HOLD", "hold.after-flag")
    later = good_pair(CURL, days=(TODAY - 5 * D, TODAY - 3 * D))
    f2 = flag(TODAY - 30 * D, "urgent", resolved=TODAY - 20 * D)
    assert decide(CURL, later, settled(), flags=[f2]).decision == "PROGRESS"


def test_pain_3_to_5_holds_and_targets_must_be_met():
    assert decide(CURL, good_pair(CURL, pain=4), settled()).rule == "hold.pain"
    short = [sess(CURL, TODAY - 3 * D), sess(CURL, TODAY - D, reps=9)]
    assert decide(CURL, short, settled()).rule == "hold.targets"


def test_fewer_than_two_sessions_with_mornings_holds():
    mornings = [c for c in settled() if c.local_day != TODAY - 2 * D]
    assert decide(CURL, good_pair(CURL), mornings).rule == "hold.no-mornings"


def test_a_dose_change_less_than_7_calendar_days_ago_holds_across_the_dst_change():
    today = date(2026, 10, 27)  # CET; the clocks went back on Sunday 25 October
    pair = good_pair(CURL, days=(today - 3 * D, today - D))
    rows = [dose_row(CURL, CURL.dose, date(2026, 10, 21))]
    s = decide(CURL, pair, settled(until=today), today=today, rows=rows)
    assert s.rule == "hold.changed" and "6 days ago" in s.reason
    rows = [dose_row(CURL, CURL.dose, date(2026, 10, 20))]
    pair = good_pair(CURL, days=(date(2026, 10, 23), date(2026, 10, 25)))
    assert decide(CURL, pair, settled(until=today), today=today, rows=rows).decision == "PROGRESS"


# ---- the next-morning window -------------------------------------------------------------------
def test_a_session_across_midnight_has_its_next_morning_the_day_after_it_began():
    start = date(2026, 11, 22)
    late = sess(CURL, start, hh=23, mm=40, minutes=40)  # ends 00:20 on the 23rd
    first = sess(CURL, TODAY - 5 * D)
    mornings = [c for c in settled() if c.local_day != start + D]
    ok = mornings + [check(r, start + D, hh=6, mm=30) for r in ALL]  # 6 h 10 after the end
    assert decide(CURL, [first, late], ok).decision == "PROGRESS"
    early = mornings + [check(r, start + D, hh=5, mm=0) for r in ALL]  # 4 h 40 after
    assert decide(CURL, [first, late], early).rule == "hold.no-mornings"


def test_the_six_hours_are_real_hours_across_the_autumn_dst_change():
    from journal.rules.mornings import in_window

    end = datetime(2026, 10, 24, 23, 30, tzinfo=BERLIN)  # CEST
    assert in_window(date(2026, 10, 24), end, datetime(2026, 10, 25, 4, 45, tzinfo=BERLIN))  # 6 h 15
    end = datetime(2026, 3, 28, 23, 30, tzinfo=BERLIN)  # CET; spring forward at 02:00
    assert not in_window(date(2026, 3, 28), end, datetime(2026, 3, 29, 6, 0, tzinfo=BERLIN))  # 5 h 30
    assert in_window(date(2026, 3, 28), end, datetime(2026, 3, 29, 6, 30, tzinfo=BERLIN))


@pytest.mark.parametrize("hh, mm, counts", [(3, 59, False), (4, 0, True), (13, 59, True), (14, 0, False)])
def test_the_window_is_4_to_13_59(hh, mm, counts):
    from journal.rules.mornings import in_window

    end = datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN)
    assert in_window(date(2026, 11, 22), end, datetime(2026, 11, 23, hh, mm, tzinfo=BERLIN)) is counts


def test_a_next_morning_stored_the_same_evening_neither_counts_nor_hides():
    from journal.rules.mornings import SessionTimes, morning_due

    pair = good_pair(CURL)
    evening = [check(r, TODAY - D, hh=21, session_id=pair[-1].session_ids[0]) for r in ALL]
    mornings = [c for c in settled() if c.local_day != TODAY]
    assert decide(CURL, pair, mornings + evening).rule == "hold.no-mornings"
    times = SessionTimes(TODAY - D, pair[-1].ended_at)
    now = datetime.combine(TODAY, time(7, 30), tzinfo=BERLIN)
    assert morning_due(times, now, evening)
    assert not morning_due(times, now, [check("neck", TODAY, hh=7)])
    assert not morning_due(times, datetime.combine(TODAY, time(3, 0), tzinfo=BERLIN), [])


# ---- baseline ------------------------------------------------------------------------------------
def test_baseline_is_the_median_of_7_mornings_else_before_ratings_else_none():
    from journal.rules.baseline import Baselines

    mornings = [check("neck", TODAY - n * D, pain=v) for n, v in zip(range(9, 0, -1), [9, 9, 1, 2, 2, 3, 4, 5, 6])]
    befores = [check("left_hand", TODAY - 2 * D, context="before", pain=3)]
    b = Baselines(mornings + befores)
    assert b("neck", "pain", TODAY) == 3  # 1 2 2 3 4 5 6
    assert b("left_hand", "pain", TODAY) == 3
    assert b("right_arm", "pain", TODAY) is None
    assert Baselines(mornings)("left_hand", "pain", TODAY) is None  # was a KeyError on ('left_hand', 'before')


def test_a_session_that_ended_after_8_the_next_morning_has_no_window():
    from journal.rules.mornings import SessionTimes, window_exists

    day = date(2026, 11, 23)
    assert window_exists(SessionTimes(day, datetime(2026, 11, 24, 7, 59, tzinfo=BERLIN).isoformat()))
    assert not window_exists(SessionTimes(day, datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN).isoformat()))
    assert window_exists(SessionTimes(day, None))


def test_an_open_flag_of_unknown_severity_still_stops_as_urgent():
    from dataclasses import replace as swap

    odd = swap(flag(TODAY - D), severity="later")
    s = decide(CURL, good_pair(CURL), settled(), flags=[odd])
    assert s.decision == "STOP" and "urgent: be seen by a doctor today" in s.reason
