"""Opening the PSFS prompt and grip entry from a screen (Today ``p``/``g``, History too), and
storing what they return. Reads and writes run in threads; a refused value is one
notification and nothing stored. A grip drop of 6.5 kg or more opens the red-flag check with
"new or worsening weakness" ticked."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from journal.api import Journal
    from tui.screens.psfs import PsfsRow
    from tui.services import AppServices as RehabApp

R = TypeVar("R")


class NotSaved(Exception):
    """A journal call failed; the user has been told (one line), nothing changed."""


async def in_thread(app: "RehabApp", fn: Callable[["Journal"], R], *, changed: str | None = None) -> R:
    """``fn(journal)`` in a thread; a bad value or journal error is one notification. On success
    with ``changed``, every data screen reloads (the same as the run flow's helper)."""
    from journal.errors import InvalidValue, JournalError
    from tui.messages import JournalChanged

    journal = app.journal
    if journal is None:
        raise NotSaved("journal not open")
    try:
        result = await asyncio.to_thread(fn, journal)
    except (JournalError, InvalidValue) as err:
        app.notify(str(err), title="Not saved" if changed else "Could not read the journal", severity="error", timeout=10)
        raise NotSaved(str(err)) from err
    if changed:
        app.post_message(JournalChanged(changed, result))
    return result


def _rows(journal: "Journal") -> list["PsfsRow"]:
    from tui.screens.psfs import PsfsRow

    last: dict[int, int] = {}
    for r in journal.psfs_ratings():
        last[r.activity_id] = r.score
    return [PsfsRow(a.id, a.name, last.get(a.id)) for a in journal.psfs_activities()]


async def psfs(app: "RehabApp") -> None:
    from tui.screens.psfs import PsfsScreen

    if app.journal is None:
        app.notify("The journal is still opening: try again in a moment.", timeout=4)
        return
    try:
        rows = await in_thread(app, _rows)
    except NotSaved:
        return
    answer = await app.push_screen_wait(PsfsScreen(rows))
    if not answer:
        return
    now = app.now()

    def save(journal: "Journal") -> int:
        for row in answer:
            if row.retire and row.id is not None:
                journal.retire_psfs_activity(row.id, now)
        ids = {}
        for row in answer:
            if row.id is None:
                ids[row.name] = journal.add_psfs_activity(row.name, now).id
        scores = {(row.id or ids[row.name]): row.score for row in answer if row.score is not None and not row.retire}
        return len(journal.rate_psfs(scores, now))

    try:
        n = await in_thread(app, save, changed="psfs")
    except NotSaved:
        return
    app.notify(f"Saved {n} rating{'s' if n != 1 else ''}; asked again in a week." if n else "Saved.", timeout=4)


async def grip(app: "RehabApp") -> None:
    from tui.screens.grip import GripScreen

    if app.journal is None:
        app.notify("The journal is still opening: try again in a moment.", timeout=4)
        return
    try:
        unit = (await in_thread(app, lambda j: j.profile())).units
    except NotSaved:
        return
    answer = await app.push_screen_wait(GripScreen(unit))
    if not answer:
        return
    now = app.now()

    def save(journal: "Journal"):  # noqa: ANN202 - the grip drops after saving
        from journal.rules.outcomes import grip_drops

        for side in ("left", "right"):
            if answer[side]:
                journal.record_grip(side, answer[side], answer["unit"], now)
        return grip_drops(journal.grip_readings())

    try:
        drops = await in_thread(app, save, changed="grip")
    except NotSaved:
        return
    today = now.date()
    drops = [d for d in drops if d.latest_day == today]
    if not drops:
        app.notify("Grip saved.", timeout=3)
        return
    from journal.rules.outcomes import WEAKNESS_FLAG_ID

    app.runflow.red_flags(suggest=(WEAKNESS_FLAG_ID, " ".join(d.sentence() for d in drops)))
