"""Regenerate ``screenshots/``: SVGs of every screen from a deterministic demo journal.

    python -m tui.screenshots [OUTPUT_DIR]

A fixed clock (Tuesday 24 November 2026, 08:30) and a fixed demo seed make the pictures the
same on every run. Each entry of ``SHOTS`` names a file, a terminal size and the keys to press.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

CLOCK = datetime(2026, 11, 24, 8, 30, tzinfo=timezone(timedelta(hours=1)))
DEMO_DAYS = 120
DEMO_SEED = 7

#: (file name, (columns, rows), keys to press after the journal is open)
SHOTS: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("today", (120, 40), ()),
    ("today-80x24", (80, 24), ()),
    ("catalogue", (120, 40), ("c", "down", "down", "down", "down", "down", "down", "down")),
    ("help", (120, 40), ("question_mark",)),
    ("history", (120, 40), ("h",)),
    ("history-80x24", (80, 24), ("h",)),
]


def build_demo(folder: Path) -> Path:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo import generate

    db = folder / "demo.db"
    with Journal.open(db) as journal:
        generate(journal, load_catalogue(), days=DEMO_DAYS, seed=DEMO_SEED, today=CLOCK.date(), tz=CLOCK.tzinfo)
        journal.acknowledge_safety(CLOCK)
    return db


async def _wait_idle(app, pilot) -> None:  # noqa: ANN001
    for _ in range(200):
        await pilot.pause(0.05)
        if app.journal is not None and not app.workers._workers:
            break
    await pilot.pause(0.1)


async def shoot(db: Path, out: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> Path:
    from tui.app import RehabApp

    app = RehabApp(db_path=db, clock=lambda: CLOCK, config_dir=db.parent / "config")
    async with app.run_test(size=size) as pilot:
        await _wait_idle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await _wait_idle(app, pilot)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_demo(Path(tmp))
        for name, size, keys in SHOTS:
            path = asyncio.run(shoot(db, out, name, size, keys))
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
