"""What every benchmark shares: where the code and the journals are, and how to start things.

The app is measured as a regular install runs it: from compiled sources (``compileall`` first,
as pip does on install; the machine's ``PYTHONDONTWRITEBYTECODE=1`` is dropped for the runs),
with this worktree first on ``PYTHONPATH`` (ahead of any editable install of another
checkout), in a throw-away home directory (no user catalogue, no real journal).
"""

from __future__ import annotations

import compileall
import os
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass
class Bench:
    """Paths and the environment of one benchmark run."""

    python: str = sys.executable
    cache: Path = CACHE
    runs: int = 5
    today: date = field(default_factory=date.today)
    log: object = print

    @property
    def home(self) -> Path:
        return self.cache / "home"

    def env(self) -> dict[str, str]:
        home = self.home
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "TERM": "tmux-256color",
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
            **({"TZ": os.environ["TZ"]} if "TZ" in os.environ else {}),
        }

    def app_argv(self, *args: str) -> list[str]:
        """``rehab-tui ARGS`` exactly as its console script runs it."""
        return [self.python, "-c", "import sys; from tui.cli import main; sys.exit(main())", *args]

    def prepare(self) -> None:
        """Compile the sources (as an install would) and give the runs an empty home."""
        for package in ("catalogue", "journal", "tui", "tests"):
            compileall.compile_dir(ROOT / package, quiet=1, force=False)
        if self.home.exists():
            shutil.rmtree(self.home)
        for sub in ("config", "data", "state", "cache"):
            (self.home / sub).mkdir(parents=True, mode=0o700)

    def journal(self, spec) -> Path:  # noqa: ANN001 - journals.Spec
        from tests.benchmarks import journals

        return journals.cached(spec, self.cache / "journals", end=self.today, log=self.log)

    def copy(self, spec, name: str) -> Path:  # noqa: ANN001
        """A private copy of a cached journal (for benchmarks that write to it)."""
        src = self.journal(spec)
        dst = self.cache / "work" / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{dst}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(src, dst)
        dst.chmod(0o600)
        return dst
