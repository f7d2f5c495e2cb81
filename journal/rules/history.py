"""History rules (SPEC §5): streaks, adherence, baseline symptoms, per-exercise series, side ratios.

Plain functions over plain data: no database, no terminal, and the clock comes in as ``today``.
``journal/store/gather.py`` reads what they need from the journal.

How days are counted
--------------------
A routine is *due* on the days its RRULE gives. A due routine is *excused* on a day the app
advised against training it (a "protected day", SPEC §5) — derived from what the journal holds,
so it needs no extra bookkeeping:

* **STOP** — a red flag was open at some time that day (from the day it was reported to the day
  it was marked reviewed; to today while it is still open): every routine is excused;
* **REGRESS** — the app stepped a dose back that day (a dose row whose reason starts
  ``REGRESS``, or a REGRESS suggestion accepted or declined that day), or that morning showed
  what makes REGRESS fire: a set with pain during > 5 the day before, or a next-morning pain or
  tingling rating ≥ baseline + 2: every routine is excused;
* **ACUTE** — fewer than six weeks after symptom onset without clearance for strength work (as
  the profile says now): routines holding strength or grip work are excused; mobility stays due.

An ordinary HOLD ("keep the dose") is advice to carry on, not to rest, so it excuses nothing.

Each day then has a state:

=============  =======================================================================
``done``       every routine due that day has a completed session
``rest``       nothing was due (a prescribed rest day)
``protected``  what was required was done, and the rest was skipped on the app's advice
``partial``    some, not all, of what was required was completed
``missed``     none of it was
``pending``    today, with something still to do: the day is not over, so it neither
               counts nor breaks a streak
``before``     before the journal's first session; ``future`` after today
=============  =======================================================================

``done``, ``rest`` and ``protected`` days keep a day streak going and count in it;
``partial`` and ``missed`` days end it. Sessions of a routine that is not due that day (extra
sessions) change nothing. An excused routine counts in neither the done nor the prescribed
sessions of adherence, whether it was done or not: resting as advised is never worth less than
training through.

Adherence = completed ÷ prescribed sessions in an ISO week (Monday–Sunday), where prescribed
means due and not excused, from the journal's first day and not counting today's unfinished
routines. The week streak counts consecutive weeks at ≥ 80 %; a finished week with nothing
prescribed (all rest or excused) keeps it going; the current week counts once it reaches 80 %
and otherwise waits, like today.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Mapping, Sequence

from catalogue.models import Routine
from catalogue.schedule import due_days
from journal.records import CheckinRec, RedFlagRec, SetRec

MET = frozenset({"done", "rest", "protected"})
WEEK_TARGET = 0.8
#: Baseline = median of this many ratings (SPEC §5).
BASELINE_N = 7
#: The change in a 0–10 rating that matters (Farrar et al. 2001).
MCID = 2
#: Weeks the acute phase lasts without clearance (SPEC §6 rule 2).
ACUTE_WEEKS = 6


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_of_stamp(text: str) -> date:
    """The local day of a journal timestamp (``2026-11-24T08:12:03+01:00`` → 24 Nov)."""
    return date.fromisoformat(text[:10])


# ---- the plan and what was done ----------------------------------------------------------------
@dataclass(frozen=True)
class Calendar:
    """What streaks and adherence need, as plain data."""

    routines: tuple[Routine, ...]
    #: (routine id, local day) of every completed session.
    completed: frozenset[tuple[str, date]]
    #: The journal's first day (its first session); None while there is none.
    start: date | None
    #: Days with STOP or REGRESS advice: every routine excused.
    advised_rest: frozenset[date] = frozenset()
    #: ACUTE: routines in ``strength_routines`` are excused on days before this one.
    acute_until: date | None = None
    strength_routines: frozenset[str] = frozenset()

    def excused(self, routine_id: str, day: date) -> bool:
        if day in self.advised_rest:
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
    #: Routines due (excused ones included), required (due, not excused), and required done.
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
        required = [r for r in routines if not cal.excused(r, d)]
        done = sum(1 for r in required if (r, d) in cal.completed)
        if not routines:
            state = "rest"
        elif all((r, d) in cal.completed for r in routines):
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


# ---- protected days ------------------------------------------------------------------------------
def advised_rest_days(
    *,
    today: date,
    flags: Iterable[RedFlagRec] = (),
    regress_days: Iterable[date] = (),
    high_pain_days: Iterable[date] = (),
    mornings: Iterable[CheckinRec] = (),
) -> frozenset[date]:
    """Days with STOP or REGRESS advice (see the module docstring).

    ``regress_days``: days a REGRESS dose row or decision was recorded. ``high_pain_days``: days
    with a set at pain during > 5 (the next day is advised rest). ``mornings``: next-morning
    check-ins, any order.
    """
    out: set[date] = set(regress_days)
    out.update(d + timedelta(days=1) for d in high_pain_days)
    for flag in flags:
        first = day_of_stamp(flag.reported_at)
        last = day_of_stamp(flag.resolved_at) if flag.resolved_at else today
        out.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    out.update(morning_rise_days(mornings))
    return frozenset(d for d in out if d <= today)


def morning_rise_days(mornings: Iterable[CheckinRec]) -> set[date]:
    """Days whose next-morning pain or tingling, in some region, was ≥ its baseline + 2."""
    by_region: dict[str, list[CheckinRec]] = defaultdict(list)
    for rec in mornings:
        if rec.context == "next_morning":
            by_region[rec.region].append(rec)
    out: set[date] = set()
    for recs in by_region.values():
        recs.sort(key=lambda r: (r.local_day, r.id))
        pain: deque[int] = deque(maxlen=BASELINE_N)
        tingling: deque[int] = deque(maxlen=BASELINE_N)
        for rec in recs:
            if pain and (
                rec.pain >= statistics.median(pain) + MCID
                or rec.tingling >= statistics.median(tingling) + MCID
            ):
                out.add(rec.local_day)
            pain.append(rec.pain)
            tingling.append(rec.tingling)
    return out


# ---- symptoms ------------------------------------------------------------------------------------
class Baselines:
    """Baselines for many days at once: next-morning (else before-session) ratings indexed by region."""

    CONTEXTS = ("next_morning", "before")

    def __init__(self, checkins: Iterable[CheckinRec]) -> None:
        lists: dict[tuple[str, str], list[CheckinRec]] = defaultdict(list)
        for c in checkins:
            if c.context in self.CONTEXTS:
                lists[(c.region, c.context)].append(c)
        self._recs = {k: sorted(v, key=lambda c: (c.local_day, c.id)) for k, v in lists.items()}
        self._days = {k: [c.local_day for c in v] for k, v in self._recs.items()}

    def __call__(self, region: str, symptom: str, before: date | None = None) -> float | None:
        """Median of the last 7 next-morning ratings of ``symptom`` in ``region`` before ``before``.

        With no next-morning rating, before-session ratings stand in (SPEC §5); None if neither.
        """
        for context in self.CONTEXTS:
            recs = self._recs.get((region, context), [])
            end = (
                len(recs) if before is None else bisect_left(self._days[(region, context)], before)
            )
            if end:
                chosen = recs[max(0, end - BASELINE_N) : end]
                return float(statistics.median(getattr(c, symptom) for c in chosen))
        return None


def baseline(
    checkins: Iterable[CheckinRec], region: str, symptom: str, before: date | None = None
) -> float | None:
    """Median of the last 7 next-morning ratings of ``symptom`` in ``region`` before ``before``
    (else of before-session ratings; None if there are neither)."""
    return Baselines(checkins)(region, symptom, before)


# ---- per-exercise series and side ratios ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One exercise on one side in one session: what a progress chart plots."""

    session_id: int
    day: date
    exercise_id: str
    side: str
    sets: int
    #: Mean reps and hold per set; heaviest load; the level used; peak pain during.
    reps: float | None
    hold_s: float | None
    load: float | None
    level: str | None
    pain: int | None


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summarise_sets(sets: Iterable[SetRec], session_days: Mapping[int, date]) -> list[SeriesPoint]:
    """Per (session, exercise, side): mean reps and hold, heaviest load, peak pain — by day."""
    groups: dict[tuple[int, str, str], list[SetRec]] = defaultdict(list)
    for s in sets:
        groups[(s.session_id, s.exercise_id, s.side)].append(s)
    out = []
    for (session_id, exercise_id, side), rows in groups.items():
        loads = [r.load for r in rows if r.load is not None]
        pains = [r.pain_during for r in rows if r.pain_during is not None]
        levels = [r.level for r in rows if r.level]
        out.append(
            SeriesPoint(
                session_id=session_id,
                day=session_days[session_id],
                exercise_id=exercise_id,
                side=side,
                sets=len(rows),
                reps=_mean([r.reps for r in rows if r.reps is not None]),
                hold_s=_mean([r.hold_s for r in rows if r.hold_s is not None]),
                load=max(loads) if loads else None,
                level=max(levels) if levels else None,
                pain=max(pains) if pains else None,
            )
        )
    out.sort(key=lambda p: (p.day, p.session_id, p.exercise_id, p.side))
    return out


def exercise_series(
    points: Iterable[SeriesPoint], exercise_id: str
) -> dict[str, list[SeriesPoint]]:
    """One exercise's points by side (``both``, or ``left``/``right``), oldest first."""
    out: dict[str, list[SeriesPoint]] = defaultdict(list)
    for p in points:
        if p.exercise_id == exercise_id:
            out[p.side].append(p)
    for side in out:
        out[side].sort(key=lambda p: (p.day, p.session_id))
    return dict(out)


@dataclass(frozen=True, slots=True)
class SideWeek:
    """Affected ÷ unaffected for one exercise in one ISO week (None where it cannot be told)."""

    start: date
    reps: float | None
    hold: float | None
    load: float | None


def _ratio(a: list[float], b: list[float]) -> float | None:
    if not a or not b:
        return None
    below = statistics.fmean(b)
    return statistics.fmean(a) / below if below else None


def side_ratios(
    points: Iterable[SeriesPoint], affected: str, today: date, n: int = 8
) -> dict[str, list[SideWeek]]:
    """For per-side exercises: affected ÷ unaffected mean reps, hold and load, per week (last ``n``).

    Empty when the affected side is ``both`` or ``none`` (there is nothing to compare against).
    """
    other = {"left": "right", "right": "left"}.get(affected)
    if other is None:
        return {}
    first = monday(today) - timedelta(weeks=n - 1)
    buckets: dict[tuple[str, int, str], list[SeriesPoint]] = defaultdict(list)
    for p in points:
        if p.side in (affected, other) and first <= p.day <= today:
            buckets[(p.exercise_id, (p.day - first).days // 7, p.side)].append(p)
    out: dict[str, list[SideWeek]] = {}
    for exercise_id in sorted({k[0] for k in buckets}):
        rows = []
        for k in range(n):
            mine = buckets.get((exercise_id, k, affected), [])
            theirs = buckets.get((exercise_id, k, other), [])

            def values(ps: list[SeriesPoint], field: str) -> list[float]:
                return [getattr(p, field) for p in ps if getattr(p, field) is not None]

            rows.append(
                SideWeek(
                    first + timedelta(weeks=k),
                    _ratio(values(mine, "reps"), values(theirs, "reps")),
                    _ratio(values(mine, "hold_s"), values(theirs, "hold_s")),
                    _ratio(values(mine, "load"), values(theirs, "load")),
                )
            )
        out[exercise_id] = rows
    return out
