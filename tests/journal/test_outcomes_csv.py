"""outcomes.csv: `export all` writes it, `import` restores it; export → import → export is
byte-identical; a bad row is named by line and nothing is imported; older exports without it
still import."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.api import Journal
from journal.errors import InvalidValue
from journal.exchange.csv_export import export_all
from journal.exchange.csv_import import import_folder


def _fill(journal: Journal, now) -> None:  # noqa: ANN001
    from datetime import timedelta

    a = journal.add_psfs_activity("=SUM(A1) typing, \"long\"", now - timedelta(days=20))
    b = journal.add_psfs_activity("opening jars", now - timedelta(days=20))
    journal.rate_psfs({a.id: 3, b.id: 2}, now - timedelta(days=14))
    journal.rate_psfs({a.id: 6, b.id: 4}, now)
    journal.retire_psfs_activity(b.id, now)
    journal.record_grip("right", [20.5, 22, 21], "kg", now - timedelta(days=14))
    journal.record_grip("left", [80, 82.5], "lb", now)


def test_round_trip_is_byte_identical(tmp_path: Path, journal, now):
    _fill(journal, now)
    export_all(journal.path, tmp_path / "one")
    text = (tmp_path / "one" / "outcomes.csv").read_text(encoding="utf-8")
    assert "'=SUM(A1) typing" in text  # formula guard
    with Journal.open(tmp_path / "b.db") as other:
        summary = import_folder(other, tmp_path / "one")
        assert summary.outcomes == 2 + 4 + 2  # activities, ratings, grip readings
        assert [r.score for r in other.psfs_ratings()] == [3, 2, 6, 4]
        assert other.psfs_activities(with_retired=True)[1].retired_at is not None
        assert [(g.side, g.value, g.unit) for g in other.grip_readings()] == [("right", 22, "kg"), ("left", 82.5, "lb")]
    export_all(tmp_path / "b.db", tmp_path / "two")
    for name in ("outcomes.csv", "sessions.csv", "symptoms.csv", "sets.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


@pytest.mark.parametrize(("find", "put", "message"), [
    (",psfs,1,", ",psfs,7,", "line 4: activity 7"),
    ("right,22,kg", "right,200,kg", "line 8: grip must be above 0 and at most 150 kg"),
    ("right,22,kg", "right,-1,kg", "line 8: grip must be"),
    (",6,,,", ",11,,,", "line 6: an activity's rating must be a whole number from 0 to 10"),
])  # fmt: skip
def test_a_bad_row_is_named_and_nothing_is_imported(tmp_path: Path, journal, now, find, put, message):
    _fill(journal, now)
    export_all(journal.path, tmp_path / "one")
    path = tmp_path / "one" / "outcomes.csv"
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, put, 1), encoding="utf-8", newline="")
    with Journal.open(tmp_path / "b.db") as other:
        with pytest.raises(InvalidValue) as err:
            import_folder(other, tmp_path / "one")
        assert message in str(err.value) and "outcomes.csv" in str(err.value)
        assert not other.has_data() and other.psfs_ratings() == []


def test_an_export_without_outcomes_csv_still_imports(tmp_path: Path, journal, now):
    journal.record_checkins([{"region": "neck", "pain": 2}], context="ad_hoc", now=now)
    export_all(journal.path, tmp_path / "one")
    (tmp_path / "one" / "outcomes.csv").unlink()
    with Journal.open(tmp_path / "b.db") as other:
        import_folder(other, tmp_path / "one")
        assert len(other.checkins()) == 1 and other.grip_readings() == []


def test_importing_the_same_outcomes_again_adds_nothing(tmp_path: Path, journal, now):
    """A merge (issue 15) adds what is new: a grip reading or PSFS rating already here is skipped."""
    journal.record_grip("right", [30], "kg", now)
    export_all(journal.path, tmp_path / "one")
    summary = import_folder(journal, tmp_path / "one")
    assert summary.outcomes == 0
    assert len(journal.grip_readings()) == 1
