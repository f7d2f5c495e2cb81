"""The person in the demo's story: which side is affected, where their symptoms start, and how
they settle day by day (recovery, a mood that drifts, flare-ups and bad weeks), with noise."""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from catalogue.models import Exercise
from journal.records import REGIONS, SYMPTOMS

if TYPE_CHECKING:
    from journal.demo.plan import Plan

AFFECTED, UNAFFECTED = "right", "left"
#: Symptoms fall towards SETTLED × their starting level with this time constant (days).
RECOVERY_DAYS = 90.0
SETTLED = 0.3
#: Region → (pain, numbness, tingling, weakness) on the first day of the demo.
START_SYMPTOMS: dict[str, tuple[float, float, float, float]] = {
    "neck": (3.2, 0.5, 1.0, 1.5),
    "left_hand": (0.9, 0.3, 0.6, 0.7),
    "right_hand": (4.2, 3.5, 4.8, 4.8),
    "left_arm": (0.7, 0.2, 0.4, 0.5),
    "right_arm": (2.8, 1.5, 2.4, 3.2),
}


class Symptoms:
    """Daily symptom levels per region: recovery, a mood that drifts, flares and bad weeks."""

    #: How much of a flare each symptom feels (pain, numbness, tingling, weakness).
    FLARE_WEIGHTS = (1.0, 0.5, 0.8, 0.5)
    NUMB_WEIGHTS = (0.3, 1.0, 0.7, 0.6)

    def __init__(self, rng: random.Random, days: int, plan: Plan) -> None:
        self.rng = rng
        flare = fades(days, {day + 1: size for day, size in plan.flares.items()}, 3.0, 30)
        flag = fades(days, {plan.flag_day: 2.5} if plan.flag_day is not None else {}, 2.0, 4)
        mood, self.levels = 0.0, []
        for i in range(days + 1):
            mood = 0.6 * mood + rng.gauss(0, 0.45)
            stress = 0.6 if i in plan.bad_days else 0.0
            self.levels.append(
                {r: self._level(r, i, mood + stress, flare[i], flag[i]) for r in REGIONS}
            )

    @classmethod
    def _level(
        cls, region: str, i: int, mood: float, flare: float, flag: float
    ) -> tuple[float, ...]:
        decay = SETTLED + (1 - SETTLED) * math.exp(-i / RECOVERY_DAYS)
        if not region.startswith(AFFECTED):
            flare = flag = 0.0
        scale = 1.0 if region.endswith("hand") else 0.5
        return tuple(
            start * decay + mood * (0.25 + start / 5) + scale * (flare * fw + flag * nw)
            for start, fw, nw in zip(
                START_SYMPTOMS[region], cls.FLARE_WEIGHTS, cls.NUMB_WEIGHTS, strict=True
            )
        )

    def pain(self, region: str, i: int) -> float:
        return self.levels[i][region][0]

    def reading(
        self, region: str, i: int, bump: tuple[float, ...] = (0, 0, 0, 0)
    ) -> dict[str, int]:
        levels = self.levels[i][region]
        return {
            name: score(level + extra + self.rng.gauss(0, 0.55))
            for name, level, extra in zip(SYMPTOMS, levels, bump, strict=True)
        }


def score(value: float) -> int:
    return max(0, min(10, round(value)))


def fades(days: int, starts: dict[int, float], tau: float, length: int) -> list[float]:
    """Per day, the sum of bumps that start at ``size`` on their day and fade with ``tau``."""
    fade = [0.0] * (days + 1)
    for start, size in starts.items():
        for i in range(start, min(days + 1, start + length)):
            fade[i] += size * math.exp(-(i - start) / tau)
    return fade


def set_region(exercise: Exercise, side: str) -> str:
    """The check-in region a set loads; a two-sided exercise counts as the affected side."""
    if exercise.region == "neck":
        return "neck"
    part = "arm" if exercise.region == "shoulder" else "hand"
    return f"{AFFECTED if side == 'both' else side}_{part}"


def body_part(exercise: Exercise) -> str:
    """Where an exercise is felt, for notes: ``wrist``, ``hand``, ``shoulder`` or ``neck``."""
    return {"fingers": "hand"}.get(exercise.region, exercise.region)
