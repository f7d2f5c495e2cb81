"""Opening journals: creation, permissions, refusals (file unchanged), migrations with backups."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from journal.store import paths
from journal.api import Journal
from journal.errors import JournalError, JournalUnavailable, NewerSchema, NotAJournal
from journal.store.engine import make_engine, migrate


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_at_head_with_pragmas_and_permissions(tmp_path):
    path = tmp_path / "data" / "rehab" / "journal.db"
    j = Journal.open(path, create_dir=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with j.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 10_000
        assert pragma("synchronous") == 2  # FULL
        assert pragma("application_id") == paths.APPLICATION_ID
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == paths.HEAD
    j.close()


def test_explicit_path_in_missing_directory_is_refused(tmp_path):
    with pytest.raises(JournalUnavailable, match="does not exist"):
        Journal.open(tmp_path / "nope" / "journal.db")
    assert not (tmp_path / "nope").exists()


def _text(p: Path) -> Path:
    p.write_text("my shopping list\neggs\n")
    return p


def _empty(p: Path) -> Path:
    p.write_bytes(b"")
    return p


def _random(p: Path) -> Path:
    p.write_bytes(os.urandom(4096))
    return p


def _foreign_sqlite(p: Path) -> Path:
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('hello')")
    con.commit()
    con.close()
    return p


def _newer(p: Path) -> Path:
    Journal.open(p).close()
    con = sqlite3.connect(p)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    return p


@pytest.mark.parametrize(
    "make,error,words",
    [
        (_text, NotAJournal, "not a rehab-tui journal"),
        (_empty, NotAJournal, "empty (0 bytes)"),
        (_random, NotAJournal, "not a rehab-tui journal"),
        (_foreign_sqlite, NotAJournal, "another program"),
        (_newer, NewerSchema, "newer rehab-tui"),
    ],
)
def test_refused_files_are_left_byte_for_byte(tmp_path, make, error, words):
    path = make(tmp_path / "some.db")
    before = digest(path)
    listing = sorted(os.listdir(tmp_path))
    with pytest.raises(error) as err:
        Journal.open(path)
    message = str(err.value)
    assert words in message and str(path) in message and "\n" not in message
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == listing


def test_read_only_file_is_refused(tmp_path):
    path = tmp_path / "journal.db"
    Journal.open(path).close()
    path.chmod(0o400)
    if os.access(path, os.W_OK):  # running as root: permissions do not bind
        pytest.skip("root ignores file permissions")
    with pytest.raises(JournalUnavailable, match="read-only"):
        Journal.open(path)


def test_read_only_directory_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("root ignores directory permissions")
        with pytest.raises(JournalUnavailable, match="read-only"):
            Journal.open(folder / "journal.db")
    finally:
        folder.chmod(0o700)


def make_old_journal(path: Path, revision: str) -> None:
    """A journal as the code of ``revision`` would have made it (schema up to that revision)."""
    path.touch(mode=0o600)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {paths.APPLICATION_ID}")
    con.commit()
    con.close()
    engine = make_engine(path)
    migrate(engine, revision)
    engine.dispose()


def test_journal_from_first_revision_migrates_with_data_and_backup(tmp_path, now):
    path = tmp_path / "journal.db"
    make_old_journal(path, "0001")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO sessions (routine_id, routine_name, started_at, local_day, status, note) "
        "VALUES ('gentle-mobility', 'Gentle mobility', '2026-01-05T08:00:00+01:00', '2026-01-05', 'completed', 'old')"
    )
    con.execute(
        "INSERT INTO sets (session_id, exercise_id, exercise_name, side, set_number, reps, "
        "stop_reason, logged_at, note) VALUES (1, 'neck-rotation', 'Neck rotation', 'both', 1, 8, "
        "'none', '2026-01-05T08:01:00+01:00', '')"
    )
    con.commit()
    con.close()
    assert paths.precheck(path, create_dir=False) == (True, "0001")

    j = Journal.open(path)
    assert [s.note for s in j.sessions()] == ["old"]
    assert [s.reps for s in j.sets_for_session(1)] == [8]
    assert j.decisions() == []  # the table revision 0002 added is there and usable
    j.close()
    backup = path.with_name("journal.db.bak-0001")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert con.execute("SELECT note FROM sessions").fetchall() == [("old",)]
    con.close()


def test_models_match_migrations(tmp_path):
    """The ORM models and the migrated schema agree (else a new revision is missing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from journal.store.models import Base

    j = Journal.open(tmp_path / "journal.db")
    with j.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    j.close()
    assert diff == []


def test_revisions_list_matches_alembic_scripts():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(Path(paths.__file__).with_name("migrations")))
    walked = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(walked)) == paths.REVISIONS


def test_errors_are_one_line_journal_errors(tmp_path):
    for exc in (NotAJournal, NewerSchema, JournalUnavailable):
        assert issubclass(exc, JournalError)
