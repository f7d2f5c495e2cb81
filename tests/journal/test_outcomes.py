"""Outcome measures: PSFS and grip rules (pure) and their storage (nothing changes on refusal)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.errors import InvalidValue
from journal.records import GripRec, PsfsRatingRec
from journal.rules import outcomes as rules


def _grip(day: date, side: str, value: float, unit: str = "kg", rid: int = 1) -> GripRec:
    return GripRec(rid, f"{day}T09:00:00+01:00", day, side, value, unit, f"{value:g}")


def _rating(day: date, score: int, rid: int = 1) -> PsfsRatingRec:
    return PsfsRatingRec(rid, 1, f"{day}T09:00:00+01:00", day, score)


D0 = date(2026, 10, 1)


def test_psfs_change_of_two_is_meaningful_one_is_not():
    assert rules.psfs_change([_rating(D0, 3)]) is None  # one rating: no change, not "no change"
    one = rules.psfs_change([_rating(D0, 3, 1), _rating(D0 + timedelta(7), 4, 2)])
    two = rules.psfs_change([_rating(D0, 3, 1), _rating(D0 + timedelta(7), 5, 2)])
    worse = rules.psfs_change([_rating(D0, 6, 1), _rating(D0 + timedelta(7), 4, 2)])
    assert (one.meaningful, two.meaningful, worse.meaningful) == (False, True, True)
    assert (two.direction, worse.direction, one.direction) == ("better", "worse", "no meaningful change")


def test_grip_change_six_kg_meaningful_and_lb_converted():
    assert not rules.grip_change([_grip(D0, "left", 20, rid=1), _grip(D0 + timedelta(30), "left", 25.9, rid=2)]).meaningful
    assert rules.grip_change([_grip(D0, "left", 20, rid=1), _grip(D0 + timedelta(30), "left", 26, rid=2)]).meaningful
    # 44 lb = 19.96 kg → 57.3 lb = 25.99 kg: under 6 kg; 58 lb = 26.3 kg: over
    lb = rules.grip_change([_grip(D0, "left", 44, "lb", 1), _grip(D0 + timedelta(30), "left", 58, "lb", 2)])
    assert lb.meaningful and lb.first == pytest.approx(20.0, abs=0.1)


def test_grip_drop_against_best_of_previous_four_weeks():
    rows = [
        _grip(D0, "right", 40, rid=1),  # older than 4 weeks before the latest: not counted
        _grip(D0 + timedelta(10), "right", 30, rid=2),
        _grip(D0 + timedelta(20), "right", 32, rid=3),
        _grip(D0 + timedelta(35), "right", 25.5, rid=4),
        _grip(D0 + timedelta(20), "left", 30, rid=5),
        _grip(D0 + timedelta(35), "left", 24, rid=6),  # 6 kg drop: under 6.5
    ]
    drops = rules.grip_drops(rows)
    assert [d.side for d in drops] == ["right"]
    assert drops[0].best_kg == 32 and drops[0].drop == 6.5
    assert "new or worsening weakness" in drops[0].sentence()
    # in lb: 70 lb (31.8 kg) → 55 lb (24.9 kg) is a 6.8 kg drop
    assert rules.grip_drops([_grip(D0, "left", 70, "lb", 1), _grip(D0 + timedelta(3), "left", 55, "lb", 2)])
    assert rules.grip_drops([_grip(D0, "left", 30)]) == []  # one reading: nothing to compare


def test_psfs_due_once_a_week():
    today = date(2026, 11, 24)
    assert rules.psfs_due(None, today)
    assert not rules.psfs_due(today - timedelta(days=6), today)
    assert rules.psfs_due(today - timedelta(days=7), today)


@pytest.mark.parametrize("name", ["", "   ", "x" * 300, "a\x00b"])
def test_bad_psfs_names_refused_in_one_line(journal, now, name):
    with pytest.raises(InvalidValue) as err:
        journal.add_psfs_activity(name, now)
    assert "\n" not in str(err.value) and "activity" in str(err.value)
    assert journal.psfs_activities(with_retired=True) == []


def test_psfs_store_rate_and_refusals_change_nothing(journal, now):
    a = journal.add_psfs_activity("  typing  for an hour ", now)
    assert a.name == "typing for an hour"
    b = journal.add_psfs_activity("x" * 80, now)
    journal.add_psfs_activity("opening jars", now)
    with pytest.raises(InvalidValue, match="already rate 3"):
        journal.add_psfs_activity("driving", now)
    with pytest.raises(InvalidValue, match="0 to 10"):
        journal.rate_psfs({a.id: 4, b.id: 11}, now)  # one bad rating: none stored
    assert journal.psfs_ratings() == []
    with pytest.raises(InvalidValue):
        journal.rate_psfs({a.id: -1}, now)
    rated = journal.rate_psfs({a.id: 4, b.id: "7"}, now)
    assert [r.score for r in journal.psfs_ratings()] == [4, 7] == [r.score for r in rated]
    assert journal.psfs_last_rated() == now.date()
    journal.retire_psfs_activity(b.id, now)
    assert [x.id for x in journal.psfs_activities()] == [a.id, 3]
    with pytest.raises(InvalidValue, match="no activity"):
        journal.rate_psfs({b.id: 5}, now)
    assert len(journal.psfs_ratings()) == 2


@pytest.mark.parametrize(("trials", "unit"), [(["-1"], "kg"), ([200], "kg"), ([0], "kg"), ([400], "lb"),
                                              (["abc"], "kg"), ([float("nan")], "kg"), ([], "kg"),
                                              ([20, 21, 22, 23], "kg"), ([20], "stone")])
def test_bad_grip_refused(journal, now, trials, unit):
    with pytest.raises(InvalidValue) as err:
        journal.record_grip("left", trials, unit, now)
    assert "\n" not in str(err.value)
    assert journal.grip_readings() == []


def test_grip_best_of_three_kept_with_trials(journal, now):
    g = journal.record_grip("right", ["31.5", 33, 32], "kg", now)
    assert (g.value, g.trials, g.unit) == (33.0, "31.5,33,32", "kg")
    lb = journal.record_grip("left", [150, 330], "lb", now)
    assert lb.value == 330
    assert [r.side for r in journal.grip_readings()] == ["right", "left"]
    with pytest.raises(InvalidValue, match="left or right"):
        journal.record_grip("both", [20], "kg", now)
    assert journal.has_data()
