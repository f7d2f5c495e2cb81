"""Current doses: the journal's newest dose row for an exercise, else the catalogue default."""

from __future__ import annotations

from typing import Mapping

from catalogue.models import Catalogue, Dose, Exercise, Routine
from journal.records import DoseRec


def to_dose(rec: DoseRec) -> Dose:
    return Dose(
        sets=rec.sets, reps=rec.reps, reps_lo=rec.reps_lo, reps_hi=rec.reps_hi,
        hold_s=rec.hold_s, load=rec.load, unit=rec.unit, ladder=rec.ladder, level=rec.level,
    )  # fmt: skip


def effective_dose(exercise: Exercise, current: Mapping[str, DoseRec]) -> Dose:
    rec = current.get(exercise.id)
    return to_dose(rec) if rec else exercise.dose


def seconds_per_rep(exercise: Exercise, dose: Dose, count_seconds: float) -> float:
    """One repetition's length from its tempo; a hold phase lasts the dose's hold time."""
    total = 0.0
    for phase in exercise.tempo:
        if phase.name == "hold" and dose.hold_s:
            total += dose.hold_s
        else:
            total += phase.counts * count_seconds
    return max(total, count_seconds)


def routine_seconds(
    routine: Routine,
    catalogue: Catalogue,
    current: Mapping[str, DoseRec],
    count_seconds: float = 1.0,
) -> float:
    """A fair estimate of a routine's length: work (both sides for per-side work) plus rests."""
    total = 0.0
    for step in routine.steps:
        exercise = catalogue.exercises.get(step.exercise_id)
        if exercise is None:
            continue
        dose = effective_dose(exercise, current)
        sets = step.sets or dose.sets
        sides = 2 if exercise.per_side else 1
        work = dose.reps * seconds_per_rep(exercise, dose, count_seconds) + 3  # 3-2-1 get ready
        total += sets * sides * work + max(sets * sides - 1, 0) * step.rest_s
    return total
