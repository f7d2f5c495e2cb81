"""The next-morning window (SPEC §5): when a check-in counts as a session's next morning.

A check-in counts as a session's next morning only when it was recorded on the next local day,
between 04:00 and 13:59 (local wall-clock time, as stamped), and at least 6 hours after the
session ended (real elapsed time, so a DST change in the night is counted right). The app
offers the check-in inside that window; one saved outside it is stored as ``ad_hoc``. A stored
``next_morning`` outside the window neither counts nor hides the real prompt.

Pure: the moment comes in as an argument; nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Mapping

from journal.clock import parse_stamp
from journal.records import CheckinRec

OPENS = time(4, 0)
CLOSES = time(14, 0)  # up to 13:59:59
MIN_GAP = timedelta(hours=6)


def in_window(session_day: date, session_end: datetime | None, moment: datetime) -> bool:
    """Whether ``moment`` is inside the next-morning window of a session on ``session_day``
    that ended at ``session_end`` (None: unknown end, only the day and hours are checked)."""
    if moment.date() != session_day + timedelta(days=1):
        return False
    if not OPENS <= moment.time() < CLOSES:
        return False
    # In UTC: two datetimes sharing one tzinfo subtract as wall clocks, which a DST night would
    # get wrong by an hour.
    return session_end is None or moment.astimezone(timezone.utc) - session_end.astimezone(timezone.utc) >= MIN_GAP


def in_hours(moment: datetime) -> bool:
    """04:00–13:59 local time: the hours a next-morning check-in can be taken in."""
    return OPENS <= moment.time() < CLOSES


def _hour_of(stamp: str) -> int | None:
    """The hour of a journal stamp (``2026-11-24T08:12:03+01:00`` → 8) without parsing it."""
    text = stamp[11:13]
    return int(text) if len(stamp) >= 16 and stamp[10] == "T" and text.isdigit() else None


@dataclass(frozen=True, slots=True)
class SessionTimes:
    """When a session happened, for the window: its local day and when it ended."""

    day: date
    ended_at: str | None


def end_of(times: SessionTimes) -> datetime | None:
    return parse_stamp(times.ended_at) if times.ended_at else None


def counts(checkin: CheckinRec, sessions: Mapping[int, SessionTimes]) -> bool:
    """Whether a stored ``next_morning`` check-in counts as one.

    Linked to a known session: inside that session's window. Not linked (or the session is
    gone): recorded 04:00–13:59 local time.
    """
    if checkin.context != "next_morning":
        return False
    times = sessions.get(checkin.session_id) if checkin.session_id is not None else None
    hour = _hour_of(checkin.recorded_at)
    if hour is not None and not OPENS.hour <= hour < CLOSES.hour:
        return False
    if times is None:
        return hour is not None or in_hours(parse_stamp(checkin.recorded_at))
    return in_window(times.day, end_of(times), parse_stamp(checkin.recorded_at))


def window_exists(times: SessionTimes) -> bool:
    """Whether a session's window has any moment at all: one that ended after 08:00 the next
    morning (6 h before it closes) can never have a next morning."""
    end = end_of(times)
    if end is None:
        return True
    closes = datetime.combine(times.day + timedelta(days=1), CLOSES, tzinfo=end.tzinfo)
    return closes.astimezone(timezone.utc) - end.astimezone(timezone.utc) > MIN_GAP


def valid_mornings(
    checkins: Iterable[CheckinRec], sessions: Mapping[int, SessionTimes] | None = None
) -> list[CheckinRec]:
    """The next-morning check-ins that count (see ``counts``), in the order given. A check-in
    group (one session, one moment) is judged once."""
    known = sessions or {}
    seen: dict[tuple[int | None, str], bool] = {}
    out = []
    for c in checkins:
        key = (c.session_id, c.recorded_at)
        ok = seen.get(key)
        if ok is None or c.context != "next_morning":
            ok = seen[key] = counts(c, known)
        if ok:
            out.append(c)
    return out


def context_for(requested: str, session: SessionTimes | None, now: datetime) -> str:
    """The context to store: a ``next_morning`` taken outside its window is ``ad_hoc``."""
    if requested != "next_morning":
        return requested
    if session is None:
        return "next_morning" if in_hours(now) else "ad_hoc"
    return "next_morning" if in_window(session.day, end_of(session), now) else "ad_hoc"


def morning_due(session: SessionTimes, now: datetime, answered: Iterable[CheckinRec]) -> bool:
    """Whether the app offers the next-morning check-in of ``session`` at ``now``: inside the
    window and no check-in that counts for it stored yet."""
    if not in_window(session.day, end_of(session), now):
        return False
    return not any(
        c.context == "next_morning" and in_window(session.day, end_of(session), parse_stamp(c.recorded_at))
        for c in answered
    )
