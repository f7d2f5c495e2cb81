"""A typo in -o never destroys a journal: export, report and backup refuse to write over an
SQLite file, the journal itself, or a name SQLite uses beside a journal (found by a new-user
trial: `export sessions -o journal.db` turned the journal into a CSV file)."""

import hashlib

import pytest

from journal.api import Journal
from tests.helpers import procs


@pytest.fixture
def journal_db(tmp_path):
    db = tmp_path / "journal.db"
    Journal.open(db).close()
    return db


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", [
    ("export", "sessions", "-o"), ("export", "sets", "--format", "strong", "-o"),
    ("export", "--format", "fhir", "-o"), ("report", "-o"),
])
def test_exports_and_reports_refuse_to_write_over_a_journal(journal_db, tmp_path, args):
    other = tmp_path / "other.db"
    Journal.open(other).close()
    for target in (journal_db, other):
        before = digest(target)
        result = procs.cli(*args, str(target), "--db", str(journal_db))
        assert result.code == 1
        assert "will not write over it" in result.one_line_error()
        assert digest(target) == before
    result = procs.cli(*args, str(tmp_path / "journal.db-wal"), "--db", str(journal_db))
    assert result.code == 1 and not (tmp_path / "journal.db-wal").exists()


def test_backup_refuses_the_journal_itself_and_a_file_that_is_not_a_backup(journal_db, tmp_path):
    before = digest(journal_db)
    result = procs.cli("backup", "-o", str(journal_db), "--db", str(journal_db))
    assert result.code == 1 and "the journal itself" in result.one_line_error()
    assert digest(journal_db) == before
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = procs.cli("backup", "-o", str(notes), "--db", str(journal_db))
    assert result.code == 1 and "is not a backup" in result.one_line_error()
    assert notes.read_text() == "my notes\n"
    older = tmp_path / "older-backup.db"
    assert procs.cli("backup", "-o", str(older), "--db", str(journal_db)).code == 0
    assert procs.cli("backup", "-o", str(older), "--db", str(journal_db)).code == 0  # replaced
