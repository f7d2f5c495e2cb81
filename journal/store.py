"""Opening a journal: checks, pragmas, backups and migrations.

Order on open (SPEC §3): refuse anything that is not ours by its header alone; create a new
journal at head (0600 in a 0700 directory); for an older schema, copy the journal with the
SQLite backup API to ``journal.db.bak-<rev>`` and only then migrate.
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

from journal import paths
from journal.errors import JournalError, JournalUnavailable, NotAJournal

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
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


def describe_error(err: BaseException, path: Path) -> str:
    """Turn an SQLite failure into one line that names the journal and what to do."""
    text = str(getattr(err, "orig", None) or err).lower()
    if "locked" in text or "busy" in text:
        return f"{path} is busy: another program held it too long; try again in a moment"
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; fix its permissions (chmod 600) or pass another --db path"
    if "disk is full" in text or "database or disk is full" in text:
        return f"the disk holding {path} is full; free some space — nothing was saved from this step"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        bak = sorted(path.parent.glob(path.name + ".bak-*"))
        hint = f"; the last backup is {bak[-1]}" if bak else ""
        return f"{path} is damaged ({text}){hint}"
    if "unable to open" in text:
        return f"cannot open {path}; check that its directory exists and is writable"
    return f"{path}: {text}"


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite/SQLAlchemy errors as JournalError with a readable message."""
    try:
        yield
    except JournalError:
        raise
    except (DBAPIError, sqlite3.Error) as err:
        message = describe_error(err, path)
        if "damaged" in message:
            raise NotAJournal(message) from None
        raise JournalUnavailable(message) from None


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _create_empty(path: Path) -> None:
    """A new journal file, 0600, whose header already carries our application id.

    The header is written in rollback-journal mode so it reaches the main file at once:
    a crash before the first checkpoint never leaves an id-less file behind.
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {paths.APPLICATION_ID}")
        con.commit()
    finally:
        con.close()


def backup(path: Path, target: Path) -> Path:
    """Copy a live journal (WAL included) with SQLite's online backup API; the copy is 0600."""
    src = sqlite3.connect(path)
    try:
        if target.exists():
            target.unlink()
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _alembic_config(connection):  # noqa: ANN001, ANN202
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine, target: str = "head") -> None:
    from alembic import command

    with engine.connect() as connection:
        command.upgrade(_alembic_config(connection), target)
        connection.commit()


def open_engine(path: Path, *, create: bool = True, create_dir: bool = True) -> Engine:
    """Check, create or migrate the journal at ``path`` and return an engine for it."""
    path = Path(path)
    exists, revision = paths.precheck(path, create_dir=create_dir)
    if not exists and not create:
        raise JournalUnavailable(f"{path} does not exist")
    with translate_errors(path):
        if not exists:
            _create_empty(path)
        engine = make_engine(path)
        if revision != paths.HEAD:
            if revision is not None:
                backup(path, paths.backup_path(path, revision))
            migrate(engine)
        return engine
