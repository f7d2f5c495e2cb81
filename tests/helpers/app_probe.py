"""A real copy of the app, in its own process, writing sets the way its screens do.

``python -m tests.helpers.app_probe JOURNAL COUNT`` starts ``RehabApp`` headless on JOURNAL, waits
for it to open the journal, then logs COUNT sets, one every 20 ms, through ``app.write``
(the worker every screen uses). It prints one JSON line: the id of every set whose write
returned, every notification the user would have seen, and the app's exit message if any.
Used by tests/reliability/test_two_copies.py to run two copies of the app and an API writer at once.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import tui.app
from tests.conftest import NOW
from tui.app import RehabApp


class ProbeApp(RehabApp):
    CSS_PATH = [str(Path(tui.app.__file__).parent / path) for path in RehabApp.CSS_PATH]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seen: list[list[str]] = []

    def notify(self, message, *, title="", severity="information", **kwargs) -> None:
        self.seen.append([severity, str(title), str(message)])
        super().notify(message, title=title, severity=severity, **kwargs)


async def writes_done(app: RehabApp, pilot) -> None:
    """Wait for every ``app.write`` worker to finish (not for all workers: data screens cancel
    their own stale fetches, and waiting on a cancelled worker raises)."""
    for _ in range(1000):
        if not any(w.group == "write" and not w.is_finished for w in app.workers):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def run(path: Path, count: int) -> dict:
    app = ProbeApp(db_path=path, clock=lambda: NOW)
    ids: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            await pilot.pause(0.025)
            if app.journal is not None or app.error_message:
                break
        if app.journal is None:
            return {"ids": ids, "seen": app.seen, "error": app.error_message or "never opened"}
        session = app.journal.start_session("gentle-mobility", "Gentle mobility", NOW)
        for n in range(1, count + 1):
            app.write(
                lambda j, n=n: ids.append(
                    j.log_set(
                        session.id,
                        exercise_id="neck-rotation",
                        exercise_name="Neck rotation",
                        set_number=1 + n % 99,
                        now=NOW,
                        reps=n % 10,
                    ).id  # fmt: skip
                ),
                what="set",
            )
            await pilot.pause(0.02)
        await writes_done(app, pilot)
        app.journal.finish_session(session.id, NOW)
    return {"ids": ids, "asked": count, "seen": app.seen, "error": app.error_message}


def main() -> int:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    print(json.dumps(asyncio.run(run(path, count))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
