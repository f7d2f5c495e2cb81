"""Regenerate ``screenshots/``: SVGs of every screen from a deterministic demo journal.

    python -m tui.screenshots [OUTPUT_DIR [NAME ...]]

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

#: Keys for the runner shots: put off the morning check-in, `r`, pick Hand & wrist strength
#: (third in the picker), keep the before check-in as filled in, skip the warm-up and the
#: grip and band work to the wrist curl, rate pain 2, start the guide, then "+4.5": the
#: frozen clock moves on 4.5 s (get ready 3-2-1, curl 1, half a second into the hold).
RUNNER_START = ("escape", "r", "down", "down", "enter", "enter")
RUNNER_READY = (*RUNNER_START, *("s",) * 6, "2")
RUNNER_HOLD = (*RUNNER_READY, "space", "+4.5")
#: Both sides of the first set of curls at your own pace (+ then enter), then 15 s into the rest.
RUNNER_REST = (*RUNNER_READY, "plus", "enter", "plus", "enter", "+15")
#: Two warm-ups logged, two skipped, the grip ended for tingling, the session ended there.
RUNNER_SUMMARY = (
    *RUNNER_START, "plus", "enter", "space", "plus", "enter", "space", "s", "s", "x", "t", "e", "enter",
)  # fmt: skip

#: Report a red flag (the ninth item, "numbness that never goes away…") and acknowledge
#: what to do: Today then shows the STOP banner.
STOP_BANNER = ("escape", "exclamation_mark", *("down",) * 8, "enter", "r", "enter")

#: The Catalogue on the wrist flexion curl, then `d`: its dose in the editor.
DOSE_EDITOR = ("escape", "c", *("down",) * 8, "d")
#: Routines, Hand & wrist strength (second), `e`: your own copy in the editor, its last step
#: highlighted.
ROUTINE_EDITOR = ("escape", "w", "down", "e", "end")

#: (file name, (columns, rows), keys to press after the journal is open). A key like "+4.5"
#: moves the runner's (frozen) clock on by that many seconds instead of pressing anything;
#: "!effort" turns on the effort question for this run (the demo profile has it off).
#: The demo journal ends with yesterday's session, so the app opens on the next-morning
#: check-in; ``escape`` puts it off.
SHOTS: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("today", (120, 40), ("escape",)),
    ("today-80x24", (80, 24), ("escape",)),
    ("runner", (120, 40), RUNNER_HOLD),
    ("runner-80x24", (80, 24), RUNNER_HOLD),
    ("runner-ready", (120, 40), RUNNER_READY),
    ("runner-get-ready", (120, 40), (*RUNNER_READY, "space", "+1.2")),
    ("runner-paused", (120, 40), (*RUNNER_HOLD, "space")),
    ("runner-set-done", (120, 40), (*RUNNER_HOLD, "+200")),
    ("runner-switch", (120, 40), (*RUNNER_READY, "plus", "enter")),
    ("runner-rest", (120, 40), RUNNER_REST),
    ("runner-rest-80x24", (80, 24), RUNNER_REST),
    ("runner-ended", (120, 40), (*RUNNER_READY, "x", "t")),
    ("runner-effort", (120, 40), (*RUNNER_START, "!effort", "plus", "enter")),
    ("runner-caution", (120, 40), ("escape", "r", "down", "down", "enter", "8", "enter")),
    ("runner-summary", (120, 40), RUNNER_SUMMARY),
    ("runner-summary-80x24", (80, 24), RUNNER_SUMMARY),
    ("checkin-morning", (120, 40), ()),
    ("journal", (120, 40), ("escape", "j")),
    ("journal-sets", (120, 40), ("escape", "j", "enter")),
    ("history", (120, 40), ("escape", "h")),
    ("catalogue", (120, 40), ("escape", "c", *("down",) * 7)),
    ("help", (120, 40), ("escape", "question_mark")),
    ("redflags", (120, 40), ("escape", "exclamation_mark")),
    ("stop-banner", (120, 40), STOP_BANNER),
    ("journal-80x24", (80, 24), ("escape", "j")),
    ("history-80x24", (80, 24), ("escape", "h")),
    ("setup", (120, 40), ("escape", "p", "s", "l", "n", "h", "enter")),
    ("setup-80x24", (80, 24), ("escape", "p", "s", "l", "n", "h", "enter")),
    ("profile", (120, 40), ("escape", "p")),
    ("profile-80x24", (80, 24), ("escape", "p")),
    ("dose-editor", (120, 40), DOSE_EDITOR),
    ("dose-editor-80x24", (80, 24), DOSE_EDITOR),
    ("routines", (120, 40), ("escape", "w", "down")),
    ("routine-editor", (120, 40), ROUTINE_EDITOR),
    ("routine-editor-80x24", (80, 24), ROUTINE_EDITOR),
    ("outcomes", (120, 40), ("escape", "h", "tab", "end")),
    ("outcomes-80x24", (80, 24), ("escape", "h", "tab", "end")),
    ("psfs", (120, 40), ("escape", "f", "7", "plus")),
    ("psfs-80x24", (80, 24), ("escape", "f", "7", "plus")),
    ("grip", (120, 40), ("escape", "g")),
]


class FrozenClock:
    """The runner's monotonic clock, still unless a shot moves it on."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def build_demo(folder: Path) -> Path:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo.generator import generate

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


def demo_app(db: Path, config_dir: Path | None = None):  # noqa: ANN201 - a RehabApp
    """The app on ``db`` at the fixed clock, with a frozen runner clock (``app.runflow.monotonic``)."""
    from tui.app import RehabApp

    config = config_dir or db.parent / "config"
    return RehabApp(db_path=db, clock=lambda: CLOCK, config_dir=config, monotonic=FrozenClock())


async def play(app, pilot, keys: tuple[str, ...]) -> None:  # noqa: ANN001
    """Press ``keys`` one by one, waiting until the app is idle after each; ``+N`` moves the
    runner's frozen clock on N seconds instead."""
    await _wait_idle(app, pilot)
    for key in keys:
        if key.startswith("+") and key != "+":
            app.runflow.monotonic.t += float(key[1:])
            await pilot.pause(0.3)  # a few timer ticks repaint the runner
        elif key == "!effort":
            app.runflow.runner.flow.effort_prompt = True
        else:
            await pilot.press(key)
        await _wait_idle(app, pilot)


async def shoot(db: Path, out: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> Path:
    import shutil

    # Each shot gets its own copy of the demo journal: one shot's keys (a session started,
    # a check-in saved) must not change what the next one shows.
    copy = db.with_name(f"{name}.db")
    shutil.copyfile(db, copy)
    app = demo_app(copy, db.parent / "config")
    async with app.run_test(size=size) as pilot:
        await play(app, pilot, keys)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "screenshots")
    only = set(args[1:])  # names of the shots to take (default: all)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_demo(Path(tmp))
        for name, size, keys in SHOTS:
            if only and name not in only:
                continue
            path = asyncio.run(shoot(db, out, name, size, keys))
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
