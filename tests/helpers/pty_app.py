"""The real app on a pseudo-terminal, driven by keystrokes, watched through the journal file.

``PtyApp`` starts ``python -m tui.cli --db DB`` on a pty and collects what it paints in the
background; ``text()`` is that output with the escape sequences removed, so a test can wait
for words the screen showed. ``count()`` reads the journal the way any other program would
(read-only, WAL included), so a test knows when a write was committed. Used by the SIGKILL
tests (tests/reliability/test_runner_kill.py, tests/reliability/test_app_kill.py) and the two-copies tests.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

ANSI = re.compile(
    r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)
COLS, ROWS = 100, 30
KEYS = {"enter": b"\r", "escape": b"\x1b", "space": b" "}


class PtyApp:
    """``python -m tui.cli --db DB`` on a pty, with its output collected in the background."""

    def __init__(self, db: Path, *args: str, env: dict[str, str] | None = None) -> None:
        pty = pytest.importorskip("pty")  # noqa: F841 - only to skip where there is none
        fcntl = pytest.importorskip("fcntl")
        termios = pytest.importorskip("termios")
        try:
            self.master, slave = os.openpty()
        except OSError as err:  # no pseudo-terminals in this sandbox
            pytest.skip(f"no pty available: {err}")
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.tty = os.ttyname(slave)  # /dev/pts/N: the app's terminal, for diagnostics
        full_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
        full_env.pop("TEXTUAL", None)
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(db), *args],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=full_env, start_new_session=True,
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

    def mark(self) -> int:
        """A point in the output: ``text(since=mark)`` is only what was painted after it."""
        return len(self.output)

    def text(self, since: int = 0) -> str:
        return ANSI.sub("", bytes(self.output[since:]).decode("utf-8", "replace"))

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, KEYS.get(key, key.encode()))
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL the app (if it still runs) and close the terminal; safe to call twice.

        The reader thread ends on its own once the app is gone (reading gives EIO); only
        then is the descriptor closed, so neither the thread nor a second ``kill()`` can
        ever touch a descriptor number that has since been given to another file.
        """
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.reader.join(timeout=10)
        if self.master is not None and not self.reader.is_alive():
            os.close(self.master)
            self.master = None


def at_runner(app: PtyApp, exercise: str, since: int = 0) -> bool:
    """The runner is up at ``exercise``: its own hint is on screen, not just the name (Today's
    plan panel and the resume dialog name exercises too, and a key meant for the runner would
    be lost on them)."""
    shown = app.text(since)
    return exercise in shown and "starts the guide" in shown


def press_until(app: PtyApp, keys: tuple[str, ...], what: str, shown, each: float = 8.0) -> int:
    """Press ``keys[0]`` and wait until ``shown(mark)`` (the screen since the key); if it does
    not come, press the next key and wait again. For a key that may land on a dialog still
    closing under load. Returns the mark of the attempt that worked."""
    for attempt, key in enumerate(keys):
        mark = app.mark()
        app.press(key)
        try:
            wait_for(what, lambda: shown(mark), each)
            return mark
        except AssertionError:
            if attempt == len(keys) - 1:
                raise
    raise ValueError("no keys to press")


def wait_for(what: str, predicate, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def count(db: Path, table: str, where: str = "") -> int:
    """Rows committed so far, read the way any other program would (WAL included)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0]
    finally:
        conn.close()


def evidence(db: Path, app: PtyApp) -> str:
    """What to look at when the screen and the journal disagree (for a failure message): the
    sets a fresh process reads, the journal's files, and every process with the app's
    terminal open (there should be exactly one: the app)."""
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1] + '?mode=ro', uri=True); "
        "print(c.execute('SELECT count(*) FROM sets').fetchone()[0])"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script, db.resolve().as_uri()],
        check=False, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    files = {p.name: p.stat().st_size for p in sorted(db.parent.iterdir()) if p.is_file()}
    holders = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(
                os.readlink(f"/proc/{pid}/fd/{fd}") == app.tty
                for fd in os.listdir(f"/proc/{pid}/fd")
            ):
                holders.append(f"{pid}:{Path(f'/proc/{pid}/cmdline').read_bytes()[:80]!r}")
        except OSError:
            continue
    return (
        f"sets read by a fresh process: {(fresh.stdout + fresh.stderr).strip()}; files: {files}; "
        f"app pid {app.proc.pid} (running: {app.proc.poll() is None}) on {app.tty}, held by {holders}"
    )
