"""The plan of the demo's story: which days are bad, when a flare-up and a red flag come, and
which exercise flares."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from catalogue.models import Exercise, Routine

MOBILITY_KINDS = ("mobility", "nerve-glide")


@dataclass
class Plan:
    bad_days: frozenset[int] = frozenset()
    #: Day index of a flare-up session → how hard it flares.
    flares: dict[int, float] = field(default_factory=dict)
    flare_exercise: str | None = None
    flare_routine: str | None = None
    flag_day: int | None = None

    def flag_rest(self, i: int) -> bool:
        """While a red flag is open (reported on flag_day, reviewed 3 days later): no strength."""
        return self.flag_day is not None and self.flag_day < i <= self.flag_day + 3

    def holds_doses(self, i: int) -> bool:
        """No progression on the red-flag days or in the two weeks after a flare-up."""
        if self.flag_day is not None and self.flag_day <= i <= self.flag_day + 3:
            return True
        return any(i - k in self.flares for k in range(14))


def make_plan(
    rng: random.Random, days: int, due: dict[str, set[int]], flare: tuple[str, str] | None
) -> Plan:
    plan = Plan()
    bad: set[int] = set()
    if days >= 28:
        bad.update(range(int(days * 0.35), int(days * 0.35) + 7))
    for _ in range(days // 150):  # long histories: a bad week now and then
        start = rng.randrange(14, max(15, days - 7))
        bad.update(range(start, start + 7))
    plan.bad_days = frozenset(bad)
    if days >= 40:
        plan.flag_day = int(days * 0.8)
    if flare and days >= 21:
        plan.flare_routine, plan.flare_exercise = flare
        targets = [(int(days * 0.6), 3.5)]
        targets += [(rng.randrange(30, days - 3), 2.0) for _ in range(days // 365)]
        for target, size in targets:
            day = free_day(plan, due[flare[0]], target, days)
            if day is not None:
                plan.flares.setdefault(day, size)
    return plan


def free_day(plan: Plan, due: set[int], start: int, days: int) -> int | None:
    """The first due day from ``start`` that is not in a bad week, near a flag or another flare."""
    for i in range(start, days - 1):
        near_flag = plan.flag_day is not None and plan.flag_day - 7 <= i <= plan.flag_day + 7
        near_flare = any(abs(i - f) < 21 for f in plan.flares)
        if i in due and i not in plan.bad_days and not near_flag and not near_flare:
            return i
    return None


def is_mobility(routine: Routine, exercises: dict[str, Exercise]) -> bool:
    return all(exercises[s.exercise_id].kind in MOBILITY_KINDS for s in routine.steps)


def flare_target(
    routines: list[Routine], exercises: dict[str, Exercise]
) -> tuple[str, str] | None:
    """A loaded, per-side exercise (and its routine) for the flare-up, loads before ladders."""
    found = [
        (exercises[s.exercise_id].dose.load is None, routine.id, s.exercise_id)
        for routine in routines
        for s in routine.steps
        if exercises[s.exercise_id].per_side
        and exercises[s.exercise_id].loadable
        and (exercises[s.exercise_id].dose.load is not None or exercises[s.exercise_id].dose.level)
    ]
    if not found:
        return None
    _, routine_id, exercise_id = min(found, key=lambda f: f[0])  # stable: first in routine order
    return routine_id, exercise_id
