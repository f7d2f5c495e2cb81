"""Running programs in a real terminal (tmux) and timing what appears on the screen.

Each run gets its own tmux session on a private server socket (``-L``), so the benchmarks
never touch anyone else's tmux. Time is measured from just before tmux is asked to start the
program (or to send a key) until ``capture-pane`` first shows every wanted string; the pane
is polled as fast as tmux answers (a few milliseconds a poll), the same way for the app and
for its yardstick, so the polling cost is in both sides of every ratio.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SOCKET = f"rehab-bench-{os.getpid()}"
WIDTH, HEIGHT = 120, 40


def _tmux(*args: str, check: bool = True) -> str:
    out = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False
    )
    if check and out.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout


@dataclass
class Pane:
    """A program running full-screen in its own tmux session."""

    name: str
    started: float

    def text(self) -> str:
        return _tmux("capture-pane", "-p", "-t", self.name, check=False)

    def pid(self) -> int:
        return int(_tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def wait_for(self, *wanted: str, since: float | None = None, timeout: float = 60.0) -> float:
        """Seconds from ``since`` (default: the launch) until every string in ``wanted`` shows."""
        since = self.started if since is None else since
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.text()
            now = time.perf_counter()
            if all(w in screen for w in wanted):
                return now - since
            if now > deadline:
                raise TimeoutError(
                    f"{self.name}: {wanted!r} not on screen after {timeout} s; it shows:\n{screen}"
                )

    def settle(self, quiet: float = 0.3, timeout: float = 30.0) -> str:
        """Wait until the screen has not changed for ``quiet`` seconds; return it."""
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            screen = self.text()
            if screen != last:
                last, since = screen, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return screen
            time.sleep(0.02)
        return last or ""

    def press(self, key: str) -> float:
        """Send one key; returns the moment it was sent (perf_counter)."""
        moment = time.perf_counter()
        _tmux("send-keys", "-t", self.name, key)
        return moment

    def peak_rss_kib(self) -> int:
        """The program's peak resident memory so far (VmHWM), in KiB."""
        status = Path(f"/proc/{self.pid()}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def close(self) -> None:
        _tmux("kill-session", "-t", self.name, check=False)


_counter = 0
_started = False


def _ensure_server() -> None:
    """One idle session keeps the private server up, so closing a run never stops it."""
    global _started
    if not _started:
        _tmux("new-session", "-d", "-s", "keep", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 86400")
        _started = True


def launch(argv: list[str], env: dict[str, str], cwd: Path) -> Pane:
    """Start ``argv`` in a new 120×40 tmux session (the program replaces the shell: ``exec``)."""
    global _counter
    _ensure_server()
    _counter += 1
    name = f"b{_counter}"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = f"cd {shlex.quote(str(cwd))} && exec env -i {exports} {shlex.join(argv)}"
    started = time.perf_counter()
    _tmux("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), command)
    return Pane(name, started)


def shutdown() -> None:
    """Stop the private server (and every program still running in it)."""
    global _started
    _tmux("kill-server", check=False)
    _started = False
    folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
    (folder / SOCKET).unlink(missing_ok=True)
