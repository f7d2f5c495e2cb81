"""How a day is named on screen: "today", "yesterday", "last Friday" within the week, else the date."""

from __future__ import annotations

from datetime import date


def friendly_day(day: date, today: date) -> str:
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 7:  # a bare "Friday" on a Thursday reads as tomorrow
        return f"last {day.strftime('%A')}"
    return day.strftime("%d %b %Y").lstrip("0")
