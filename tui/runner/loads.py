"""Today's load: one step lighter or heavier than the dose, for one exercise, for one session.

Reuses the dose steps of ``journal.rules.loads`` (a load increment: +5 % rounded up to the
unit's increment, −10 % rounded, never below one) and the catalogue's ladders (one level).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from catalogue.models import Dose, Ladder, format_load
from journal.rules.loads import heavier, lighter


def adjusted_dose(dose: Dose, steps: int, ladders: Mapping[str, Ladder]) -> Dose | None:
    """``dose`` ``steps`` load increments (or ladder levels) lighter (<0) or heavier (>0)."""
    if steps == 0:
        return dose
    if dose.load is not None:
        load = dose.load
        for _ in range(abs(steps)):
            new = heavier(load, dose.unit) if steps > 0 else lighter(load, dose.unit)
            if new == load:
                return None
            load = new
        return replace(dose, load=load)
    ladder = ladders.get(dose.ladder or "")
    if dose.level and ladder is not None and dose.level in ladder.levels:
        at = ladder.levels.index(dose.level) + steps
        if not 0 <= at < len(ladder.levels):
            return None
        return replace(dose, level=ladder.levels[at])
    return None


def load_text(dose: Dose) -> str:
    if dose.load is not None:
        return f"{format_load(dose.load)} {dose.unit}"
    if dose.level:
        return f"{dose.level} {dose.ladder}"
    return "no load"
