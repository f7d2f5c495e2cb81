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
#: The demo journal ends with yesterday's session, so the app opens on the next-morning
#: check-in; ``escape`` puts it off.
SHOTS: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("checkin-morning", (120, 40), ()),
    ("today", (120, 40), ("escape",)),
    ("today-80x24", (80, 24), ("escape",)),
    ("runner", (120, 40), ("escape", "r", "enter", "enter")),
    ("runner-80x24", (80, 24), ("escape", "r", "enter", "enter")),
    ("redflags", (120, 40), ("escape", "exclamation_mark")),
    ("catalogue", (120, 40), ("escape", "c", "down", "down", "down", "down", "down", "down", "down")),
    ("help", (120, 40), ("escape", "question_mark")),
    ("journal", (120, 40), ("escape", "j")),
    ("journal-80x24", (80, 24), ("escape", "j")),
    ("journal-sets", (120, 40), ("escape", "j", "enter")),
    ("history", (120, 40), ("escape", "h")),
    ("history-80x24", (80, 24), ("escape", "h")),
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
        if app.is_idle():
            break
    await pilot.pause(0.1)


async def shoot(db: Path, out: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> Path:
    import shutil

    from tui.app import RehabApp

    # Each shot gets its own copy of the demo journal: one shot's keys (a session started,
    # a check-in saved) must not change what the next one shows.
    copy = db.with_name(f"{name}.db")
    shutil.copyfile(db, copy)
    app = RehabApp(db_path=copy, clock=lambda: CLOCK, config_dir=db.parent / "config", monotonic=lambda: 0.0)
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
