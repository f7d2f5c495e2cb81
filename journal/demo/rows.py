"""The demo's rows, buffered per table with ids assigned up front, and written with executemany."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from journal.store.tables import T_CHECKINS, T_DOSES, T_FLAGS, T_SESSIONS, T_SETS


class Rows:
    """Buffers of rows per table with explicitly assigned ids, flushed with executemany."""

    TABLES = (
        ("sessions", T_SESSIONS), ("sets", T_SETS), ("checkins", T_CHECKINS),
        ("doses", T_DOSES), ("red_flags", T_FLAGS),
    )  # fmt: skip

    def __init__(self) -> None:
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in self.TABLES}
        self.next_ids = {name: 1 for name, _ in self.TABLES}
        self.counts = {name: 0 for name, _ in self.TABLES}

    def start_after_existing(self, conn: Connection) -> None:
        for name, table in self.TABLES:
            self.next_ids[name] = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1

    def new_id(self, name: str) -> int:
        self.next_ids[name] += 1
        return self.next_ids[name] - 1

    def put(self, name: str, row_id: int, **values: Any) -> int:
        self.buffers[name].append({"id": row_id, **values})
        self.counts[name] += 1
        return row_id

    def add(self, name: str, **values: Any) -> int:
        return self.put(name, self.new_id(name), **values)

    def flush(self, conn: Connection) -> None:
        for name, table in self.TABLES:  # sessions first: sets and check-ins refer to them
            if self.buffers[name]:
                conn.execute(insert(table), self.buffers[name])
                self.buffers[name].clear()
