"""Time as the journal records it. Callers pass ``now``; only the app's edge reads the clock."""

from __future__ import annotations

from datetime import date, datetime


def now_local() -> datetime:
    """The wall clock with the user's UTC offset. Call it at the edge (CLI, app), never in logic."""
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    """ISO 8601 to the second with offset, e.g. ``2026-11-24T08:12:03+01:00``."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.replace(microsecond=0).isoformat()


def day_of(moment: datetime) -> date:
    return (moment if moment.tzinfo else moment.astimezone()).date()


def parse_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)
