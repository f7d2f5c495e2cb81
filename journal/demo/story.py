"""The state of the demo's story, shared by its parts: the day it starts, the random source, the
routines and when they are due, the plan, the person's symptoms, each exercise's dose over
time and the rows waiting to be written; and the clock of the story (``at``, ``later``)."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from catalogue.models import Catalogue, Dose, Exercise
from catalogue.schedule import due_days
from journal.demo.person import Symptoms
from journal.demo.plan import flare_target, is_mobility, make_plan
from journal.demo.rows import Rows
from journal.rules.plan import checkin_regions


# ---- one exercise's prescription over time -----------------------------------------------------
@dataclass
class Track:
    exercise: Exercise
    dose: Dose
    ceiling: float | None
    changed: int = 0
    gap: int = 14
    tolerated: list[Dose] = field(default_factory=list)
    recent: deque = field(default_factory=lambda: deque(maxlen=2))

    def ready(self, i: int) -> bool:
        """Two sessions in a row met every target with pain ≤ 2, and the last change has settled."""
        return (
            i - self.changed >= self.gap
            and len(self.recent) == 2
            and all(met and pain <= 2 for met, pain in self.recent)
        )


@dataclass
class Done:
    """A completed session, for the next morning's check-in."""

    session_id: int
    regions: tuple[str, ...]
    strength: bool


class StoryBase:
    """What every part of the story reads and changes."""

    def __init__(
        self, catalogue: Catalogue, *, days: int, seed: int, today: date, tz: tzinfo
    ) -> None:
        self.catalogue = catalogue
        self.days, self.tz = days, tz
        self.day0 = today - timedelta(days=days)
        self.rng = random.Random(seed)
        exercises = catalogue.exercises
        usable = [
            r
            for r in catalogue.routines.values()
            if r.steps and all(s.exercise_id in exercises for s in r.steps)
        ]
        self.mobility = {r.id: is_mobility(r, exercises) for r in usable}
        self.routines = sorted(usable, key=lambda r: (not self.mobility[r.id], r.id))
        self.steps = {r.id: [(s, exercises[s.exercise_id]) for s in r.steps] for r in self.routines}
        self.regions = {
            r.id: checkin_regions([ex for _, ex in self.steps[r.id]]) for r in self.routines
        }
        last = today - timedelta(days=1)
        self.due = {
            r.id: {(d - self.day0).days for d in due_days(r, self.day0, last)}
            for r in self.routines
        }
        self.plan = make_plan(self.rng, days, self.due, flare_target(self.routines, exercises))
        self.symptoms = Symptoms(self.rng, days, self.plan)
        self.tracks: dict[str, Track] = {}
        self.rows = Rows()
        self.yesterday: Done | None = None
        self.morning_pain: deque[int] = deque(maxlen=7)
        self.flare_pain = 0

    # -- time --------------------------------------------------------------------------------
    def at(self, i: int, hour: int, minute: int = 0) -> datetime:
        day = self.day0 + timedelta(days=i)
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def later(self, moment: datetime, lo: int, hi: int) -> datetime:
        return moment + timedelta(seconds=self.rng.randint(lo, hi))
