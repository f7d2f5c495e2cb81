"""Child processes for the reliability tests: forked writers that report through a pipe.

A forked child starts in microseconds with the journal code already imported, so a test can
kill and restart one fifty times in a couple of seconds. The parent must hold no open SQLite
connection while it forks (check with plain ``sqlite3`` and close it before the next fork).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass
class Child:
    pid: int
    reader: IO[str]

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)

    def wait(self, timeout: float = 30.0) -> int:
        """Wait for the child to exit by itself; a hung child is killed and fails the test."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.01)
        self.kill()
        raise AssertionError(f"child {self.pid} still running after {timeout} s")

    def lines(self) -> list[str]:
        """Everything the child wrote (call after it has exited or been killed)."""
        with self.reader:
            return self.reader.read().splitlines()

    def messages(self) -> list[dict]:
        return [json.loads(line) for line in self.lines() if line.startswith("{")]


def fork(body: Callable[[IO[str]], None]) -> Child:
    """Run ``body(out)`` in a forked child; ``out`` is a line-buffered pipe to the parent.

    Whatever happens in the child, it ends with ``os._exit`` (never returning into pytest);
    an exception is reported as a ``{"fatal": ...}`` line.
    """
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            out = os.fdopen(write_fd, "w", buffering=1)
            try:
                body(out)
            except BaseException as err:  # noqa: BLE001 - report, never return into pytest
                out.write(json.dumps({"fatal": f"{type(err).__name__}: {err}"}) + "\n")
                code = 3
            out.flush()
        finally:
            os._exit(code)
    os.close(write_fd)
    return Child(pid, os.fdopen(read_fd, "r"))


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` through a fresh connection (which also recovers the WAL)."""
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def ids(path: Path, table: str) -> set[int]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute(f"SELECT id FROM {table}")}  # noqa: S608 - fixed names
    finally:
        con.close()


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version aside), ordered, for before/after comparisons."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {n: con.execute(f"SELECT * FROM {n} ORDER BY rowid").fetchall() for n in names}  # noqa: S608
    finally:
        con.close()
