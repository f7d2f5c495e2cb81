"""Plain, frozen records describing what exists: exercises, routines, ladders.

Nothing here touches a database or a terminal; the loader builds these from TOML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

REGIONS = ("neck", "shoulder", "wrist", "hand", "fingers")
KINDS = ("mobility", "strength", "grip", "nerve-glide")
SIDES = ("both", "each")
MEASURES = ("reps", "hold", "reps+hold")
UNITS = ("kg", "lb")
#: Smallest load step per unit (SPEC §2).
MIN_INCREMENT = {"kg": 0.25, "lb": 0.5}


@dataclass(frozen=True, slots=True)
class Phase:
    """One step of a repetition's tempo, e.g. ``hold`` for 4 counts."""

    name: str
    counts: int


@dataclass(frozen=True, slots=True)
class Dose:
    """A prescription for one exercise.

    ``reps`` is the current rep target inside ``reps_lo``–``reps_hi``. Exactly one
    of ``load`` (with ``unit``) or ``level`` (a rung of ``ladder``) may be set, or
    neither for body-weight / no-equipment work.
    """

    sets: int
    reps: int
    reps_lo: int
    reps_hi: int
    hold_s: int | None = None
    load: float | None = None
    unit: str | None = None
    ladder: str | None = None
    level: str | None = None

    def describe(self) -> str:
        """Short human text, e.g. ``3 × 8 reps · hold 4 s @ 1.0 kg``."""
        text = f"{self.sets} × {self.reps} reps"
        if self.reps_lo != self.reps_hi:
            text += f" (range {self.reps_lo}–{self.reps_hi})"
        if self.hold_s:
            text += f" · hold {self.hold_s} s"
        if resistance := self.resistance():
            text += f" @ {resistance}"
        return text

    def resistance(self) -> str:
        """The load (``1.0 kg``) or the ladder rung (``red band``); empty for neither."""
        if self.load is not None:
            return f"{format_load(self.load)} {self.unit}"
        if self.level:
            return f"{self.level} {self.ladder}"
        return ""


def format_load(value: float) -> str:
    """``1.0`` → ``1.0``, ``0.65`` → ``0.65``, ``2.5`` → ``2.5`` (no float noise)."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    region: str
    kind: str
    sides: str
    measure: str
    tempo: tuple[Phase, ...]
    dose: Dose
    equipment: tuple[str, ...] = ()
    instructions: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    hidden: bool = False
    source: str = "built-in"

    @property
    def per_side(self) -> bool:
        return self.sides == "each"

    @property
    def loadable(self) -> bool:
        """Mobility and nerve glides never gain load (SPEC §6)."""
        return self.kind in ("strength", "grip")


@dataclass(frozen=True, slots=True)
class RoutineStep:
    exercise_id: str
    sets: int | None = None  # None: use the exercise's current dose
    rest_s: int = 60


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    name: str
    rrule: str
    steps: tuple[RoutineStep, ...]
    description: str = ""
    source: str = "built-in"
    #: DTSTART of the schedule; None means the fixed anchor, Monday 2024-01-01.
    start: date | None = None


@dataclass(frozen=True, slots=True)
class Ladder:
    id: str
    name: str
    levels: tuple[str, ...]

    def step(self, level: str, delta: int) -> str:
        """The level ``delta`` rungs away, clamped to the ends of the ladder."""
        idx = self.levels.index(level) + delta
        return self.levels[max(0, min(idx, len(self.levels) - 1))]


@dataclass(frozen=True, slots=True)
class Catalogue:
    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    ladders: dict[str, Ladder]
    #: One line per problem found in user files: "file: key: what is wrong".
    problems: tuple[str, ...] = field(default=())

    def visible_exercises(self, enabled: frozenset[str] = frozenset()) -> list[Exercise]:
        return [e for e in self.exercises.values() if not e.hidden or e.id in enabled]
