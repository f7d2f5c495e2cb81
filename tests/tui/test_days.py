"""How a day is named: never a bare weekday that could be read as the coming one."""

from __future__ import annotations

from datetime import date, timedelta

from tui.days import friendly_day

THURSDAY = date(2026, 12, 3)


def test_today_yesterday_then_last_weekday_then_the_date():
    names = [friendly_day(THURSDAY - timedelta(days=n), THURSDAY) for n in range(8)]
    assert names == [
        "today", "yesterday", "last Tuesday", "last Monday", "last Sunday", "last Saturday",
        "last Friday",  # six days ago on a Thursday: a bare "Friday" read as tomorrow
        "26 Nov 2026",
    ]  # fmt: skip
