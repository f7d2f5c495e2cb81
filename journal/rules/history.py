"""History rules (SPEC §5): per-exercise series and side ratios; streaks and baselines live in
``journal/rules/streaks.py`` and ``journal/rules/baseline.py`` (re-exported here).

Plain functions over plain data: no database, no terminal, and the clock comes in as ``today``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Mapping

from journal.records import SetRec
from journal.rules.baseline import BASELINE_N, MCID, Baselines, baseline, day_of_stamp
from journal.rules.streaks import (
    MET,
    WEEK_TARGET,
    Calendar,
    Day,
    Streak,
    Week,
    day_streak,
    days,
    monday,
    week_streak,
    weekly_adherence,
    weeks,
)
from journal.rules.suggest import ACUTE_WEEKS

__all__ = [
    "ACUTE_WEEKS", "BASELINE_N", "MCID", "MEASURED_STOPS", "MET", "WEEK_TARGET", "Baselines", "Calendar", "Day",
    "SeriesPoint", "SideWeek", "Streak", "Week", "baseline", "day_of_stamp", "day_streak", "days",
    "exercise_series", "monday", "side_ratios", "summarise_sets", "week_streak", "weekly_adherence",
    "weeks",
]  # fmt: skip


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


#: Sets that measure strength: ended as planned or by fatigue. A set stopped for pain, tingling or
#: numbness says the symptom came, not what the side can do, so the side comparison leaves it out.
MEASURED_STOPS = ("none", "fatigue")


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summarise_sets(
    sets: Iterable[SetRec], session_days: Mapping[int, date], *, measured_only: bool = False
) -> list[SeriesPoint]:
    """Per (session, exercise, side): mean reps and hold, heaviest load, peak pain — by day.
    ``measured_only``: only sets ended as planned or by fatigue (the side comparison)."""
    groups: dict[tuple[int, str, str], list[SetRec]] = defaultdict(list)
    for s in sets:
        if measured_only and (s.stop_reason or "none") not in MEASURED_STOPS:
            continue
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

    Give it points of measured sets only (``summarise_sets(measured_only=True)``, or
    ``series_points(measured_only=True)``): a set stopped for a symptom is not a strength result.

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
