"""Migrations (SPEC §3): a journal from every schema revision opens under head with every row
intact; the backup is made first, is whole, and restores.

The journals under tests/fixtures/ were made by tests/fixtures/make_fixtures.py with the
migration scripts up to their revision and hold rows in every table that revision has. They
are opened on copies; the committed files never change.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from journal.store import paths
from journal.api import Journal
from tests.helpers import procs
from tests.conftest import ROOT
from tests.fixtures.make_fixtures import ROWS

FIXTURES = ROOT / "tests" / "fixtures"


def fixture(revision: str) -> Path:
    return FIXTURES / f"journal-{revision}.db"


def version(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def copy(revision: str, tmp_path: Path) -> Path:
    target = tmp_path / "journal.db"
    shutil.copyfile(fixture(revision), target)
    return target


def test_there_is_a_fixture_for_every_revision_with_rows_in_every_table():
    assert set(ROWS) == set(paths.REVISIONS), "a new revision needs a fixture (make_fixtures.py)"
    for revision in paths.REVISIONS:
        assert version(fixture(revision)) == revision
        tables = procs.table_rows(fixture(revision))
        assert set(tables) == set(ROWS[revision])
        assert all(tables.values()), f"journal-{revision}.db has an empty table"


@pytest.mark.parametrize("revision", paths.REVISIONS)
def test_every_revision_opens_under_head_with_every_row(tmp_path, revision):
    path = copy(revision, tmp_path)
    fixture_digest = hashlib.sha256(fixture(revision).read_bytes()).hexdigest()
    before = procs.table_rows(path)

    with Journal.open(path) as j:
        counts = j.counts()
        profile = j.profile()
        sessions = j.sessions()
        sets = [s for session in sessions for s in j.sets_for_session(session.id)]
        checkins = j.checkins()
        doses = j.dose_history()
        flags = j.red_flags()
        decisions = j.decisions()

    assert version(path) == paths.HEAD
    after = procs.table_rows(path, columns=procs.table_columns(fixture(revision)))
    for table, rows in before.items():
        assert after[table] == rows, f"{table} changed in the upgrade from {revision}"
    assert set(after) == set(ROWS[paths.HEAD])  # every table of head exists

    # and the API reads them back as the rows were written
    assert counts == {name: len(before[table]) for name, table in [
        ("sessions", "sessions"), ("sets", "sets"), ("checkins", "checkins"),
        ("red_flags", "red_flags"), ("doses", "doses")]}  # fmt: skip
    source = ROWS[revision]
    assert profile.affected_side == source["profile"][0]["affected_side"]
    assert profile.enabled_exercises == {"median-nerve-slider", "ulnar-nerve-slider"}
    assert [s.note for s in sessions] == [r["note"] for r in source["sessions"]]
    assert [(s.load, s.hold_s, s.level, s.note) for s in sets] == [
        (r["load"], r["hold_s"], r["level"], r["note"]) for r in source["sets"]
    ]
    assert [(c.region, c.pain, c.session_id) for c in checkins] == [
        (r["region"], r["pain"], r["session_id"]) for r in source["checkins"]
    ]
    by_since = sorted(source["doses"], key=lambda r: (r["since"], r["id"]))
    assert [d.reason for d in doses] == [r["reason"] for r in by_since]
    assert [f.resolved_at for f in flags] == [r["resolved_at"] for r in source["red_flags"]]
    assert [d.reason for d in decisions] == [r["reason"] for r in source.get("decisions", [])]
    assert hashlib.sha256(fixture(revision).read_bytes()).hexdigest() == fixture_digest


@pytest.mark.parametrize("revision", [r for r in paths.REVISIONS if r != paths.HEAD])
def test_backup_is_made_first_whole_and_restores(tmp_path, revision):
    path = copy(revision, tmp_path)
    before = procs.table_rows(path)
    Journal.open(path).close()

    bak = paths.backup_path(path, revision)
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600
    assert version(bak) == revision
    assert procs.table_rows(bak) == before
    assert procs.integrity(bak) == ["ok"]

    # Restoring = copying the backup over the journal: the old journal, then upgraded again.
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(bak, path)
    assert version(path) == revision and procs.table_rows(path) == before
    with Journal.open(path) as j:
        assert j.counts()["sets"] == len(before["sets"])
    upgraded = procs.table_rows(path, columns=procs.table_columns(bak))
    assert {t: r for t, r in upgraded.items() if t in before} == before


@pytest.mark.parametrize("revision", [r for r in paths.REVISIONS if r != paths.HEAD])
def test_a_failed_upgrade_changes_nothing_and_the_backup_already_exists(
    tmp_path, revision, monkeypatch
):
    """The backup comes before the migration, and the migration is one transaction: if it
    fails half-way (here: after every step ran), the journal is exactly as it was."""
    import alembic.command

    real_upgrade = alembic.command.upgrade

    def upgrade_then_fail(config, target):
        real_upgrade(config, target)
        raise OSError("simulated crash at the end of the upgrade")

    monkeypatch.setattr(alembic.command, "upgrade", upgrade_then_fail)
    path = copy(revision, tmp_path)
    before = procs.table_rows(path)
    with pytest.raises(Exception):  # noqa: B017 - any failure; what matters is what is left
        Journal.open(path)
    assert version(path) == revision
    assert procs.table_rows(path) == before
    assert procs.table_rows(paths.backup_path(path, revision)) == before
    monkeypatch.undo()
    with Journal.open(path):
        pass
    assert version(path) == paths.HEAD


def test_head_fixture_opens_without_a_backup(tmp_path):
    path = copy(paths.HEAD, tmp_path)
    before = procs.table_rows(path)
    Journal.open(path).close()
    assert procs.table_rows(path) == before
    assert list(tmp_path.glob("*.bak-*")) == []
