"""Where the journal lives, and whether a file is one — with nothing heavier than ``sqlite3``.

This module is imported by ``rehab-tui status`` and by the app before its first frame, so it
must not import SQLAlchemy, Alembic or Textual.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from journal.store import faults
from journal.errors import JournalUnavailable, NewerSchema, NotAJournal

if TYPE_CHECKING:
    import sqlite3  # imported where used: the app's first frame does not need it

APPLICATION_ID = 0x52485455  # "RHTU"; equal to journal.store.models.APPLICATION_ID
#: Schema revisions this code knows, oldest first. The last one is head.
REVISIONS = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]
SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_VAR = "REHAB_TUI_DB"


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("rehab-tui") / "journal.db"


def resolve(arg: str | os.PathLike[str] | None, environ: dict[str, str] | None = None) -> Path:
    """``--db`` wins, then ``$REHAB_TUI_DB``, then the per-user data directory."""
    env = os.environ if environ is None else environ
    if arg is not None and not os.fspath(arg):
        raise JournalUnavailable(
            "--db was given an empty path; name the journal file (e.g. --db ~/journal.db), "
            "or leave --db out to use the default"
        )
    if arg:
        return _usable(Path(arg).expanduser(), "--db")
    if env.get(ENV_VAR):
        return _usable(Path(env[ENV_VAR]).expanduser(), f"${ENV_VAR}")
    return default_path()


def _usable(path: Path, given_by: str) -> Path:
    """A path the operating system can take: no NUL byte, nothing the file system cannot encode."""
    try:
        encoded = os.fsencode(path)
    except UnicodeEncodeError:
        encoded = b"\0"
    if b"\0" in encoded:
        shown = faults.printable(ascii(str(path))[1:-1])
        raise JournalUnavailable(f"{given_by} {shown} is not a usable file name; pass another path")
    return path


def is_default(arg: str | os.PathLike[str] | None, environ: dict[str, str] | None = None) -> bool:
    """Only the default location has its directory created for it; a path the user names
    must be in a directory that exists (a typo should not silently create a new journal)."""
    env = os.environ if environ is None else environ
    return not arg and not env.get(ENV_VAR)


def backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.bak-{revision}")


def write_private_text(path: Path, text: str) -> bool:
    """Best effort: ``text`` into ``path`` (0600, its directory 0700), written aside under a
    unique exclusive name and renamed into place (journal/store/files.py). False if the file
    system said no (for the small state and cache files whose loss only costs time)."""
    from journal.store import files

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        files.write_private(path, text.encode("utf-8", "surrogateescape"))
    except OSError:
        return False
    return True


# ---- journals this process has open ---------------------------------------------------------
# Closing ANY descriptor of a file drops every POSIX lock this process holds on it, SQLite's
# included (sqlite.org/howtocorrupt.html, 2.2). Without its shared lock on the journal, another
# program closing its own connection takes the journal for unused, checkpoints and deletes the
# -wal and -shm files under our feet: sets logged afterwards go to a deleted file, and are lost
# if this process is killed. So a journal open here is never opened and closed again by hand.
_OPEN_HERE: dict[tuple[int, int], int] = {}
_OPEN_HERE_LOCK = threading.Lock()


def hold(path: Path) -> tuple[int, int] | None:
    """Note that SQLite has ``path`` open in this process (until :func:`let_go`)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_dev, st.st_ino)
    with _OPEN_HERE_LOCK:
        _OPEN_HERE[key] = _OPEN_HERE.get(key, 0) + 1
    return key


def let_go(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _OPEN_HERE_LOCK:
        left = _OPEN_HERE.get(key, 0) - 1
        if left > 0:
            _OPEN_HERE[key] = left
        else:
            _OPEN_HERE.pop(key, None)


def open_here(path: Path) -> bool:
    """True when SQLite has ``path`` open in this process (so it is not opened by hand)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    with _OPEN_HERE_LOCK:
        return (st.st_dev, st.st_ino) in _OPEN_HERE


def check_file(path: Path) -> bool:
    """Return True if ``path`` is an existing rehab-tui journal, False if it does not exist.

    Raises NotAJournal for anything else. Reads only the 100-byte header, so a foreign
    file is never opened by SQLite and stays byte-for-byte as it was. A journal this process
    already has open was checked when it was opened, and is not opened by hand again.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():  # SQLite would create a journal wherever the link points
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            raise JournalUnavailable(
                f"{path} is a symbolic link to {faults.printable(str(target))}, which does not "
                "exist; point the link at your journal, remove it, or pass another --db path"
            ) from None
        return False
    except OSError as err:
        raise JournalUnavailable(f"{path}: cannot read it ({err.strerror})") from None
    with _OPEN_HERE_LOCK:
        if (st.st_dev, st.st_ino) in _OPEN_HERE:
            return True
    if stat.S_ISDIR(st.st_mode):
        raise NotAJournal(f"{path} is a directory; pass the journal file itself (e.g. {path}/journal.db)")
    if not stat.S_ISREG(st.st_mode):
        raise NotAJournal(
            f"{path} is not a regular file (a named pipe, device or socket), so it cannot be a "
            "rehab-tui journal; pass the journal file itself with --db"
        )
    if st.st_size == 0:
        raise NotAJournal(
            f"{path} is empty (0 bytes), not a rehab-tui journal; remove it or choose another --db path"
        )
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as err:
        raise JournalUnavailable(f"{path}: cannot read it ({err.strerror})") from None
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise NotAJournal(
            f"{path} is not a rehab-tui journal (not an SQLite database); it was left untouched"
            + _if_it_was_yours(path)
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAJournal(
            f"{path} is an SQLite database from another program, not a rehab-tui journal; "
            "it was left untouched"
        )
    return True


def _if_it_was_yours(path: Path) -> str:
    """A journal whose first page was overwritten looks foreign; point at a backup if any."""
    bak = faults.latest_backup(path)
    return f" — if it was your journal, the last backup is {bak}" if bak else ""


def require_writable(path: Path) -> None:
    """Even reading a WAL journal needs write access (its -shm index); without it SQLite
    would leave -wal/-shm files behind, so a read-only journal is refused up front."""
    if not os.access(path, os.W_OK):
        raise JournalUnavailable(
            f"{path} is read-only; fix its permissions (chmod 600) or pass another --db path"
        )


def require_parent(path: Path) -> None:
    """A path the user named must be in a directory that exists."""
    if not path.parent.is_dir():
        raise JournalUnavailable(
            f"{path.parent} does not exist; create it first or pass another --db path"
        )


def ensure_directory(path: Path, *, create: bool) -> None:
    """The journal's directory must exist (created 0700 when ``create``) and be writable."""
    parent = path.parent
    if not parent.exists():
        if not create:
            require_parent(path)
        try:
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as err:
            raise JournalUnavailable(f"cannot create {parent} ({err.strerror})") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise JournalUnavailable(
            f"{parent} is read-only, so the journal {path.name} cannot be written there; "
            "fix its permissions or pass another --db path"
        )


def read_revision(con: "sqlite3.Connection", path: Path) -> str | None:
    """The Alembic revision stored in an open journal, or None for a brand-new file."""
    import sqlite3

    try:
        has = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has:
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as err:
        raise faults.as_journal_error(err, path) from None
    return row[0] if row else None


def check_revision(revision: str | None, path: Path) -> None:
    if revision is not None and revision not in REVISIONS:
        raise NewerSchema(
            f"{path} was written by a newer rehab-tui (schema {revision}, this one knows up to "
            f"{HEAD}); upgrade rehab-tui to open it — the file was left untouched"
        )


def precheck(path: Path, *, create_dir: bool, unchanged: bool = False) -> tuple[bool, str | None]:
    """Everything that can be checked about a journal with ``sqlite3`` alone, before the app
    or SQLAlchemy load. Returns (exists, schema revision); raises JournalError if unusable.

    ``unchanged``: the file is byte for byte as this version of rehab-tui last left it
    (journal/store/verification.py), so its revision is known to be HEAD without reading it."""
    exists = check_file(path)
    revision = None
    ensure_directory(path, create=create_dir)
    if exists:
        require_writable(path)
        if unchanged:
            return exists, HEAD
        import sqlite3

        from journal.store import sound

        sound.check_wal(path, open_here=open_here(path))  # before a connection could fold it in
        try:
            con = sqlite3.connect(path)
            try:
                con.execute("PRAGMA busy_timeout=10000")
                revision = read_revision(con, path)
                check_revision(revision, path)
                sound.check_schema(con, path, revision)
            finally:
                con.close()
        except sqlite3.DatabaseError as err:
            raise faults.as_journal_error(err, path) from None
    return exists, revision
