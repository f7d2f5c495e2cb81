"""Getting past the first-run questions in pilot tests.

A fresh journal now shows the safety notice and then the setup questions. Tests that only
care about what comes after use ``skip_setup`` (esc on every question: the profile stays at
its defaults, setup is marked done) or ``prepare_profile`` (the journal already set up).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.conftest import NOW


async def skip_setup(app, pilot) -> None:  # noqa: ANN001
    """Press esc on each setup question until the setup screen is gone."""
    from tui.screens.setup import SetupScreen

    for _ in range(40):
        await pilot.pause(0.02)
        if isinstance(app.screen, SetupScreen):
            await pilot.press("escape")
        elif app.is_idle():
            break
    await pilot.pause()


def prepare_profile(db: Path, now: datetime = NOW, **settings) -> None:  # noqa: ANN003
    """A journal whose safety notice was read and setup done, with ``settings``."""
    from journal.api import Journal
    from journal.clock import stamp

    with Journal.open(db) as j:
        j.acknowledge_safety(now)
        j.update_profile(now, setup_done_at=stamp(now), **settings)
