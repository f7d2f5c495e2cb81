"""Shared helpers for the runner's pilot tests: a fake monotonic clock and a small routine."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW

ROUTINE_TOML = '''
[[exercise]]
id = "thumb-press-hold"
name = "Thumb press hold"
region = "hand"
kind = "strength"
sides = "each"
measure = "hold"
tempo = [{ name = "press", counts = 1 }, { name = "hold", counts = 10 }, { name = "release", counts = 1 }]
instructions = ["Press the thumb into the table.", "Hold it.", "Let go."]

[exercise.dose]
sets = 1
reps_lo = 1
reps_hi = 3
reps = 2
hold_s = 10

[[routine]]
id = "test-run"
name = "Test run"
rrule = "FREQ=DAILY"
steps = [
  { exercise = "neck-rotation", sets = 1, rest_s = 0 },
  { exercise = "thumb-press-hold", rest_s = 30 },
  { exercise = "grip-squeeze", sets = 1, rest_s = 30 },
  { exercise = "wrist-flexion-curl", sets = 2, rest_s = 60 },
]
'''


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def prepare(tmp_path: Path, *, affected: str = "left") -> tuple[Path, Path]:
    """A journal (safety notice read, affected side set) and a config dir with the test routine."""
    from journal.api import Journal

    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
        j.update_profile(NOW, affected_side=affected)
    config = tmp_path / "config"
    (config / "catalogue").mkdir(parents=True)
    (config / "catalogue" / "test.toml").write_text(ROUTINE_TOML)
    return db, config


def make_app(db: Path, config: Path, clock: FakeClock):
    from tui.app import RehabApp

    return RehabApp(db_path=db, clock=lambda: NOW, config_dir=config, monotonic=clock)


async def settle(app, pilot, rounds: int = 100) -> None:
    """Wait until no worker is busy (journal writes and loads are done)."""
    for _ in range(rounds):
        await pilot.pause(0.02)
        if app.is_idle():
            break
    await pilot.pause()


async def until(pilot, predicate, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    assert predicate(), "condition not reached in time"
