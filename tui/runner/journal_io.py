"""Journal calls from the runner's flows: in a thread, so the UI never waits on the disk; a
failure is told in one line (``NotSaved``) and changes nothing."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Callable, Sequence, TypeVar

from tui.messages import JournalChanged

if TYPE_CHECKING:
    from journal.api import Journal
    from tui.services import ServicesApp

R = TypeVar("R")


class NotSaved(Exception):
    """A journal call failed; the user has been told (one line), nothing changed."""


async def in_thread(app: "ServicesApp", fn: Callable[["Journal"], R], *, changed: str | None = None) -> R:
    """Run ``fn(journal)`` in a thread; on success with ``changed``, data screens reload."""
    from journal.errors import InvalidValue, JournalError

    journal = app.journal
    if journal is None:  # flows wait for the journal before they start (RunFlow._run)
        raise NotSaved("journal not open")
    try:
        result = await asyncio.to_thread(fn, journal)
    except (JournalError, InvalidValue) as err:
        title = "Not saved" if changed else "Could not read the journal"
        app.notify(str(err), title=title, severity="error", timeout=10)
        raise NotSaved(str(err)) from err
    if changed:
        app.post_message(JournalChanged(changed, result))
    return result


def latest_values(journal: "Journal", regions: Sequence[str]) -> dict[str, dict[str, int]]:
    """The newest rating of each region, to prefill a check-in."""
    wanted = set(regions)
    return {
        c.region: {"pain": c.pain, "numbness": c.numbness, "tingling": c.tingling, "weakness": c.weakness}
        for c in journal.latest_checkins()
        if c.region in wanted
    }
