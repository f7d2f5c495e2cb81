"""Dose steps (SPEC §6): the one place that says what "one step up" and "one step down" mean.

Used by the progression rules (``journal/rules/progression.py``) and by ``rehab-tui demo``, so the
generated history and the app's suggestions move doses the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from catalogue.models import Dose, Exercise, Ladder, format_load
from journal.rules.loads import heavier, lighter

#: Hold exercises gain 1 s per step up to this (SPEC §6).
HOLD_CAP_S = 10
#: Mobility and nerve glides never gain load; their reps stop here.
MOBILITY_REPS_CAP = 10
#: REGRESS never takes a hold below this.
MIN_HOLD_S = 2


def top_reps(exercise: Exercise, dose: Dose) -> int:
    return dose.reps_hi if exercise.loadable else min(dose.reps_hi, MOBILITY_REPS_CAP)


def next_dose(
    exercise: Exercise,
    dose: Dose,
    ladders: Mapping[str, Ladder],
    load_ceiling: float | None = None,
) -> Dose | None:
    """PROGRESS changes one thing; None when this plan has nothing left to add.

    Hold exercises: +1 s (cap 10 s). Rep exercises: +1 rep up to the top of the range; at the top,
    load +5 % rounded up to the increment (or the next ladder level) and reps back to the bottom.
    ``reps+hold`` exercises gain hold time once reps and load have nowhere to go.
    ``load_ceiling`` (the demo's maintenance load) stops load increases at that weight.
    """
    if exercise.measure == "hold" and dose.hold_s is not None:
        return replace(dose, hold_s=dose.hold_s + 1) if dose.hold_s < HOLD_CAP_S else None
    if dose.reps < top_reps(exercise, dose):
        return replace(dose, reps=dose.reps + 1)
    if exercise.loadable and dose.load is not None:
        if load_ceiling is None or dose.load < load_ceiling:
            return replace(dose, load=heavier(dose.load, dose.unit), reps=dose.reps_lo)
    ladder = ladders.get(dose.ladder or "")
    if exercise.loadable and dose.level and ladder and dose.level in ladder.levels:
        level = ladder.step(dose.level, +1)
        if level != dose.level:
            return replace(dose, level=level, reps=dose.reps_lo)
    if exercise.measure == "reps+hold" and dose.hold_s is not None and dose.hold_s < HOLD_CAP_S:
        return replace(dose, hold_s=dose.hold_s + 1)
    return None


def step_down(dose: Dose, ladders: Mapping[str, Ladder]) -> Dose:
    """REGRESS with no tolerated dose to go back to: one step down in everything.

    One ladder level down or −10 % load (rounded to the increment), reps to the bottom of the range,
    hold −2 s (not below 2 s), one set fewer (not below 1).
    """
    load, level = dose.load, dose.level
    ladder = ladders.get(dose.ladder or "")
    if load is not None:
        load = lighter(load, dose.unit)
    elif level and ladder and level in ladder.levels:
        level = ladder.step(level, -1)
    hold = None if dose.hold_s is None else min(dose.hold_s, max(MIN_HOLD_S, dose.hold_s - 2))
    return replace(
        dose, sets=max(1, dose.sets - 1), reps=dose.reps_lo, hold_s=hold, load=load, level=level
    )


def show_dose(dose: Dose) -> str:
    """Short text for a sentence: ``0.75 kg × 8``, ``medium putty × 8``, ``8 reps · hold 5 s``."""
    if dose.load is not None:
        text = f"{format_load(dose.load)} {dose.unit} × {dose.reps}"
    elif dose.level:
        text = f"{dose.level} {dose.ladder} × {dose.reps}"
    else:
        text = f"{dose.reps} reps"
    if dose.hold_s:
        text += f" · hold {dose.hold_s} s"
    return text


def dose_key(dose: Dose) -> str:
    """Stable text of a dose, stored with accept/decline decisions (``from_dose``/``to_dose``)."""
    return dose.describe()
