"""Outcome measures as a clinician reads them: pure functions over plain records, no I/O.

* PSFS (Patient-Specific Functional Scale): up to 3 activities the user names, each rated 0
  (unable) to 10 (as before the problem). A change of **2 points or more** on an activity is
  taken as meaningful (the usual minimal detectable change for one PSFS item).
* Grip strength per hand (hand dynamometer, best of 3): a change of **6 kg or more** is
  meaningful; a drop of **6.5 kg or more** on one side against that side's best of the previous
  4 weeks suggests opening the red-flag check with "new or worsening weakness".

Readings in lb are converted to kg for every comparison (they stay in lb as recorded).
Missing data never counts as good news: with fewer than two readings there is no change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Sequence

from journal.errors import InvalidValue
from journal.records import GRIP_SIDES, GRIP_UNITS, GripRec, PsfsRatingRec

KG_PER_LB = 0.45359237
_DECIMAL = re.compile(r"[+-]?([0-9]{1,6}(\.[0-9]{0,3})?|\.[0-9]{1,3})")
PSFS_MAX_ACTIVITIES = 3
PSFS_NAME_MAX = 80
PSFS_MEANINGFUL = 2
PSFS_EVERY_DAYS = 7
GRIP_MAX_KG = 150.0
GRIP_MEANINGFUL_KG = 6.0
GRIP_DROP_KG = 6.5
GRIP_WINDOW_DAYS = 28
#: What a grip drop suggests in the red-flag check (journal.rules.redflags "spreading-weakness").
WEAKNESS_FLAG = "new or worsening weakness"
WEAKNESS_FLAG_ID = "spreading-weakness"


def to_kg(value: float, unit: str) -> float:
    return value * KG_PER_LB if unit == "lb" else value


def grip_in(kg: float, units: str) -> float:
    """A grip in kg (as the rules keep it) in the user's ``units``: to 0.1 kg, or 0.5 lb."""
    if units == "lb":
        return round(kg / KG_PER_LB * 2) / 2
    return round(kg, 1)


def grip_text(kg: float, units: str) -> str:
    """``14.5 kg``, ``32 lb``: a grip in kg shown in the user's units."""
    return f"{grip_in(kg, units):g} {'lb' if units == 'lb' else 'kg'}"


def grip_meaningful(units: str) -> str:
    """The meaningful grip change in the user's units: ``6 kg``, ``13 lb (6 kg)``."""
    return "13 lb (6 kg)" if units == "lb" else f"{GRIP_MEANINGFUL_KG:g} kg"


def clean_psfs_name(name: object) -> str:
    """An activity's name: 1–80 characters of text, trimmed; one clear line otherwise."""
    if not isinstance(name, str):
        raise InvalidValue(f"an activity's name must be text (got {type(name).__name__})")
    text = " ".join(name.split())
    if not text:
        raise InvalidValue("an activity needs a name (1 to 80 characters), e.g. typing for an hour")
    if len(text) > PSFS_NAME_MAX:
        raise InvalidValue(
            f"an activity's name is too long ({len(text)} characters, at most {PSFS_NAME_MAX})"
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InvalidValue("an activity's name contains control characters")
    return text


def clean_psfs_score(score: object) -> int:
    """A PSFS rating: a whole number 0–10 (a digit string is read; 11, 2.5 or "x" refused)."""
    value = score
    if isinstance(score, str) and score.strip().isascii() and score.strip().isdigit():
        value = int(score.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidValue(f"an activity's rating must be a whole number from 0 to 10 (got {score!r})")
    return value


def clean_grip(value: object, unit: str) -> float:
    """One grip trial: a number above 0 and at most 150 kg (330.7 lb); returned in ``unit``."""
    if unit not in GRIP_UNITS:
        raise InvalidValue(f"grip unit must be kg or lb (got {unit!r})")
    number = value
    if isinstance(value, str):
        text = value.strip()
        number = float(text) if _DECIMAL.fullmatch(text) else None
    if isinstance(number, bool) or not isinstance(number, (int, float)) or number != number:
        raise InvalidValue(f"grip must be a number of {unit} (got {value!r})")
    limit = GRIP_MAX_KG if unit == "kg" else round(GRIP_MAX_KG / KG_PER_LB, 1)
    if not 0 < number <= limit:
        raise InvalidValue(f"grip must be above 0 and at most {limit:g} {unit} (got {value!r})")
    return round(float(number), 1)


def clean_side(side: object) -> str:
    if side not in GRIP_SIDES:
        raise InvalidValue(f"grip side must be left or right (got {side!r})")
    return str(side)


@dataclass(frozen=True, slots=True)
class Change:
    """First and latest reading of one measure (kg for grip) and whether the change counts."""

    first: float
    latest: float
    first_day: date
    latest_day: date
    readings: int
    meaningful: bool

    @property
    def delta(self) -> float:
        return self.latest - self.first

    @property
    def direction(self) -> str:
        if not self.meaningful:
            return "no meaningful change"
        return "better" if self.delta > 0 else "worse"


def psfs_change(ratings: Sequence[PsfsRatingRec]) -> Change | None:
    """First → latest rating of one activity; None with fewer than two ratings."""
    if len(ratings) < 2:
        return None
    ordered = sorted(ratings, key=lambda r: (r.recorded_at, r.id))
    a, b = ordered[0], ordered[-1]
    return Change(a.score, b.score, a.local_day, b.local_day, len(ordered),
                  abs(b.score - a.score) >= PSFS_MEANINGFUL)  # fmt: skip


def grip_change(readings: Sequence[GripRec]) -> Change | None:
    """First → latest grip of one side, in kg; None with fewer than two readings."""
    if len(readings) < 2:
        return None
    ordered = sorted(readings, key=lambda r: (r.recorded_at, r.id))
    a, b = ordered[0], ordered[-1]
    first, latest = to_kg(a.value, a.unit), to_kg(b.value, b.unit)
    return Change(round(first, 1), round(latest, 1), a.local_day, b.local_day, len(ordered),
                  abs(latest - first) >= GRIP_MEANINGFUL_KG - 1e-9)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GripDrop:
    side: str
    best_kg: float
    best_day: date
    latest_kg: float
    latest_day: date

    @property
    def drop(self) -> float:
        return round(self.best_kg - self.latest_kg, 1)

    def sentence(self, units: str = "kg") -> str:
        return (
            f"{self.side.capitalize()} grip {grip_text(self.latest_kg, units)} on {self.latest_day} is "
            f"{grip_text(self.drop, units)} below its best of the previous 4 weeks "
            f"({grip_text(self.best_kg, units)} on {self.best_day}): check for {WEAKNESS_FLAG}."
        )


def grip_drops(readings: Iterable[GripRec]) -> list[GripDrop]:
    """For each side, its latest reading against its best of the 4 weeks before that reading;
    a drop of 6.5 kg or more is returned (left before right)."""
    by_side: dict[str, list[GripRec]] = {}
    for r in readings:
        by_side.setdefault(r.side, []).append(r)
    out = []
    for side in GRIP_SIDES:
        rows = sorted(by_side.get(side, []), key=lambda r: (r.recorded_at, r.id))
        if len(rows) < 2:
            continue
        latest = rows[-1]
        start = latest.local_day - timedelta(days=GRIP_WINDOW_DAYS)
        window = [r for r in rows[:-1] if r.local_day >= start]
        if not window:
            continue
        best = max(window, key=lambda r: to_kg(r.value, r.unit))
        best_kg, latest_kg = to_kg(best.value, best.unit), to_kg(latest.value, latest.unit)
        if best_kg - latest_kg >= GRIP_DROP_KG - 1e-9:
            out.append(GripDrop(side, round(best_kg, 1), best.local_day, round(latest_kg, 1), latest.local_day))
    return out


def psfs_due(last_rated: date | None, today: date) -> bool:
    """PSFS is asked once a week: due when never rated, or last rated 7 or more days ago."""
    return last_rated is None or (today - last_rated).days >= PSFS_EVERY_DAYS


def best_of(trials: Sequence[float]) -> float:
    if not trials:
        raise InvalidValue("grip needs at least one trial")
    return max(trials)


@dataclass(frozen=True, slots=True)
class ActivityTrend:
    name: str
    retired: bool
    points: tuple[tuple[date, int], ...]
    change: Change | None
    #: With a period (``outcomes_view(since=…)``): the first rating ever, when it is older.
    baseline: tuple[date, int] | None = None


@dataclass(frozen=True, slots=True)
class GripTrend:
    side: str
    #: (day, best kg that day); readings in lb converted.
    points: tuple[tuple[date, float], ...]
    change: Change | None
    #: The unit of the latest reading, to show values as the user reads them.
    unit: str
    #: With a period (``outcomes_view(since=…)``): the first reading ever (kg), when it is older.
    baseline: tuple[date, float] | None = None


@dataclass(frozen=True, slots=True)
class OutcomesView:
    """What History, the report and the PDF show of the outcome measures."""

    activities: tuple[ActivityTrend, ...]
    grips: tuple[GripTrend, ...]
    drops: tuple[GripDrop, ...]
    psfs_due: bool

    @property
    def empty(self) -> bool:
        return not any(a.points for a in self.activities) and not any(g.points for g in self.grips)


def outcomes_view(activities: Sequence, ratings: Sequence[PsfsRatingRec], grips: Sequence[GripRec],
                  today: date, since: date | None = None) -> OutcomesView:  # fmt: skip
    """Per activity (in use first, then retired ones that have ratings) and per side.

    With ``since`` (a report's period), the points and the change are those from ``since`` on,
    and each measure's first reading ever is kept as its ``baseline`` when it is older."""
    by_activity: dict[int, list[PsfsRatingRec]] = {}
    for r in ratings:
        by_activity.setdefault(r.activity_id, []).append(r)
    trends = []
    for a in sorted(activities, key=lambda a: (a.retired_at is not None, a.id)):
        every = sorted(by_activity.get(a.id, []), key=lambda r: (r.recorded_at, r.id))
        rows = [r for r in every if since is None or r.local_day >= since]
        if a.retired_at is not None and not rows:
            continue
        base = (every[0].local_day, every[0].score) if every and every[0] not in rows else None
        trends.append(ActivityTrend(a.name, a.retired_at is not None,
                                    tuple((r.local_day, r.score) for r in rows), psfs_change(rows), base))  # fmt: skip
    sides = []
    for side in GRIP_SIDES:
        every = sorted((g for g in grips if g.side == side), key=lambda g: (g.recorded_at, g.id))
        rows = [g for g in every if since is None or g.local_day >= since]
        if rows:
            points = tuple((g.local_day, round(to_kg(g.value, g.unit), 1)) for g in rows)
            first = every[0]
            base = None if first in rows else (first.local_day, round(to_kg(first.value, first.unit), 1))
            sides.append(GripTrend(side, points, grip_change(rows), rows[-1].unit, base))
    last = max((r.local_day for r in ratings), default=None)
    active = [a for a in activities if a.retired_at is None]
    return OutcomesView(tuple(trends), tuple(sides), tuple(grip_drops(grips)),
                        psfs_due(last, today) or not active)  # fmt: skip
