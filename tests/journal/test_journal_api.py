"""Round trips for every record the journal keeps, through the one journal API."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest

from catalogue.models import Dose
from journal.errors import InvalidValue


def test_profile_defaults_and_update(journal, now):
    p = journal.profile()
    assert p.affected_side == "right" and p.units == "kg" and p.safety_ack_at is None
    p = journal.update_profile(
        now, affected_side="left", onset_date="2026-09-01", cleared_for_strength=True,
        units="lb", count_seconds=1.5, bell=True, enabled_exercises={"median-nerve-slider"},
    )  # fmt: skip
    assert p.affected_side == "left"
    assert p.onset_date == date(2026, 9, 1)
    assert p.cleared_for_strength and p.bell and p.units == "lb" and p.count_seconds == 1.5
    assert p.enabled_exercises == frozenset({"median-nerve-slider"})
    assert p.side_order == ("left", "right")
    assert journal.acknowledge_safety(now).safety_ack_at == "2026-11-24T08:30:00+01:00"
    assert journal.profile().affected_side == "left"  # an update keeps what it did not name


@pytest.mark.parametrize(
    "change",
    [{"affected_side": "middle"}, {"onset_date": "2026-02-30"}, {"units": "stone"},
     {"count_seconds": 9}, {"favourite": 1}],
)  # fmt: skip
def test_profile_rejects_bad_values(journal, now, change):
    before = journal.profile()
    with pytest.raises(InvalidValue):
        journal.update_profile(now, **change)
    assert journal.profile() == before


def test_session_lifecycle(journal, now):
    s = journal.start_session("gentle-mobility", "Gentle mobility", now)
    assert s.status == "in_progress" and s.local_day == date(2026, 11, 24)
    assert journal.in_progress() == s
    done = journal.finish_session(s.id, now + timedelta(minutes=9), note="felt fine")
    assert done.status == "completed" and done.ended_at == "2026-11-24T08:39:00+01:00"
    assert done.note == "felt fine"
    assert journal.in_progress() is None
    other = journal.start_session("hand-wrist-strength", "Hand & wrist strength", now)
    assert journal.abandon_session(other.id, now).status == "abandoned"
    assert [x.id for x in journal.sessions(status="completed")] == [s.id]
    assert [x.id for x in journal.sessions(newest_first=True)] == [other.id, s.id]


def test_set_round_trip_edit_delete(journal, now):
    s = journal.start_session("hand-wrist-strength", "Hand & wrist strength", now)
    logged = journal.log_set(
        s.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl", set_number=1,
        side="right", target_reps=10, reps=9, target_hold_s=4, hold_s=4, load=0.5, load_unit="kg",
        effort=6, pain_during=2, stop_reason="fatigue", note='tired, "very"', now=now,
    )  # fmt: skip
    assert journal.sets_for_session(s.id) == [logged]
    assert logged.logged_at == "2026-11-24T08:30:00+01:00"
    edited = journal.update_set(logged.id, reps=10, note="fixed")
    assert edited.reps == 10 and edited.note == "fixed" and edited.load == 0.5
    level = journal.log_set(
        s.id, exercise_id="grip-squeeze", exercise_name="Grip squeeze", set_number=1,
        reps=8, level="soft", load_unit="putty", now=now,
    )  # fmt: skip
    assert journal.last_sets("grip-squeeze") == [level]
    journal.delete_set(logged.id)
    assert journal.sets_for_session(s.id) == [level]


@pytest.mark.parametrize(
    "field,value",
    [("reps", "abc"), ("reps", -3), ("reps", 100000), ("pain_during", 11), ("side", "middle"),
     ("stop_reason", "bored"), ("hold_s", float("nan")), ("note", "x" * 5000), ("note", "bell\x07")],
)  # fmt: skip
def test_bad_set_values_store_nothing(journal, now, field, value):
    s = journal.start_session("r", "R", now)
    kwargs = dict(exercise_id="e", exercise_name="E", set_number=1, now=now)
    kwargs[field] = value
    with pytest.raises(InvalidValue) as err:
        journal.log_set(s.id, **kwargs)
    assert field.split("_")[0] in str(err.value).replace(" ", "_")
    assert journal.sets_for_session(s.id) == []


def test_last_sets_is_latest_session_with_exercise(journal, now):
    a = journal.start_session("r", "R", now - timedelta(days=2))
    journal.log_set(a.id, exercise_id="x", exercise_name="X", set_number=1, reps=5, now=now)
    b = journal.start_session("r", "R", now - timedelta(days=1))
    journal.log_set(b.id, exercise_id="x", exercise_name="X", set_number=1, reps=7, now=now)
    journal.log_set(b.id, exercise_id="x", exercise_name="X", set_number=2, reps=6, now=now)
    assert [r.reps for r in journal.last_sets("x")] == [7, 6]
    assert [r.reps for r in journal.last_sets("x", before_session=b.id)] == [5]
    assert journal.last_sets("never") == []


def test_checkins_round_trip_and_latest(journal, now):
    s = journal.start_session("r", "R", now)
    recs = journal.record_checkins(
        [{"region": "neck", "pain": 2, "numbness": 0, "tingling": 1, "weakness": 0},
         {"region": "right_hand", "pain": 3, "numbness": 4, "tingling": 5, "weakness": 10, "note": "ünïcode"}],
        context="before", now=now, session_id=s.id,
    )  # fmt: skip
    assert journal.checkins(session_id=s.id) == recs
    later = journal.record_checkins(
        [{"region": "neck", "pain": 1, "numbness": 0, "tingling": 0, "weakness": 0}],
        context="after", now=now + timedelta(minutes=20), session_id=s.id,
    )  # fmt: skip
    latest = {r.region: r for r in journal.latest_checkins()}
    assert latest["neck"] == later[0] and latest["right_hand"] == recs[1]
    assert journal.checkins(context="before") == recs


def test_checkin_batch_is_all_or_nothing(journal, now):
    with pytest.raises(InvalidValue, match="pain"):
        journal.record_checkins(
            [{"region": "neck", "pain": 2}, {"region": "left_hand", "pain": 11}],
            context="ad_hoc", now=now,
        )
    with pytest.raises(InvalidValue, match="region"):
        journal.record_checkins([{"region": "knee", "pain": 1}], context="ad_hoc", now=now)
    assert journal.checkins() == []


def test_pending_morning_checkin(journal, now):
    yesterday = now - timedelta(days=1)
    s = journal.start_session("r", "R", yesterday)
    journal.finish_session(s.id, yesterday)
    assert journal.pending_morning_checkin(now.date()) == journal.session(s.id)
    assert journal.pending_morning_checkin(now.date() + timedelta(days=1)) is None
    journal.record_checkins([{"region": "neck", "pain": 1}], context="next_morning", now=now, session_id=s.id)
    assert journal.pending_morning_checkin(now.date()) is None


def test_red_flags(journal, now):
    flag = journal.report_red_flag("both-hands", "urgent", now, note="dropping cups")
    assert journal.red_flags(open_only=True) == [flag]
    assert journal.resolve_red_flags(now + timedelta(days=1)) == 1
    assert journal.red_flags(open_only=True) == []
    assert journal.red_flags()[0].resolved_at == "2026-11-25T08:30:00+01:00"
    with pytest.raises(InvalidValue):
        journal.report_red_flag("x", "whenever", now)


def test_doses_keep_history(journal, now):
    d1 = Dose(sets=2, reps=8, reps_lo=8, reps_hi=12, hold_s=4, load=0.5, unit="kg")
    first = journal.change_dose("wrist-flexion-curl", d1, now - timedelta(days=10), "start")
    second = journal.change_dose("wrist-flexion-curl", replace(d1, load=0.75), now, "2-for-2 met")
    assert journal.current_doses() == {"wrist-flexion-curl": second}
    assert journal.dose_history("wrist-flexion-curl") == [first, second]
    with pytest.raises(InvalidValue):
        journal.change_dose("x", replace(d1, reps=20), now, "out of range")


def test_decisions(journal, now):
    rec = journal.record_decision(
        exercise_id="x", decision="declined", rule="PROGRESS", from_dose="a", to_dose="b",
        reason="not today", now=now,
    )  # fmt: skip
    assert journal.decisions("x") == [rec]


def test_accepting_a_suggestion_writes_dose_and_decision_together_or_neither(journal, now):
    dose = Dose(sets=2, reps=8, reps_lo=8, reps_hi=12, hold_s=4, load=1.25, unit="kg")
    args = dict(exercise_id="wrist-flexion-curl", dose=dose, dose_reason="12/12 twice", rule="PROGRESS",
                from_dose="2x12 @1.0kg", to_dose="2x8 @1.25kg", reason="try 1.25 kg", now=now)  # fmt: skip
    rec = journal.accept_suggestion(**args)
    assert journal.current_doses() == {"wrist-flexion-curl": rec}
    assert [d.decision for d in journal.decisions("wrist-flexion-curl")] == ["accepted"]
    # A decision that cannot be stored takes the dose with it (and the other way round).
    with pytest.raises(InvalidValue):
        journal.accept_suggestion(**{**args, "reason": "x" * 100_000})
    with pytest.raises(InvalidValue):
        journal.accept_suggestion(**{**args, "dose": replace(dose, reps=20)})
    # The decision's INSERT fails inside the transaction: the dose written before it goes too.
    with sqlite3.connect(journal.path) as raw:
        raw.execute("CREATE TRIGGER no_decisions BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'no'); END")
    with pytest.raises(Exception, match="no"):
        journal.accept_suggestion(**{**args, "dose": replace(dose, load=1.5)})
    assert journal.dose_history("wrist-flexion-curl") == [rec]
    assert len(journal.decisions()) == 1


def test_has_data_and_counts(journal, now):
    assert not journal.has_data()
    journal.update_profile(now, units="kg")
    assert not journal.has_data()  # a profile alone is not data
    journal.start_session("r", "R", now)
    assert journal.has_data()
    assert journal.counts()["sessions"] == 1
