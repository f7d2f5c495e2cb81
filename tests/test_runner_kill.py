"""Durability on a real terminal: SIGKILL mid-routine loses nothing that was logged.

The app runs as a child process on a pseudo-terminal, driven by keystrokes written to the
master side. The test watches the journal file (plain sqlite3, read-only) to know when each
set is committed, kills the app with SIGKILL, and checks what survived; then it starts the
app again, which offers to resume, and resuming continues after the last logged set.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import NOW, ROOT

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ANSI = re.compile(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
COLS, ROWS = 100, 30


class PtyApp:
    """``python -m tui.cli --db DB`` on a pty, with its output collected in the background."""

    def __init__(self, db: Path) -> None:
        import struct

        try:
            self.master, slave = os.openpty()
        except OSError as err:  # no pseudo-terminals in this sandbox
            pytest.skip(f"no pty available: {err}")
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(db)],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.output = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def text(self) -> str:
        return ANSI.sub("", self.output.decode("utf-8", "replace"))

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, {"enter": b"\r", "escape": b"\x1b"}.get(key, key.encode()))
            time.sleep(0.05)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass


def wait_for(what: str, predicate, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def count(db: Path, table: str) -> int:
    """Rows committed so far, read the way any other program would (WAL included)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.slow
def test_sigkill_mid_routine_keeps_every_logged_set_and_offers_resume(tmp_path):
    from journal.api import Journal

    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)  # affected side: right (the default)

    app = PtyApp(db)
    try:
        wait_for("Today", lambda: "Due today" in app.text() and "Gentle mobility" in app.text())
        app.press("r")
        wait_for("the routine picker", lambda: "Run a routine" in app.text())
        app.press("enter")  # Gentle mobility: due every day, listed first
        wait_for("the session", lambda: count(db, "sessions") == 1)
        wait_for("the before check-in", lambda: "Before you start" in app.text())
        app.press("2", "enter")
        wait_for("check-ins", lambda: count(db, "checkins") == 3)
        for n in (1, 2, 3):
            app.press("enter")
            wait_for(f"set {n}", lambda n=n: count(db, "sets") == n)
        app.press("4")  # pain for the set being entered — the one thing a kill may lose
        time.sleep(0.2)
    finally:
        app.kill()
    assert app.proc.returncode == -signal.SIGKILL

    with Journal.open(db) as j:
        session = j.in_progress()
        assert session is not None and session.routine_id == "gentle-mobility"
        sets = [(s.exercise_id, s.side, s.set_number, s.reps) for s in j.sets_for_session(session.id)]
        assert sets == [
            ("neck-rotation", "both", 1, 5),
            ("neck-flexion-extension", "both", 1, 5),
            ("finger-flex-stretch", "both", 1, 5),
        ]
        assert [(c.context, c.region, c.pain) for c in j.checkins(session_id=session.id)] == [
            ("before", "neck", 2), ("before", "left_hand", 0), ("before", "right_hand", 0)
        ]

    again = PtyApp(db)
    try:
        wait_for("the resume offer", lambda: "still in progress" in again.text() and "3 sets logged" in again.text())
        again.press("enter")
        # Today's plan panel names the exercise too: wait for the runner's own hint.
        wait_for("the runner", lambda: "starts the guide" in again.text() and "Wrist stretch at a table edge" in again.text())
        again.press("enter")  # the next set after the last logged one: the wrist stretch, right first
        wait_for("set 4", lambda: count(db, "sets") == 4)
    finally:
        again.kill()
    with Journal.open(db) as j:
        last = j.sets_for_session(session.id)[-1]
        assert (last.exercise_id, last.side, last.set_number) == ("wrist-table-stretch", "right", 1)
        assert j.in_progress().id == session.id
