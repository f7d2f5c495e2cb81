"""Child processes for the reliability tests: forked writers that report through a pipe.

A forked child starts in microseconds with the journal code already imported, so a test can
kill and restart one fifty times in a couple of seconds. The parent must hold no open SQLite
connection while it forks (check with plain ``sqlite3`` and close it before the next fork).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
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
        return {row[0] for row in con.execute(f"SELECT id FROM {table}")}
    finally:
        con.close()


def table_columns(path: Path) -> dict[str, list[str]]:
    """The columns of every table (alembic_version aside)."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {n: [c[1] for c in con.execute(f"PRAGMA table_info({n})")] for n in names}
    finally:
        con.close()


def table_rows(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version aside), ordered, for before/after comparisons.

    ``columns`` (from ``table_columns`` of an older journal) reads only those columns, so rows
    can be compared across an upgrade that added columns."""
    columns = columns or table_columns(path)
    con = sqlite3.connect(path)
    try:
        have = table_columns(path)
        return {
            n: con.execute(f"SELECT {', '.join(cols)} FROM {n} ORDER BY rowid").fetchall()
            for n in have
            for cols in [columns.get(n, have[n])]
        }
    finally:
        con.close()


# ---- the real command line -------------------------------------------------------------------

_ANSI = re.compile(
    rb"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78DEHMc])"
)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def one_line_error(self) -> str:
        """The run failed the way SPEC §7 asks: exit 1, one line on stderr, no traceback."""
        assert self.code == 1, self
        assert "Traceback" not in self.stderr + self.stdout, self
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("rehab-tui: "), lines[0]
        return lines[0]


def cli(*args: str, prelude: str = "", timeout: float = 60) -> Run:
    """``python -m tui.cli ARGS`` in a fresh interpreter; ``prelude`` runs first (a test hook)."""
    from tests.conftest import ROOT

    if prelude:
        command = [
            sys.executable,
            "-c",
            f"{prelude}\nimport sys\nfrom tui.cli import main\nsys.exit(main())",
            *args,
        ]
    else:
        command = [sys.executable, "-m", "tui.cli", *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    return Run(result.returncode, result.stdout, result.stderr)


def app_in_terminal(*args: str, timeout: float = 30, size: tuple[int, int] = (80, 24)) -> Run:
    """The full-screen app on a pseudo-terminal, as a user starts it. ``stderr`` of the result
    is what is left on the terminal once the app has given the screen back (ANSI removed)."""
    from tests.conftest import ROOT

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *args],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise AssertionError(
                    f"the app was still running after {timeout} s: {b''.join(chunks)[-500:]!r}"
                )
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the app exited and the terminal closed
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
    code = proc.wait()
    raw = b"".join(chunks)
    after_screen = raw.rsplit(b"\x1b[?1049l", 1)[-1]
    text = _ANSI.sub(b"", after_screen).decode("utf-8", "replace").replace("\r", "")
    return Run(code, "", text)


# ---- as an ordinary user ---------------------------------------------------------------------

NOBODY = 65534


def warm_up() -> None:
    """Import (and load) before a fork whatever a command may need, so a child that drops to
    another user never has to read the interpreter's files or ours again.

    Every module of ``tui``, ``journal`` and ``catalogue`` (not the Alembic scripts, which Alembic
    reads as files), every subcommand's parser, the built-in catalogue (cached), and the
    standard-library modules our code imports inside functions."""
    import importlib
    import pkgutil

    for name in ("argparse", "csv", "io", "shutil", "tempfile", "traceback", "tomllib", "uuid",
                 "importlib.readers", "importlib.resources", "importlib.util", "platformdirs",
                 "alembic.command", "sqlalchemy.dialects.sqlite"):  # fmt: skip
        importlib.import_module(name)
    for package in ("catalogue", "journal", "tui"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if not info.name.startswith("journal.store.migrations"):
                importlib.import_module(info.name)
    from catalogue import load_catalogue
    from tui.cli import build_parser

    build_parser()
    load_catalogue()


def unreadable_by(uid: int) -> Path | None:
    """The first file of this source tree or of the interpreter that ``uid`` cannot read (a
    clone in a private 0700 folder, a Python installed under root's 0700 home), else None."""
    import sqlalchemy
    import textual

    here = Path(__file__).resolve().parents[2]
    needed = [
        here / "tui" / "cli.py", here / "catalogue" / "data" / "exercises.toml",
        here / "journal" / "store" / "migrations" / "env.py", Path(os.__file__),
        Path(sqlalchemy.__file__), Path(textual.__file__),
    ]  # fmt: skip

    def body(out) -> None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        blocked = next((str(p) for p in needed if not os.access(p, os.R_OK)), None)
        out.write(json.dumps({"blocked": blocked}) + "\n")

    child = fork(body)
    child.wait()
    blocked = child.messages()[0].get("blocked")
    return Path(blocked) if blocked else None


def _could_not_read_ours(report: dict) -> bool:
    """Whether a child failed for want of a module, or of a file of this tree or of the
    interpreter (rehab-tui's own messages about the journal's files name other paths)."""
    said = json.dumps(report)
    if "fatal" in report or "No module named" in said or "unexpected error" in said:
        return True
    ours = (str(Path(__file__).resolve().parents[2]), sys.base_prefix, sys.prefix)
    return "Permission denied" in said and any(place in said for place in ours)


def main_as_user(argv: list[str], uid: int | None, env: dict[str, str]) -> Run:
    """``tui.cli.main(argv)`` in a forked child that first drops to ``uid`` (when running as
    root, whom file permissions do not bind). Everything the command needs is imported
    before the fork (see :func:`warm_up`). Should the child still fail for want of a file
    of this tree or of the interpreter that ``uid`` cannot read, the test is skipped, saying
    which: that is the machine's layout, not rehab-tui's behaviour."""
    import io

    from tui.cli import main

    warm_up()

    def body(out) -> None:
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        os.environ.update(env)
        sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out.write(
            json.dumps(
                {"code": code, "stdout": sys.stdout.getvalue(), "stderr": sys.stderr.getvalue()}
            )
            + "\n"
        )

    child = fork(body)
    code = child.wait()
    report = child.messages()[0]
    if uid is not None and _could_not_read_ours(report):
        blocked = unreadable_by(uid)
        if blocked is not None:
            import pytest

            pytest.skip(
                f"needs to run as uid {uid}, who cannot read {blocked} (a clone in a private "
                f"folder, or Python under a private home): clone into a folder every user can "
                f"read, with a Python they can read, to run this test ({report})"
            )
    assert "fatal" not in report and code == 0, report
    return Run(report["code"], report["stdout"], report["stderr"])


def checkpoint(path: Path) -> None:
    """Move a closed journal's -wal into the file and empty it, as a long-idle journal is."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
