"""Which sessions a copy of rehab-tui is running right now (SPEC §8: a second copy on the
same journal must work safely or say so clearly).

The runner holds an OS lock on one byte — at the session's id — of a small file beside the
journal (``journal.db.running``, empty, 0600). Another copy that is about to offer that
session for resuming tries the same byte: if it is held, the session is live in another
window, not left behind by a crash. The lock belongs to the process, so a copy that is
killed, even with SIGKILL, lets go of it at once, and its session is offered as usual.

POSIX record locks (``fcntl.lockf``) are used, on their own file: SQLite's locks on the
journal are never touched. Where they do not exist, nothing is locked and nothing is refused.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on this platform
    fcntl = None  # type: ignore[assignment]


class RunLocks:
    """The sessions this process runs; one file descriptor, opened on first use and kept."""

    def __init__(self, journal_path: Path) -> None:
        journal_path = Path(os.path.realpath(journal_path))  # one file however it was named
        self.path = journal_path.with_name(journal_path.name + ".running")
        self._fd: int | None = None
        self._held: set[int] = set()

    def _file(self) -> int | None:
        if fcntl is None:
            return None
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None  # cannot lock: never stand in the user's way
        return self._fd

    def hold(self, session_id: int) -> bool:
        """Mark ``session_id`` as running here; False if another copy runs it."""
        fd = self._file()
        if fd is None or session_id in self._held:
            return True
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, session_id)
        except OSError:
            return False
        self._held.add(session_id)
        return True

    def release(self, session_id: int) -> None:
        fd = self._file()
        if fd is None or session_id not in self._held:
            return
        self._held.discard(session_id)
        try:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, session_id)
        except OSError:
            pass

    def running_elsewhere(self, session_id: int) -> bool:
        """True when another copy of rehab-tui (another process) runs ``session_id`` now."""
        if session_id in self._held:
            return False
        fd = self._file()
        if fd is None:
            return False
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, session_id)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, session_id)
        return False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # lets go of every lock this process holds on the file
            self._fd = None
            self._held.clear()
