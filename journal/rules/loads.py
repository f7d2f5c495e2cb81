"""Load arithmetic for progression and step-backs (SPEC §6), in one place."""

from __future__ import annotations

import math

from catalogue.models import MIN_INCREMENT


def increment(unit: str | None) -> float:
    return MIN_INCREMENT[unit or "kg"]


def heavier(load: float, unit: str | None) -> float:
    """Add 5 %, rounded *up* to the unit's increment, and at least one increment.

    0.4 kg → 0.65 kg (5 % is 0.02 kg, so one 0.25 kg step); 10 kg → 10.5 kg; 6 kg → 6.5 kg.
    """
    step = increment(unit)
    steps = max(1, math.ceil(round(load * 0.05 / step, 9)))
    return round(load + steps * step, 2)


def lighter(load: float, unit: str | None) -> float:
    """Take off 10 %, rounded to the increment, at least one increment, never below one."""
    step = increment(unit)
    new = min(round(load * 0.9 / step) * step, load - step)
    return round(max(new, step), 2)
