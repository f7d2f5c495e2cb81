"""Bad files (SPEC §8) through the real command line: the app on a terminal, ``status`` and
``demo``. Each gets one line that names the file and says what to do, exit 1, no traceback,
and the file (and its directory) left byte for byte as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from journal.api import Journal
from tests.helpers import procs
from tests.conftest import NOW

COMMANDS = {
    "app": lambda db: procs.app_in_terminal("--db", str(db)),
    "status": lambda db: procs.cli("status", "--db", str(db)),
    "demo": lambda db: procs.cli("demo", "--days", "3", "--db", str(db)),
}


def state(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (recursively) with its SHA-256: what "unchanged" means."""
    out = {}
    for p in sorted(folder.rglob("*")):
        key = str(p.relative_to(folder))
        out[key] = "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty days of generated history: sets and check-ins over many pages."""
    from catalogue import load_catalogue
    from journal.demo.generator import generate

    path = tmp_path_factory.mktemp("demo") / "journal.db"
    with Journal.open(path) as j:
        generate(j, load_catalogue(), days=30, seed=1, today=NOW.date(), tz=NOW.tzinfo)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA freelist_count").fetchone() == (0,)  # every page is in use
    con.close()
    return path


def overwrite_page(path: Path, page: int, seed: int = 1) -> None:
    import random

    size = 4096
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(random.Random(seed).randbytes(size))


def root_page(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
    finally:
        con.close()


def page_count(path: Path) -> int:
    return path.stat().st_size // 4096


# Each maker: (tmp_path, demo journal) -> the path to pass as --db. The expected words are
# what the line must say to be useful: what is wrong, and what to do about it.
def _empty(tmp: Path, _demo: Path) -> Path:
    (tmp / "journal.db").write_bytes(b"")
    return tmp / "journal.db"


def _text(tmp: Path, _demo: Path) -> Path:
    (tmp / "journal.db").write_text("Mon: 3x10 wrist curls\nTue: rest\n", encoding="utf-8")
    return tmp / "journal.db"


def _random(tmp: Path, _demo: Path) -> Path:
    (tmp / "journal.db").write_bytes(os.urandom(8192))
    return tmp / "journal.db"


def _foreign(tmp: Path, _demo: Path) -> Path:
    con = sqlite3.connect(tmp / "notes.db")
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('hello')")
    con.commit()
    con.close()
    return tmp / "notes.db"


def _newer(tmp: Path, demo: Path) -> Path:
    shutil.copyfile(demo, tmp / "journal.db")
    con = sqlite3.connect(tmp / "journal.db")
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    return tmp / "journal.db"


def _a_directory(tmp: Path, _demo: Path) -> Path:
    (tmp / "journal.db").mkdir()
    return tmp / "journal.db"


def _sets_root_garbage(tmp: Path, demo: Path) -> Path:
    shutil.copyfile(demo, tmp / "journal.db")
    overwrite_page(tmp / "journal.db", root_page(demo, "sets"))
    return tmp / "journal.db"


def _middle_page_garbage(tmp: Path, demo: Path) -> Path:
    shutil.copyfile(demo, tmp / "journal.db")
    overwrite_page(tmp / "journal.db", page_count(demo) // 2, seed=2)
    return tmp / "journal.db"


def _last_page_garbage_with_backup(tmp: Path, demo: Path) -> Path:
    shutil.copyfile(demo, tmp / "journal.db")
    shutil.copyfile(demo, tmp / "journal.db.bak-0001")
    overwrite_page(tmp / "journal.db", page_count(demo), seed=3)
    return tmp / "journal.db"


def _first_page_garbage_with_backup(tmp: Path, demo: Path) -> Path:
    shutil.copyfile(demo, tmp / "journal.db")
    shutil.copyfile(demo, tmp / "journal.db.bak-0001")
    overwrite_page(tmp / "journal.db", 1, seed=4)
    return tmp / "journal.db"


BAD_FILES: dict[str, tuple[Callable[[Path, Path], Path], tuple[str, ...]]] = {
    "0-byte": (_empty, ("is empty (0 bytes)", "choose another --db path")),
    "text": (_text, ("not a rehab-tui journal", "left untouched")),
    "random bytes": (_random, ("not a rehab-tui journal", "left untouched")),
    "another program's SQLite": (_foreign, ("another program", "left untouched")),
    "newer schema": (_newer, ("newer rehab-tui", "schema 0099", "upgrade rehab-tui")),
    "a directory": (_a_directory, ("is a directory", "pass the journal file itself")),
    "sets root page garbage": (_sets_root_garbage, ("is damaged", "left as it is", ".recover")),
    "middle page garbage": (_middle_page_garbage, ("is damaged", "left as it is", ".recover")),
    "last page garbage, backup beside": (
        _last_page_garbage_with_backup,
        ("is damaged", "the last backup is", "journal.db.bak-0001"),
    ),
    "first page garbage, backup beside": (
        _first_page_garbage_with_backup,
        ("not a rehab-tui journal", "the last backup is", "bak-0001"),
    ),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_one_line_exit_1_file_unchanged(tmp_path, demo_journal, kind, command):
    make, words = BAD_FILES[kind]
    db = make(tmp_path, demo_journal)
    before = state(tmp_path)
    line = COMMANDS[command](db).one_line_error()
    assert str(db) in line
    for word in words:
        assert word in line, line
    assert state(tmp_path) == before  # byte for byte, and nothing added beside it


@pytest.mark.parametrize("command", ["app", "demo"])
def test_missing_directory(tmp_path, command):
    db = tmp_path / "no-such-dir" / "journal.db"
    line = COMMANDS[command](db).one_line_error()
    assert f"{db.parent} does not exist; create it first or pass another --db path" in line
    assert os.listdir(tmp_path) == []


def test_status_with_a_missing_directory_says_so(tmp_path):
    line = procs.cli("status", "--db", str(tmp_path / "nope" / "journal.db")).one_line_error()
    assert f"{tmp_path / 'nope'} does not exist" in line
    assert os.listdir(tmp_path) == []


def test_damage_is_found_on_open_through_the_api(tmp_path, demo_journal):
    from journal.errors import NotAJournal

    db = _middle_page_garbage(tmp_path, demo_journal)
    before = state(tmp_path)
    with pytest.raises(NotAJournal, match="is damaged"):
        Journal.open(db)
    assert state(tmp_path) == before


# ---- permissions: as an ordinary user ---------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory an unprivileged user can reach (pytest's tmp dirs are root's own, 0700)."""
    root = Path(tempfile.mkdtemp(prefix="rehab-perm-"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        for p in [root, *root.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(root)


def as_user(shared: Path) -> tuple[int | None, dict[str, str]]:
    """Who to run as: ``nobody`` when the tests run as root, else the current user."""
    home = shared / "home"
    home.mkdir(exist_ok=True)
    uid = procs.NOBODY if os.geteuid() == 0 else None
    if uid is not None:
        os.chown(home, uid, uid)
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state"), "REHAB_TUI_CONFIG": str(home / "config")}  # fmt: skip
    return uid, env


def give(path: Path, uid: int | None, mode: int) -> None:
    if uid is not None:
        os.chown(path, uid, uid)
    path.chmod(mode)


@pytest.mark.parametrize("command", ["app", "demo"])
def test_read_only_directory(shared_dir, command):
    uid, env = as_user(shared_dir)
    folder = shared_dir / "ro"
    folder.mkdir()
    give(folder, uid, 0o500)
    db = folder / "journal.db"
    args = ["--db", str(db)] if command == "app" else ["demo", "--db", str(db)]
    line = procs.main_as_user(args, uid, env).one_line_error()
    assert f"{folder} is read-only" in line and "pass another --db path" in line
    assert os.listdir(folder) == []


@pytest.mark.parametrize("command", ["app", "demo"])
def test_journal_in_a_read_only_directory(shared_dir, demo_journal, command):
    uid, env = as_user(shared_dir)
    folder = shared_dir / "ro"
    folder.mkdir()
    db = folder / "journal.db"
    shutil.copyfile(demo_journal, db)
    give(db, uid, 0o600)
    give(folder, uid, 0o500)
    before = state(folder)
    args = ["--db", str(db)] if command == "app" else ["demo", "--db", str(db)]
    line = procs.main_as_user(args, uid, env).one_line_error()
    assert f"{folder} is read-only" in line and str(db.name) in line
    assert state(folder) == before


@pytest.mark.parametrize("command", ["app", "demo", "status"])
def test_read_only_journal_file(shared_dir, demo_journal, command):
    uid, env = as_user(shared_dir)
    folder = shared_dir / "rw"
    folder.mkdir()
    db = folder / "journal.db"
    shutil.copyfile(demo_journal, db)
    give(db, uid, 0o400)
    give(folder, uid, 0o700)
    before = state(folder)
    args = {
        "app": ["--db", str(db)],
        "demo": ["demo", "--db", str(db)],
        "status": ["status", "--db", str(db)],
    }
    line = procs.main_as_user(args[command], uid, env).one_line_error()
    assert f"{db} is read-only" in line and "chmod 600" in line
    assert state(folder) == before
    assert stat.S_IMODE(db.stat().st_mode) == 0o400


# ---- export: the page check runs beside a staged export, before one to stdout -------------------
def _index_page_garbage(tmp: Path, demo: Path) -> Path:
    """Damage the export of sets does not read: only SQLite's quick_check finds it."""
    shutil.copyfile(demo, tmp / "journal.db")
    overwrite_page(tmp / "journal.db", root_page(demo, "ix_checkins_local_day"), seed=5)
    return tmp / "journal.db"


@pytest.mark.parametrize("make", [_index_page_garbage, _middle_page_garbage, _sets_root_garbage])
@pytest.mark.parametrize("to", ["file", "stdout", "all"])
def test_a_damaged_journal_exports_nothing(tmp_path, demo_journal, make, to):
    db = make(tmp_path, demo_journal)
    out = tmp_path / "out"
    out.mkdir()
    before = state(tmp_path)
    args = {
        "file": ["export", "sets", "-o", str(out / "sets.csv")],  # written aside, checked alongside
        "stdout": ["export", "sets"],  # nothing can be taken back: checked before a row
        "all": ["export", "all", "-o", str(out / "csv")],
    }[to]
    result = procs.cli(*args, "--db", str(db))
    line = result.one_line_error()
    assert "is damaged" in line and str(db) in line
    assert result.stdout == ""
    assert state(tmp_path) == before  # no file, no folder, no temporary file left


def test_a_staged_export_checks_the_pages_beside_it(tmp_path, demo_journal, monkeypatch):
    """The rows are written while quick_check runs on its own connection; the file appears only
    once both are done."""
    from journal.exchange import csv_export

    db = tmp_path / "journal.db"
    shutil.copyfile(demo_journal, db)
    checks: list[str] = []
    real = csv_export._PageCheck._run
    monkeypatch.setattr(csv_export._PageCheck, "_run", lambda self: checks.append("beside") or real(self))
    monkeypatch.setattr(csv_export, "check_pages", lambda con, path: checks.append("before"))
    with csv_export.atomic_file(tmp_path / "sets.csv") as out:
        rows = csv_export.export_kind(db, "sets", out, staged=True)
    assert checks == ["beside"] and rows > 100
    assert (tmp_path / "sets.csv").read_text(encoding="utf-8").count("\n") == rows + 1
    (tmp_path / "sets.csv").unlink()
    st = db.stat()
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # changed since it was checked
    with open(tmp_path / "sets.csv", "w", encoding="utf-8") as out:  # not staged: check first
        csv_export.export_kind(db, "sets", out)
    assert checks == ["beside", "before"]


def test_a_failed_staged_export_stops_the_page_check(tmp_path, demo_journal):
    """A full disk or ctrl-c mid-export interrupts quick_check instead of waiting for it."""
    from journal.exchange import csv_export

    db = tmp_path / "journal.db"
    shutil.copyfile(demo_journal, db)
    seen: list[csv_export._PageCheck] = []
    with pytest.raises(KeyboardInterrupt):
        with csv_export.reading(db, alongside=True) as snapshot:
            seen.append(snapshot._check)
            for _ in range(200):  # until the check has its connection
                if snapshot._check._con is not None:
                    break
                time.sleep(0.005)
            raise KeyboardInterrupt
    check = seen[0]
    assert check is not None and not check._thread.is_alive()
    assert check.error is not None or check.problems == ["ok"]  # interrupted, or done already
