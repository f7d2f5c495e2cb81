"""Revision 0004: the profile knows the person, and every change is kept with its time."""

from datetime import datetime, timedelta, timezone

import pytest

from journal.api import Journal
from journal.errors import InvalidValue

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=TZ)


def test_new_settings_are_read_back(tmp_path):
    with Journal.open(tmp_path / "j.db") as j:
        p = j.profile()
        assert (p.symptom_areas, p.onset_kind, p.voice, p.effort_prompt, p.setup_done) == (
            frozenset(), "unknown", False, False, False)
        p = j.update_profile(NOW, symptom_areas=["hands", "neck"], onset_kind="over-6-weeks",
                             voice=True, effort_prompt=True, setup_done_at=NOW.isoformat())
        assert p.symptom_areas == {"neck", "hands"} and p.onset_kind == "over-6-weeks"
        assert p.voice and p.effort_prompt and p.setup_done


def test_every_change_is_kept_with_its_time(tmp_path):
    with Journal.open(tmp_path / "j.db") as j:
        j.update_profile(NOW, cleared_for_strength=False)  # unchanged from the default: not kept
        assert j.profile_changes() == []
        j.update_profile(NOW, cleared_for_strength=True, units="lb")
        later = NOW + timedelta(days=3)
        j.update_profile(later, units="kg", safety_ack_at=later.isoformat())  # the ack is not tracked
        changes = j.profile_changes()
        assert [(c.field, c.old_value, c.new_value) for c in changes] == [
            ("cleared_for_strength", "0", "1"), ("units", "kg", "lb"), ("units", "lb", "kg")]
        assert j.profile_changes("cleared_for_strength")[0].changed_at == NOW.isoformat()


def test_an_onset_date_makes_the_onset_known_and_a_kind_clears_it(tmp_path):
    with Journal.open(tmp_path / "j.db") as j:
        p = j.update_profile(NOW, onset_date="2026-11-01")
        assert (p.onset_kind, str(p.onset_date)) == ("date", "2026-11-01")
        p = j.update_profile(NOW, onset_kind="unknown")
        assert (p.onset_kind, p.onset_date) == ("unknown", None)


@pytest.mark.parametrize("change", [
    {"symptom_areas": ["knees"]}, {"onset_kind": "yesterday"}, {"voice": "loud"},
])
def test_bad_values_change_nothing(tmp_path, change):
    with Journal.open(tmp_path / "j.db") as j:
        before = j.profile()
        with pytest.raises(InvalidValue):
            j.update_profile(NOW, **change)
        assert j.profile() == before and j.profile_changes() == []


def test_an_older_journal_with_an_onset_date_knows_it_as_a_date(tmp_path):
    import shutil

    from tests.journal.test_migration_fixtures import FIXTURES

    path = tmp_path / "journal.db"
    shutil.copyfile(FIXTURES / "journal-0003.db", path)
    path.chmod(0o600)
    with Journal.open(path) as j:
        p = j.profile()
        assert (p.onset_kind, str(p.onset_date), p.setup_done) == ("date", "2026-08-03", False)
        assert j.profile_changes() == []
