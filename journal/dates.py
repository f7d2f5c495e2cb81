"""Dates a person types on the command line: ISO days or spans back from today.

``2026-03-01`` is that day; ``30d``, ``6w``, ``3m`` and ``1y`` are that many days, weeks,
calendar months or years before ``today`` (``3m`` on 31 May is 28 or 29 February, as
python-dateutil counts months). ``today`` is always passed in: nothing here reads the clock.
"""

from __future__ import annotations

import re
from datetime import date

from journal.errors import InvalidValue

_SPAN = re.compile(r"(\d{1,6})\s*([dwmy])", re.IGNORECASE | re.ASCII)  # not "٣d"
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def parse_day(text: str, today: date, field: str | None = "date") -> date:
    """``text`` as a day; raises InvalidValue naming the text itself (after ``field:``)."""
    raw = (text or "").strip()
    prefix = f"{field}: " if field else ""
    span = _SPAN.fullmatch(raw)
    if span:
        from dateutil.relativedelta import relativedelta

        amount, unit = int(span.group(1)), _UNITS[span.group(2).lower()]
        try:
            day = today - relativedelta(**{unit: amount})
        except (OverflowError, ValueError):
            raise InvalidValue(f"{prefix}{raw} reaches back before the year 1") from None
        return _kept(day, prefix, raw)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw, re.ASCII):
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise InvalidValue(f"{prefix}{raw} is not a real date") from None
        return _kept(day, prefix, raw)
    raise InvalidValue(
        f"{prefix}{raw!r} is not a date; use a day like 2026-03-01 or a span back from "
        "today like 30d, 6w, 3m"
    )


def _kept(day: date, prefix: str, raw: str) -> date:
    from journal.validate import FIRST_DAY, LAST_DAY

    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValue(
            f"{prefix}{raw} is outside the days rehab-tui keeps "
            f"({FIRST_DAY.isoformat()} … {LAST_DAY.isoformat()})"
        )
    return day


def day_range(since: str | None, until: str | None, today: date) -> tuple[date | None, date | None]:
    """Both ends (either may be open), inclusive; refuses a range that ends before it starts."""
    first = parse_day(since, today, "--since") if since else None
    last = parse_day(until, today, "--until") if until else None
    if first and last and first > last:
        raise InvalidValue(
            f"--since {first.isoformat()} is after --until {last.isoformat()}; nothing to export"
        )
    return first, last
