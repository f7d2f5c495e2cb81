"""Is this journal ours, and whole? Checks made before SQLite is let loose on a file.

* **Only our schema runs.** A journal carrying triggers, views or tables its schema revision
  does not define is refused, naming them: a trigger would run inside our own writes (one
  that deletes every check-in when a set is logged), a view could hide what we read.
* **A foreign or stale -wal is never merged.** SQLite folds a ``journal.db-wal`` into the
  journal on the next ordinary open, whatever journal it came from (a backup copied over the
  journal while a crash had left a -wal). The journal is first checked *with* the -wal
  through a read-only connection (which never checkpoints); if that fails and the journal
  alone is sound, nothing is changed and the user is told to move the -wal aside.

Standard library only (``status`` and the app's start use it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from journal.errors import NotAJournal
from journal.store import faults

#: Tables each schema revision adds (journal/store/migrations/versions). A new revision adds
#: its line here, or every journal at it is refused as foreign.
TABLES_ADDED: dict[str, tuple[str, ...]] = {
    "0001": ("alembic_version", "profile", "sessions", "sets", "checkins", "doses", "red_flags"),
    "0002": ("decisions",),
    "0003": (),
    "0004": ("profile_changes", "psfs_activities", "psfs_ratings", "grip_readings"),
}


def tables_of(revision: str) -> set[str]:
    known: set[str] = set()
    for rev, tables in TABLES_ADDED.items():
        known.update(tables)
        if rev == revision:
            break
    return known


def foreign_objects(con: sqlite3.Connection, revision: str | None) -> list[str]:
    """Triggers, views and tables in the journal that ``revision`` does not define."""
    allowed = tables_of(revision) if revision else set()
    found = []
    for kind, name in con.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') ORDER BY type, name"
    ):
        if kind == "table" and (name in allowed or name.startswith("sqlite_")):
            continue
        found.append(f"{kind} {faults.printable(str(name))}")
    return found


def check_schema(con: sqlite3.Connection, path: Path, revision: str | None) -> None:
    if revision is None and not con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
        return  # brand new
    extra = foreign_objects(con, revision)
    if extra:
        _refuse(path, extra)


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _look(uri: str) -> tuple[list[str], list[str]]:
    """(quick_check's answer, objects the revision does not define) through ``uri``."""
    con = sqlite3.connect(uri, uri=True)
    try:
        con.execute("PRAGMA busy_timeout=10000")
        problems = [str(row[0]) for row in con.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            return problems, []
        return problems, foreign_objects(con, _revision(con))
    finally:
        con.close()


def _revision(con: sqlite3.Connection) -> str | None:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone():
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


#: Journals whose pages check_wal read in this process, by what their files looked like then:
#: opening one a moment later need not read every page again (journal/store/engine.py).
_PASSED: set[tuple] = set()


def _looks(path: Path) -> tuple | None:
    try:
        parts = [str(path.resolve())]
        st = path.stat()
        parts.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        st = wal_path(path).stat()  # its ctime moves whenever SQLite opens it (fchown as root)
        parts.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return tuple(parts)


def passed_here(path: Path) -> bool:
    """True when check_wal read every page of ``path`` here and no file of it changed since."""
    looks = _looks(path)
    return looks is not None and looks in _PASSED


def check_wal(path: Path, *, open_here: bool = False) -> bool:
    """If a non-empty -wal lies beside ``path``: check the journal with it, read-only (a
    read-only connection never folds the -wal into the journal).

    Returns True when the journal passed that check (the caller need not check its pages
    again), False when there is no -wal to worry about. Raises NotAJournal when the journal
    with the -wal is damaged or holds what is not ours — naming the -wal, and changing
    nothing, if the journal is sound and ours without it."""
    if open_here:  # (paths.open_here) checked when this process opened it; its -wal is ours
        return False
    wal = wal_path(path)
    try:
        if wal.stat().st_size == 0:
            return False
    except OSError:
        return False
    base = path.resolve().as_uri()
    before = _looks(path)
    try:
        problems, extra = _look(base + "?mode=ro")
    except sqlite3.DatabaseError as err:
        if not (faults.is_damage(err) or type(err) is sqlite3.DatabaseError):
            raise faults.as_journal_error(err, path) from None
        problems, extra = [str(err)], []
    if problems == ["ok"] and not extra:
        if before is not None and _looks(path) == before:  # nobody wrote meanwhile
            _PASSED.add(before)
        return True
    try:  # the journal alone: immutable=1 reads the main file and ignores the -wal
        alone, alone_extra = _look(base + "?immutable=1")
    except sqlite3.DatabaseError:
        alone, alone_extra = ["damaged"], []
    if alone == ["ok"] and not alone_extra:
        raise NotAJournal(
            f"{wal} does not fit {path} (the journal is sound without it, not with it: left "
            f"over from another journal or an old copy); nothing was changed — move {wal} "
            f"aside (e.g. rename it to {wal.name}.aside), then start again"
        )
    if problems != ["ok"]:
        raise NotAJournal(faults.damaged(path, " ".join(problems)))
    _refuse(path, extra)
    return True


def _refuse(path: Path, extra: list[str]) -> None:
    shown = ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")
    raise NotAJournal(
        f"{path} holds what rehab-tui did not put there ({shown}); it was not opened and "
        f"nothing in it ran — restore a backup (rehab-tui restore FILE; the automatic ones are "
        f"in {path.parent / 'backups'}), or remove them with the sqlite3 shell if you added "
        "them yourself"
    )
