"""An open journal file: opening and closing it, remembering results until the journal
changes, and the plumbing every read and write goes through (``journal.api.Journal`` adds
the records on top, from ``journal.access``; readers in the store take a handle).

Every write is its own short transaction, committed before the call returns. Results come
back as plain dataclasses (``as_record``).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Callable, Mapping, Self, Sequence, TypeVar

from sqlalchemy.engine import Engine, Row

from journal.store import paths
from journal.store.engine import open_engine, translate_errors

R = TypeVar("R")


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def as_record(cls: type[R], row: Row | Mapping[str, Any]) -> R:
    data = row._mapping if isinstance(row, Row) else row
    values = {name: data[name] for name in _field_names(cls)}
    day = values.get("local_day")
    if isinstance(day, str):
        values["local_day"] = date.fromisoformat(day)
    return cls(**values)


def in_days(stmt, table, since: date | None, until: date | None):  # noqa: ANN001, ANN202
    """Limit ``stmt`` to rows whose ``local_day`` is within since..until (either may be open)."""
    if since:
        stmt = stmt.where(table.c.local_day >= since.isoformat())
    if until:
        stmt = stmt.where(table.c.local_day <= until.isoformat())
    return stmt


class JournalHandle:
    """An open journal, without its records (``journal.api.Journal`` mixes those in).

    Thread-safe for the app's worker threads (one pooled connection each)."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._writer = engine.execution_options(write=True)
        #: A connection that only ever asks ``PRAGMA data_version`` (see :meth:`data_version`).
        self._watch: sqlite3.Connection | None = None
        self._memo: dict[str, tuple[tuple, object]] = {}
        self._memo_lock = threading.RLock()  # a memo may use another (History: the basis)
        self._held = paths.hold(path)  # never reopened by hand while open (see journal.store.paths)

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        create: bool = True,
        create_dir: bool | None = None,
        check_pages: bool = True,
    ) -> Self:
        """Open (creating or migrating) a journal; raises JournalError with a one-line message.

        By default the parent directory is created only for the default location; a path
        given by ``--db`` or ``$REHAB_TUI_DB`` must name an existing directory.
        ``check_pages=False`` skips the page check (see ``journal.store.engine.open_engine``).
        """
        resolved = paths.resolve(path)
        if create_dir is None:
            create_dir = paths.is_default(path)
        engine = open_engine(resolved, create=create, create_dir=create_dir, verify=check_pages)
        return cls(resolved, engine)

    def close(self) -> None:
        with self._memo_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._memo.clear()
        self.engine.dispose()
        paths.let_go(self._held)
        self._held = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- remembering what was computed from the journal ------------------------------------
    def data_version(self) -> int:
        """A number that changes whenever anything is committed to the journal, by this process
        or another (SQLite's ``PRAGMA data_version`` on a connection that never writes)."""
        with self._memo_lock:
            return self._data_version()

    def _data_version(self) -> int:
        with translate_errors(self.path):
            if self._watch is None:
                self._watch = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def memo(self, name: str, key: tuple, compute: Callable[[], R]) -> R:
        """``compute()``, remembered under ``name`` until the journal changes or ``key`` does.

        For results that take a scan of years of history (streaks, suggestions) and that
        several screens show: the first asks, the others reuse it. ``key`` holds whatever else
        the result depends on (the day, the catalogue object); its items are compared with
        ``is`` or ``==``. One result is kept per name; callers wait for one another.
        """
        with self._memo_lock:
            version = self._data_version()
            full = (version, *key)
            kept = self._memo.get(name)
            if kept is not None and len(kept[0]) == len(full) and all(
                a is b or a == b for a, b in zip(kept[0], full)
            ):
                return kept[1]  # type: ignore[return-value]
            result = compute()
            self._memo[name] = (full, result)
            return result

    # ---- plumbing ---------------------------------------------------------------------------
    def _insert_now(self, sql: str, params: Sequence[Any]) -> int:
        """One row inserted and committed before returning, on a pooled connection used
        directly: the hot path (a set logged every few seconds) without SQLAlchemy's statement
        and transaction layers on top — the same pragmas, lock (``BEGIN IMMEDIATE``) and errors."""
        with translate_errors(self.path):
            pooled = self.engine.raw_connection()
            try:
                con = pooled.driver_connection
                con.execute("BEGIN IMMEDIATE")
                try:
                    row_id = con.execute(sql, params).lastrowid
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                return row_id
            finally:
                pooled.close()

    def _read(self, stmt) -> list[Row]:  # noqa: ANN001
        with translate_errors(self.path), self.engine.connect() as conn:
            return list(conn.execute(stmt))

    def _write(self, stmt, params: Any = None):  # noqa: ANN001, ANN202
        with translate_errors(self.path), self._writer.begin() as conn:
            return conn.execute(stmt, params) if params is not None else conn.execute(stmt)

