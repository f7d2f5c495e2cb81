"""Opening a journal: checks, pragmas, backups and migrations.

Order on open (SPEC §3): refuse anything that is not ours by its header alone; create a new
journal at head (0600 in a 0700 directory); refuse a journal with damaged pages (SQLite's
quick_check); for an older schema, copy the journal with the SQLite backup API to
``journal.db.bak-<rev>`` and only then migrate.

Two copies of rehab-tui may start on one journal at the same moment: a new file appears
atomically (built aside, then hard-linked into place), and the backup and migration run
under the write lock (``BEGIN IMMEDIATE``), so one copy upgrades while the other waits and
then finds the work done.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from journal.store import faults, paths
from journal.errors import InvalidValue, JournalError, JournalUnavailable, NotAJournal
from journal.store.faults import describe_error

__all__ = ["describe_error", "open_engine", "translate_errors", "make_engine", "migrate", "backup"]

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    # busy_timeout first: switching to WAL needs a lock another copy may briefly hold.
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)


def apply_pragmas(dbapi_con: sqlite3.Connection) -> None:
    for pragma in PRAGMAS:
        dbapi_con.execute(pragma)


def _on_connect(dbapi_con: sqlite3.Connection, _record: object) -> None:
    # Take transaction control from pysqlite so BEGIN is emitted exactly when SQLAlchemy begins.
    dbapi_con.isolation_level = None
    apply_pragmas(dbapi_con)


def _on_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    # Writers take the write lock up front: a deferred transaction that reads and then writes
    # can fail with SQLITE_BUSY at once instead of waiting out busy_timeout.
    if conn.get_execution_options().get("write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite/SQLAlchemy errors as JournalError with a readable message."""
    try:
        yield
    except JournalError:
        raise
    except (DBAPIError, sqlite3.Error) as err:
        orig = getattr(err, "orig", None) or err
        if isinstance(orig, sqlite3.IntegrityError):
            if "foreign key" in str(orig).lower():
                raise InvalidValue(
                    "the session this belongs to is not in the journal (deleted?); nothing was saved"
                ) from None
            # A validator let through what a table constraint refuses: still the value's fault.
            raise InvalidValue(
                f"the journal refused this change ({faults.one_line(str(orig), 80)}); nothing was saved"
            ) from None
        raise faults.as_journal_error(err, path) from None
    except OSError as err:  # making a new journal or a backup beside it
        raise JournalUnavailable(faults.describe_os_error(err, path)) from None


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _create_empty(path: Path) -> None:
    """A new journal file, 0600, whose header already carries our application id.

    The file is built aside (header written in rollback-journal mode, so it is in the main
    file, then switched to WAL) and hard-linked into place: nobody, not a second copy of the
    app nor a crash, ever sees a half-made journal. If another copy won the race, its file
    is used.
    """
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute(f"PRAGMA application_id = {paths.APPLICATION_ID}")
            con.commit()
            con.execute("PRAGMA journal_mode=WAL")
        finally:
            con.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another copy of rehab-tui created it a moment ago: share theirs
        except OSError:  # a file system without hard links: create in place instead
            data = tmp.read_bytes()
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                return
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    finally:
        tmp.unlink(missing_ok=True)


def first_missing_folder(path: Path) -> Path | None:
    """The outermost folder above ``path`` that does not exist yet (None if its folder does):
    what opening a journal at the default location would create."""
    missing = None
    for folder in Path(path).absolute().parents:
        if folder.exists():
            break
        missing = folder
    return missing


def discard_unused(path: Path, *, made: Path | None = None) -> bool:
    """Remove a journal this process has just created and nothing has written to (a refused
    ``import`` into a new path must leave nothing behind), with its -wal and -shm — and the
    folders it was given, from its own up to ``made`` (see :func:`first_missing_folder`), as
    far as they are empty. Returns True if the journal was removed.

    Kept when anything but the schema's own revision row is in it, or when another connection
    has it open (leaving WAL mode needs the journal to itself)."""
    path = Path(path)
    removed = False
    if path.exists():
        try:  # mode=rw: never makes a file of its own
            uri = f"{path.resolve().as_uri()}?mode=rw"
            con = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0)
        except sqlite3.Error:
            return False
        try:
            tables = [
                name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                if name != "alembic_version" and not name.startswith("sqlite_")
            ]
            if any(con.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for name in tables):
                return False
            if con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
                return False  # someone else has it open
        except sqlite3.Error:
            return False
        finally:
            con.close()
        for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
            path.with_name(name).unlink(missing_ok=True)
        removed = True
    if made is not None:  # the folders opening it made, as far as they are empty
        for folder in path.absolute().parents:
            try:
                folder.rmdir()
            except OSError:
                break
            if folder == made:
                break
    return removed


def backup(path: Path, target: Path) -> Path:
    """Copy a live journal (WAL included) with SQLite's online backup API; the copy is 0600.

    The copy is made aside and renamed into place, so ``target`` is always a whole journal
    (an earlier backup is replaced only by a complete new one).
    """
    from journal.store import files

    files.sweep(target.parent)
    fd, tmp = files.create_temp(target)
    os.close(fd)
    try:
        src = sqlite3.connect(path)
        try:
            src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _alembic_config(connection):  # noqa: ANN001, ANN202
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def _stored_revision(connection) -> str | None:  # noqa: ANN001
    has = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if has else None


def migrate(engine: Engine, target: str = "head", *, backup_of: Path | None = None) -> None:
    """Upgrade the schema in one transaction that holds the write lock from its first statement.

    With ``backup_of`` (the journal's path), a journal at an older revision is first copied
    to ``journal.db.bak-<rev>``. The revision is read under the lock, so of two copies of the
    app opening one journal, the second waits and then finds nothing to do.
    """
    from alembic import command

    with engine.execution_options(write=True).connect() as connection:
        with connection.begin():  # BEGIN IMMEDIATE (see _on_begin); alembic joins it
            current = _stored_revision(connection)
            if backup_of is not None:
                paths.check_revision(current, backup_of)
                if current == paths.HEAD:
                    return
                if current is not None:
                    backup(backup_of, paths.backup_path(backup_of, current))
            command.upgrade(_alembic_config(connection), target)


def check_pages(engine: Engine, path: Path) -> None:
    """Refuse a journal whose pages are damaged (SQLite's quick_check: ~0.15 s for ten years)."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA quick_check(3)").scalars().all()
    if rows != ["ok"]:
        raise NotAJournal(faults.damaged(path, " ".join(map(str, rows))))


def open_engine(
    path: Path, *, create: bool = True, create_dir: bool = True, verify: bool = True
) -> Engine:
    """Check, create or migrate the journal at ``path`` and return an engine for it.

    ``verify=False`` skips SQLite's quick_check, for a journal known to be as rehab-tui
    last left it (``journal/store/verification.py``); everything else is checked as always."""
    path = Path(path)
    exists, revision = paths.precheck(path, create_dir=create_dir)
    if not exists and not create:
        raise JournalUnavailable(f"{path} does not exist")
    with translate_errors(path):
        if not exists:
            _create_empty(path)
        engine = make_engine(path)
        try:
            if exists and verify:
                from journal.store import sound

                if not sound.passed_here(path):  # (the -wal check may have just read them)
                    check_pages(engine, path)
            if revision != paths.HEAD:
                migrate(engine, backup_of=path)
        except BaseException:
            engine.dispose()
            raise
        return engine
