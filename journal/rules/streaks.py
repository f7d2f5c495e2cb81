"""Streaks and adherence (SPEC §5): which days were met, from plain data.

A routine is *due* on the days its RRULE gives. It is *covered* on a day by a completed
session of it, or of a routine that contains all its exercises. A due routine is *excused*
on a day the app advised rest — any number of days in a row:

* a red flag was open at some time that day (reported → reviewed; to today while open):
  every routine is excused;
* a REGRESS condition held that day for an exercise of the routine
  (``journal/rules/advice.py`` works the days out);
* ACUTE (not cleared, onset under 6 weeks ago or unknown, as the profile says now): routines
  holding strength or grip work are excused; mobility stays due.

HOLD ("keep the dose") is advice to carry on, not to rest, so it excuses nothing.

=============  =======================================================================
``done``       every routine due that day was covered
``rest``       nothing was due (a prescribed rest day)
``protected``  what was required was covered, and the rest was skipped on the app's advice
``partial``    some, not all, of what was required was covered
``missed``     none of it was
``pending``    today, with something still to do: it neither counts nor breaks a streak
``before``     before the journal's first session; ``future`` after today
=============  =======================================================================

``done``, ``rest`` and ``protected`` days keep a day streak going and count in it. Extra
sessions change nothing. An excused routine counts in neither the done nor the due routines
of adherence — unless it was covered anyway: then it counts in both, so a day Today calls done
is done in the week's count, History and the report too. Adherence = routines covered ÷
routines required in an ISO week; the week
streak counts consecutive weeks at ≥ 80 % (a finished week with nothing prescribed keeps it;
the current week counts once it reaches 80 %).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from catalogue.models import Routine
from catalogue.schedule import due_days

MET = frozenset({"done", "rest", "protected"})
WEEK_TARGET = 0.8


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def covers_map(routines: Iterable[Routine]) -> dict[str, frozenset[str]]:
    """Routine id → the routines whose completed session covers it: itself, and every routine
    that contains all its exercises (a strength day that starts with the whole warm-up)."""
    ex = {r.id: frozenset(s.exercise_id for s in r.steps) for r in routines}
    return {
        r: frozenset({r} | {o for o, theirs in ex.items() if mine and mine <= theirs})
        for r, mine in ex.items()
    }


@dataclass(frozen=True)
class Calendar:
    """What streaks and adherence need, as plain data."""

    routines: tuple[Routine, ...]
    #: (routine id, local day) of every completed session.
    completed: frozenset[tuple[str, date]]
    #: The journal's first day (its first session); None while there is none.
    start: date | None
    #: Days a red flag was open: every routine excused.
    advised_rest: frozenset[date] = frozenset()
    #: Exercise id → days a REGRESS condition held for it: routines holding it are excused.
    regress_days: Mapping[str, frozenset[date]] = field(default_factory=dict)
    #: ACUTE: routines in ``strength_routines`` are excused on days before this one
    #: (``date.max`` while the onset is unknown).
    acute_until: date | None = None
    strength_routines: frozenset[str] = frozenset()

    @cached_property
    def _exercises(self) -> dict[str, frozenset[str]]:
        return {r.id: frozenset(s.exercise_id for s in r.steps) for r in self.routines}

    @cached_property
    def covers(self) -> dict[str, frozenset[str]]:
        return covers_map(self.routines)

    @cached_property
    def _covered(self) -> frozenset[tuple[str, date]]:
        """Every (routine, day) covered by a completed session that day."""
        by: dict[str, set[str]] = defaultdict(set)
        for routine_id, covering in self.covers.items():
            for other in covering:
                by[other].add(routine_id)
        return frozenset(
            (r, day) for other, day in self.completed for r in by.get(other, {other}) | {other}
        )

    def covered(self, routine_id: str, day: date) -> bool:
        return (routine_id, day) in self._covered

    @cached_property
    def _regress_rest(self) -> dict[str, frozenset[date]]:
        """Routine id → the days a REGRESS condition held for one of its exercises."""
        return {
            r: frozenset().union(*(self.regress_days.get(e, frozenset()) for e in ex))
            for r, ex in self._exercises.items()
        }

    def excused(self, routine_id: str, day: date) -> bool:
        if day in self.advised_rest:
            return True
        if day in self._regress_rest.get(routine_id, ()):
            return True
        return (
            self.acute_until is not None
            and day < self.acute_until
            and routine_id in self.strength_routines
        )


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    state: str
    #: Routines due (excused ones included), required (due, and not excused or covered all the
    #: same), and required done.
    due: int = 0
    required: int = 0
    done: int = 0


def days(cal: Calendar, first: date, last: date, today: date) -> list[Day]:
    """The state of every day from ``first`` to ``last`` (both included)."""
    if last < first:
        return []
    due: dict[date, list[str]] = defaultdict(list)
    span_end = min(last, today)
    if cal.start is not None and span_end >= max(first, cal.start):
        for routine in cal.routines:
            for d in due_days(routine, max(first, cal.start), span_end):
                due[d].append(routine.id)
    out = []
    for n in range((last - first).days + 1):
        d = first + timedelta(days=n)
        if d > today:
            out.append(Day(d, "future"))
            continue
        if cal.start is None or d < cal.start:
            out.append(Day(d, "before"))
            continue
        routines = due.get(d, [])
        required = [r for r in routines if cal.covered(r, d) or not cal.excused(r, d)]
        done = sum(1 for r in required if cal.covered(r, d))
        if not routines:
            state = "rest"
        elif all(cal.covered(r, d) for r in routines):
            state = "done"
        elif done == len(required):
            state = "protected"
        elif d == today:
            state = "pending"
        else:
            state = "partial" if done else "missed"
        out.append(Day(d, state, len(routines), len(required), done))
    return out


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int


def day_streak(cal: Calendar, today: date) -> Streak:
    """Consecutive met days (done, rest, protected) up to today; today pending does not break it."""
    if cal.start is None or cal.start > today:
        return Streak(0, 0)
    run = longest = 0
    for d in days(cal, cal.start, today, today):
        if d.state in MET:
            run += 1
            longest = max(longest, run)
        elif d.state != "pending":
            run = 0
    return Streak(run, longest)


@dataclass(frozen=True, slots=True)
class Week:
    start: date  # a Monday
    done: int
    prescribed: int
    #: The week is over (it ended before today).
    complete: bool
    #: The whole week lies before the journal's first day.
    before: bool = False

    @property
    def ratio(self) -> float | None:
        return self.done / self.prescribed if self.prescribed else None

    @property
    def kept(self) -> bool | None:
        """True/False for the week streak; None while undecided (this week) or before the start."""
        if self.before:
            return None
        if self.complete:
            return self.prescribed == 0 or self.done >= WEEK_TARGET * self.prescribed
        if self.prescribed and self.done >= WEEK_TARGET * self.prescribed:
            return True
        return None


def _week(monday_: date, week_days: Sequence[Day], today: date) -> Week:
    done = prescribed = 0
    for d in week_days:
        if d.state == "pending":  # today's unfinished routines are not counted yet
            prescribed += d.done
        else:
            prescribed += d.required
        done += d.done
    before = all(d.state in ("before", "future") for d in week_days)
    return Week(
        monday_, done, prescribed, complete=monday_ + timedelta(days=6) < today, before=before
    )


def weeks(cal: Calendar, first_monday: date, today: date) -> list[Week]:
    """Adherence of every ISO week from ``first_monday`` to the week holding ``today``."""
    last_monday = monday(today)
    if first_monday > last_monday:
        return []
    all_days = days(cal, first_monday, last_monday + timedelta(days=6), today)
    return [
        _week(first_monday + timedelta(weeks=k), all_days[7 * k : 7 * k + 7], today)
        for k in range(len(all_days) // 7)
    ]


def weekly_adherence(cal: Calendar, today: date, n: int = 8) -> list[Week]:
    """The last ``n`` ISO weeks, oldest first; the last is the current week (so far)."""
    return weeks(cal, monday(today) - timedelta(weeks=n - 1), today)


def week_streak(cal: Calendar, today: date) -> Streak:
    """Consecutive weeks at ≥ 80 % adherence; the current week counts once it gets there."""
    if cal.start is None or cal.start > today:
        return Streak(0, 0)
    run = longest = 0
    for week in weeks(cal, monday(cal.start), today):
        kept = week.kept
        if kept:
            run += 1
            longest = max(longest, run)
        elif kept is False:
            run = 0
    return Streak(run, longest)


