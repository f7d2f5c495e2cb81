"""Advice that spans days: the days rest was advised (for streaks), and the morning's advice.

* ``flag_days``: every day a red flag was open (STOP: every routine excused);
* ``regress_days``: per exercise, the days a REGRESS condition held for it — from the day of a
  session with pain during > 5, of a next-morning rise ≥ baseline + 2 in a watched region, or of
  a weekly trend up ≥ 2 — until the exercise is done again, for at most 7 days (a flare that
  keeps the user resting keeps advising rest; the 8th day asks for a new session or a check);
* ``morning_advice``: Today's line after a morning rating ≥ baseline + 2.

Pure: plain records in, the day comes in as ``today``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Mapping, Sequence

from catalogue.models import Exercise
from catalogue.watched import watched_regions
from journal.records import CheckinRec, RedFlagRec
from journal.rules.baseline import BASELINE_N, MCID, Baselines, day_of_stamp
from journal.rules.conditions import REGION_NAMES, SETTLE_DAYS, fmt
from journal.rules.evidence import RISE_SYMPTOMS, TREND_MIN_MORNINGS, TREND_SYMPTOMS


def flag_days(flags: Iterable[RedFlagRec], today: date) -> frozenset[date]:
    """Days a red flag was open at some time (reported → reviewed, or → today)."""
    out: set[date] = set()
    for flag in flags:
        first = day_of_stamp(flag.reported_at)
        last = day_of_stamp(flag.resolved_at) if flag.resolved_at else today
        out.update(first + timedelta(days=n) for n in range((min(last, today) - first).days + 1))
    return frozenset(out)


def rises(mornings: Sequence[CheckinRec], befores: Sequence[CheckinRec] = ()) -> list[tuple[CheckinRec, str, float]]:
    """Next-morning ratings ≥ their baseline + 2: (check-in, symptom, baseline).

    ``mornings`` must be the next-morning check-ins that count (``journal/rules/mornings.py``).
    One pass per region with a window of the last 7 earlier days' ratings (same result as
    ``Baselines``, without a sort per rating: ten years hold some 20,000 mornings)."""
    fallback = Baselines(befores)
    per: dict[str, list[CheckinRec]] = defaultdict(list)
    for m in mornings:
        per[m.region].append(m)
    out = []
    for region, recs in per.items():
        recs.sort(key=lambda c: (c.local_day, c.id))
        window: deque[CheckinRec] = deque(maxlen=BASELINE_N)
        i = 0
        while i < len(recs):
            day = recs[i].local_day
            j = i
            while j < len(recs) and recs[j].local_day == day:
                j += 1
            if window:
                base = {sym: _median([getattr(c, sym) for c in window]) for sym in RISE_SYMPTOMS}
            else:
                base = {sym: fallback(region, sym, day) for sym in RISE_SYMPTOMS}
            for rec in recs[i:j]:
                for symptom in RISE_SYMPTOMS:
                    b = base[symptom]
                    if b is not None and getattr(rec, symptom) >= b + MCID:
                        out.append((rec, symptom, b))
                        break
            window.extend(recs[i:j])
            i = j
    return out


def _median(values: list[int]) -> float:
    v = sorted(values)
    n = len(v)
    return float(v[n // 2]) if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def trend_days(mornings: Sequence[CheckinRec], today: date) -> dict[str, set[date]]:
    """Region → days on which the 7-day mean morning pain or tingling was ≥ 2 above the 7 days
    before (each week ≥ 3 mornings); prefix sums, so ten years cost a few thousand steps."""
    out: dict[str, set[date]] = defaultdict(set)
    per: dict[str, dict[date, CheckinRec]] = defaultdict(dict)
    for m in sorted(mornings, key=lambda c: c.id):
        per[m.region][m.local_day] = m
    for region, by_day in per.items():
        first = min(by_day)
        span = (today - first).days + 1
        if span < 14:
            continue
        for symptom in TREND_SYMPTOMS:
            count = [0] * (span + 1)
            total = [0] * (span + 1)
            for n in range(span):
                rec = by_day.get(first + timedelta(days=n))
                count[n + 1] = count[n] + (rec is not None)
                total[n + 1] = total[n] + (getattr(rec, symptom) if rec is not None else 0)
            for n in range(13, span):
                c_now, c_then = count[n + 1] - count[n - 6], count[n - 6] - count[n - 13]
                if c_now < TREND_MIN_MORNINGS or c_then < TREND_MIN_MORNINGS:
                    continue
                now = (total[n + 1] - total[n - 6]) / c_now
                then = (total[n - 6] - total[n - 13]) / c_then
                if now - then >= MCID - 1e-9:
                    out[region].add(first + timedelta(days=n))
    return out


def regress_days(
    exercises: Iterable[Exercise],
    done_days: Mapping[str, Iterable[date]],
    pain_days: Mapping[str, Iterable[date]],
    mornings: Sequence[CheckinRec],
    today: date,
    befores: Sequence[CheckinRec] = (),
) -> dict[str, frozenset[date]]:
    """Exercise id → the days a REGRESS condition held for it (see the module docstring).

    ``done_days``: the days each exercise was done (any session status); ``pain_days``: the days
    it had a set at pain during > 5; ``mornings``: the next-morning check-ins that count."""
    exercises = list(exercises)
    starts: dict[str, set[date]] = defaultdict(set)
    for exercise_id, ds in pain_days.items():
        starts[exercise_id].update(ds)
    done = {e: sorted(set(ds)) for e, ds in done_days.items()}
    done_sets = {e: set(ds) for e, ds in done.items()}
    risen: dict[str, set[date]] = defaultdict(set)
    for rec, _symptom, _base in rises(mornings, befores):
        risen[rec.region].add(rec.local_day)
    trends = trend_days(mornings, today)
    for ex in exercises:
        for region in watched_regions(ex):
            for day in risen.get(region, ()):
                if day - timedelta(days=1) in done_sets.get(ex.id, ()):
                    starts[ex.id].add(day)
            starts[ex.id].update(trends.get(region, ()))
    out: dict[str, frozenset[date]] = {}
    for exercise_id, begun in starts.items():
        held: set[date] = set()
        for start in begun:
            for n in range(SETTLE_DAYS):
                day = start + timedelta(days=n)
                if day > today or (n and day in done_sets.get(exercise_id, ())):
                    break
                held.add(day)
        if held:
            out[exercise_id] = frozenset(held)
    return out


@dataclass(frozen=True, slots=True)
class MorningAdvice:
    """Today's advice after a morning rating ≥ baseline + 2."""

    exercises: tuple[str, ...]  # names: strength and grip work first, then the rest
    why: str  # ``right-hand tingling 5 this morning (baseline 1)``
    #: Every exercise in use watches the region that rose.
    every: bool = False

    @property
    def sentence(self) -> str:
        names = list(self.exercises)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        if self.every:
            shown = "every exercise"
        return f"Ease off today: {shown} — {self.why}, 2 or more above your usual."


def morning_advice(
    today: date,
    mornings: Sequence[CheckinRec],
    exercises: Sequence[Exercise],
    befores: Sequence[CheckinRec] = (),
) -> MorningAdvice | None:
    """The exercises to ease off today and why, when this morning's rating in a region they
    watch is ≥ its baseline + 2; None otherwise (or with no morning check-in today)."""
    base = Baselines(list(mornings) + list(befores))
    worst: tuple[float, CheckinRec, str, float] | None = None
    risen: set[str] = set()
    for rec in mornings:
        if rec.local_day != today:
            continue
        for symptom in RISE_SYMPTOMS:
            b = base(rec.region, symptom, today)
            value = getattr(rec, symptom)
            if b is not None and value >= b + MCID:
                risen.add(rec.region)
                if worst is None or value - b > worst[0]:
                    worst = (value - b, rec, symptom, b)
    if worst is None:
        return None
    _, rec, symptom, b = worst
    hit = [e for e in exercises if risen & set(watched_regions(e))]
    if not hit:
        return None
    names = tuple(e.name for e in sorted(hit, key=lambda e: not e.loadable))
    why = f"{REGION_NAMES[rec.region]} {symptom} {getattr(rec, symptom)} this morning (baseline {fmt(b)})"
    return MorningAdvice(names, why, every=len(hit) == len(list(exercises)) > 1)
