"""Switching units converts doses in the same transaction; count length and onset limits;
journals of every earlier revision take the new profile history."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pytest

from catalogue.models import Dose
from catalogue.units import convert, converted_doses, dose_in, load_in, show_load, text_in, to_increment
from journal.api import Journal
from journal.errors import InvalidValue
from journal.rules.doses import to_dose

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=TZ)


def test_conversion_and_rounding():
    assert convert(1, "kg", "lb") == pytest.approx(2.20462, rel=1e-5)
    assert convert(convert(3.3, "kg", "lb"), "lb", "kg") == pytest.approx(3.3)
    assert load_in(0.5, "kg", "lb") == 1.0 and load_in(1.0, "kg", "lb") == 2.0
    assert load_in(2.5, "lb", "kg") == 1.25 and load_in(0.1, "kg", "lb") == 0.5  # never below a step
    assert load_in(0.55, "kg", "kg") == 0.55  # same unit: exactly as stored
    assert to_increment(1.3, "lb") == 1.5 and to_increment(0, "kg") == 0
    assert show_load(0.75, "kg", "lb") == "1.5 lb" and show_load(2.0, "lb", None) == "2.0 lb"
    assert show_load(None, "kg", "lb") == ""
    assert dose_in(Dose(2, 8, 8, 12, level="soft", ladder="putty"), "lb").level == "soft"
    assert text_in("load 0.5 kg → 0.75 kg (+5 %), 12 reps", "lb") == "load 1.0 lb → 1.5 lb (+5 %), 12 reps"
    assert text_in("0.5 kg", "kg") == "0.5 kg" and text_in("v1.5 kg", "lb") == "v1.5 kg"


def test_switching_units_writes_converted_doses_in_one_transaction(tmp_path):
    with Journal.open(tmp_path / "j.db") as j:
        j.change_dose("wrist-flexion-curl", Dose(2, 8, 8, 12, load=1.5, unit="kg"), NOW, "set by you")
        j.change_dose("grip-squeeze", Dose(2, 8, 8, 12, ladder="putty", level="soft"), NOW, "set by you")
        doses = converted_doses({k: to_dose(r) for k, r in j.current_doses().items()}, "lb")
        assert set(doses) == {"wrist-flexion-curl"}
        later = NOW + timedelta(days=1)
        kept = {"wrist-flexion-curl": j.current_doses()["wrist-flexion-curl"].since}
        p = j.update_profile_and_doses(later, doses, "units changed to lb", kept, units="lb")
        assert p.units == "lb"
        curl = j.current_doses()["wrist-flexion-curl"]
        # The same dose in lb: it still applies since it was set (no new 7-day wait).
        assert (curl.load, curl.unit, curl.reason, curl.since) == (3.5, "lb", "units changed to lb", NOW.isoformat())
        assert [d.unit for d in j.dose_history("wrist-flexion-curl")] == ["kg", "lb"]
        # A bad dose: neither the dose nor the setting is stored.
        bad = {"wrist-flexion-curl": Dose(2, 20, 8, 12, load=1.0, unit="kg")}
        with pytest.raises(InvalidValue, match="outside the range"):
            j.update_profile_and_doses(later, bad, "units changed to kg", units="kg")
        assert j.profile().units == "lb" and len(j.dose_history("wrist-flexion-curl")) == 2
        assert [c.field for c in j.profile_changes()] == ["units"]


@pytest.mark.parametrize(("change", "says"), [
    ({"count_seconds": 0.7}, "from 0.8 to 1.5"), ({"count_seconds": 1.6}, "from 0.8 to 1.5"),
    ({"onset_date": "1899-12-31"}, "1900-01-01"), ({"onset_date": "2026-11-25"}, "in the future"),
])  # fmt: skip
def test_count_length_and_onset_limits(tmp_path, change, says):
    with Journal.open(tmp_path / "j.db") as j:
        with pytest.raises(InvalidValue, match=says):
            j.update_profile(NOW, **change)
        assert j.profile_changes() == []


@pytest.mark.parametrize("rev", ["0001", "0002", "0003", "0004"])
def test_every_earlier_revision_keeps_its_rows_and_takes_profile_changes(tmp_path, rev):
    from tests.journal.test_migration_fixtures import FIXTURES

    path = tmp_path / "journal.db"
    shutil.copyfile(FIXTURES / f"journal-{rev}.db", path)
    path.chmod(0o600)
    with Journal.open(path) as j:
        counts = j.counts()
        before = j.profile()
        assert before.setup_done == (rev == "0004")  # older journals were never set up
        p = j.update_profile(NOW, units="lb", cleared_for_strength=not before.cleared_for_strength,
                             symptom_areas=["arms"], setup_done_at=NOW.isoformat())
        assert p.units == "lb" and p.setup_done and p.symptom_areas == {"arms"}
        assert p.affected_side == before.affected_side and p.onset_date == before.onset_date
        fields = [c.field for c in j.profile_changes()]
        assert "cleared_for_strength" in fields and "symptom_areas" in fields
        assert j.counts() == counts  # sets, sessions, check-ins untouched


def test_chart_series_loads_are_in_kg_whatever_unit_a_set_was_logged_in(tmp_path):
    from journal.store.gather import _connect, series_points

    with Journal.open(tmp_path / "j.db") as j:
        s = j.start_session("hand-wrist-strength", "Hand & wrist strength", NOW)
        for n, (load, unit) in enumerate(((2.0, "lb"), (0.5, "kg")), 1):
            j.log_set(s.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl", set_number=n,
                      now=NOW, reps=8, load=load, load_unit=unit, side="left")
        with _connect(j) as conn:
            (p,) = series_points(conn, NOW.date(), NOW.date())
    assert p.load == pytest.approx(2.0 * 0.45359237)  # the heavier of 2 lb (0.907 kg) and 0.5 kg
