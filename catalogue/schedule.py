"""When is a routine due?  RFC 5545 RRULEs, evaluated by day.

Routines use a safe subset of RRULE (checked by :func:`rrule_problem`), chosen so that
every rule either keeps producing days or ends by itself — dateutil never has to
search thousands of years for a day that cannot exist:

====================  ==========================================================
``FREQ``              ``DAILY``, ``WEEKLY`` or ``MONTHLY`` (required)
``INTERVAL``          1–99
``BYDAY``             ``MO,WE,FR``; with ``MONTHLY`` also ``1MO`` … ``4MO``, ``-1FR`` …
``BYMONTHDAY``        ``MONTHLY`` only, 1–28 or -1 … -28 (``-1`` = last day)
``COUNT``/``UNTIL``   1–1000 / ``YYYYMMDD``; not both
``WKST``              a weekday
====================  ==========================================================

The schedule starts at DTSTART = the routine's ``start`` or, by default, Monday
1970-01-05. Plain daily/weekly rules (the common case) are computed directly; the
rest go through ``dateutil.rrule``. Both agree (tests compare them).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from dateutil.rrule import rrule

    from .models import Routine

ANCHOR = date(1970, 1, 5)  # a Monday, early enough that any history has its due days
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _ints(lo: int, hi: int, signed: bool = False) -> Callable[[str, str], str | None]:
    def check(value: str, freq: str) -> str | None:
        for item in value.split(","):
            if not re.fullmatch(r"[+-]?\d+" if signed else r"\d+", item):
                return f"{item!r} is not a whole number"
            n = abs(int(item)) if len(item) <= 9 else hi + 1  # 10**4000 is just too large
            if not lo <= n <= hi:
                return f"{item} is outside {'±' if signed else ''}{lo}–{hi}"
        return None

    return check


def _byday(value: str, freq: str) -> str | None:
    for item in value.split(","):
        m = _BYDAY.fullmatch(item)
        if not m:
            return f"{item!r} is not a weekday (MO TU WE TH FR SA SU)"
        if m[1] and (freq != "MONTHLY" or not 1 <= abs(int(m[1])) <= 4):
            return f"{item!r}: a numbered weekday needs FREQ=MONTHLY and a number 1–4 or -1…-4"
    return None


def _until(value: str, freq: str) -> str | None:
    if not re.fullmatch(r"\d{8}(T\d{6})?", value, re.ASCII):
        return f"{value!r} is not a local date like 20251231"
    if not "19000101" <= value[:8] <= "21991231":
        return f"{value[:8]} is outside the days rehab-tui keeps (19000101 … 21991231)"
    return None


def _monthly_only(check: Callable[[str, str], str | None]) -> Callable[[str, str], str | None]:
    return lambda value, freq: "only allowed with FREQ=MONTHLY" if freq != "MONTHLY" else check(value, freq)


#: Allowed RRULE parts and how to check each value.
PARTS: dict[str, Callable[[str, str], str | None]] = {
    "FREQ": lambda v, f: None if v in ("DAILY", "WEEKLY", "MONTHLY") else "must be DAILY, WEEKLY or MONTHLY",
    "INTERVAL": _ints(1, 99),
    "COUNT": _ints(1, 1000),
    "UNTIL": _until,
    "BYDAY": _byday,
    "BYMONTHDAY": _monthly_only(_ints(1, 28, signed=True)),
    "WKST": lambda v, f: None if v in WEEKDAYS else f"{v!r} is not a weekday",
}
_CLASHES = (("COUNT", "UNTIL"), ("BYDAY", "BYMONTHDAY"))


def _parts(text: str) -> dict[str, str]:
    """``"FREQ=DAILY;INTERVAL=2"`` → ``{"FREQ": "DAILY", "INTERVAL": "2"}``; raises ValueError."""
    body = text.strip().upper()
    body = body.removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        key, eq, value = chunk.partition("=")
        if not eq or not key or not value:
            raise ValueError(f"{chunk!r} is not NAME=VALUE")
        if key in parts:
            raise ValueError(f"{key} is given twice")
        parts[key] = value
    return parts


def rrule_problem(text: str, start: date | None = None) -> str | None:
    """Why ``text`` is not a usable routine schedule, or None if it is."""
    try:
        parts = _parts(text)
    except ValueError as exc:
        return str(exc)
    if "FREQ" not in parts:
        return "FREQ is missing (e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR)"
    for key, value in parts.items():
        check = PARTS.get(key)
        if check is None:
            return f"{key} is not supported here (use {', '.join(PARTS)})"
        if why := check(value, parts["FREQ"]):
            return f"{key}: {why}"
    for a, b in _CLASHES:
        if a in parts and b in parts:
            return f"{a} and {b} cannot be combined"
    if _never_due(parts, start or ANCHOR):
        return "this rule never falls on a listed weekday (INTERVAL is a multiple of 7)"
    try:
        _rule(text, start or ANCHOR)
    except (ValueError, TypeError, OverflowError) as exc:
        return f"dateutil rejects it: {exc}"
    return None


def _never_due(parts: dict[str, str], start: date) -> bool:
    """DAILY every 7n days only ever hits DTSTART's weekday."""
    if parts["FREQ"] != "DAILY" or "BYDAY" not in parts or int(parts.get("INTERVAL", 1)) % 7:
        return False
    return WEEKDAYS[start.weekday()] not in parts["BYDAY"].split(",")


@lru_cache(maxsize=256)
def _rule(text: str, start: date) -> rrule:
    from dateutil.rrule import rrulestr

    return rrulestr(text.strip(), dtstart=datetime.combine(start, time()), cache=True)


@lru_cache(maxsize=256)
def _simple(text: str) -> tuple[str, int, frozenset[int]] | None:
    """(freq, interval, weekdays) for plain DAILY/WEEKLY rules, else None."""
    try:
        parts = _parts(text)
    except ValueError:
        return None
    if parts.get("FREQ") not in ("DAILY", "WEEKLY") or set(parts) - {"FREQ", "INTERVAL", "BYDAY"}:
        return None
    days = parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []
    if any(d not in WEEKDAYS for d in days):
        return None
    return parts["FREQ"], int(parts.get("INTERVAL", "1")), frozenset(WEEKDAYS.index(d) for d in days)


def _simple_days(rule: tuple[str, int, frozenset[int]], anchor: date, start: date, end: date) -> list[date]:
    freq, interval, weekdays = rule
    if freq == "WEEKLY" and not weekdays:
        weekdays = frozenset({anchor.weekday()})
    first = anchor.toordinal()
    week0 = first - anchor.weekday()  # ordinal of the Monday of DTSTART's week
    out = []
    for n in range(max(start, anchor).toordinal(), end.toordinal() + 1):
        if weekdays and (n + 6) % 7 not in weekdays:  # ordinal 1 (0001-01-01) was a Monday
            continue
        steps = n - first if freq == "DAILY" else (n - week0) // 7
        if steps % interval == 0:
            out.append(date.fromordinal(n))
    return out


def _dateutil_days(text: str, anchor: date, start: date, end: date) -> list[date]:
    first = datetime.combine(start, time())
    last = datetime.combine(end, time.max)
    return sorted({dt.date() for dt in _rule(text, anchor).between(first, last, inc=True)})


def due_days(routine: Routine, start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` (both included) on which ``routine`` is due."""
    if end < start:
        return []
    anchor = routine.start or ANCHOR
    simple = _simple(routine.rrule)
    if simple is not None:
        return _simple_days(simple, anchor, start, end)
    return _dateutil_days(routine.rrule, anchor, start, end)


def is_due(routine: Routine, day: date) -> bool:
    """True if ``routine`` is scheduled on ``day``."""
    return bool(due_days(routine, day, day))
