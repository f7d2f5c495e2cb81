"""Plain-data journals in Europe/Berlin time for the issue-12 rule tests (pure: no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from catalogue.models import Dose, Exercise, Phase
from journal.records import CheckinRec, DoseRec, ProfileRec, RedFlagRec, SetRec
from journal.rules.evidence import Evidence, ExerciseSession, Situation
from tests.helpers.progression_cases import LADDERS

BERLIN = ZoneInfo("Europe/Berlin")
#: Tuesday 24 November 2026 (CET, UTC+1); the autumn change was Sunday 25 October.
TODAY = date(2026, 11, 24)
D = timedelta(days=1)
CLEARED = ProfileRec(
    "right", None, True, "kg", 1.0, False, "2026-01-01T00:00:00+01:00", frozenset(), onset_kind="over-6-weeks"
)
ALL = ("neck", "left_hand", "right_hand", "left_arm", "right_arm")
_ids = count(10_000)


def at(day: date, hh: int = 18, mm: int = 0) -> str:
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN).isoformat()


def ex(
    id: str = "wrist-flexion-curl", *, region: str = "wrist", kind: str = "strength", sides: str = "each",
    dose: Dose | None = None, measure: str = "reps",
) -> Exercise:  # fmt: skip
    dose = dose or Dose(sets=2, reps=12, reps_lo=8, reps_hi=12, load=1.0, unit="kg")
    return Exercise(
        id=id, name=id.replace("-", " ").capitalize(), region=region, kind=kind, sides=sides,
        measure=measure, tempo=(Phase("lift", 1), Phase("hold", 4)), dose=dose,
    )  # fmt: skip


def sess(
    e: Exercise, day: date, *, pain: int | None = 0, hh: int = 18, mm: int = 0, minutes: int = 30,
    reps: int | None = None, dose: Dose | None = None, unrated_set: bool = False,
) -> ExerciseSession:  # fmt: skip
    """A session on ``day`` starting hh:mm, every set at target, ending ``minutes`` later."""
    dose = dose or e.dose
    sid = next(_ids)
    start = datetime.combine(day, time(hh, mm), tzinfo=BERLIN)
    sides = ("right", "left") if e.per_side else ("both",)
    sets = []
    for n in range(1, dose.sets + 1):
        for side in sides:
            rated = None if (unrated_set and n == 1 and side == sides[0]) else pain
            sets.append(SetRec(
                id=next(_ids), session_id=sid, exercise_id=e.id, exercise_name=e.name, side=side,
                set_number=n, target_reps=dose.reps, reps=reps if reps is not None else dose.reps,
                target_hold_s=float(dose.hold_s) if dose.hold_s else None,
                hold_s=float(dose.hold_s) if dose.hold_s else None, load=dose.load,
                load_unit=dose.unit if dose.load is not None else None, level=dose.level, effort=3,
                pain_during=rated, stop_reason="none",
                logged_at=(start + timedelta(minutes=n)).isoformat(), note="",
            ))  # fmt: skip
    end = start + timedelta(minutes=minutes)
    return ExerciseSession((sid,), day, start.isoformat(), tuple(sets), end.isoformat())


def check(
    region: str, day: date, *, context: str = "next_morning", hh: int = 7, mm: int = 0, pain: int = 1,
    tingling: int = 1, numbness: int = 0, session_id: int | None = None,
) -> CheckinRec:  # fmt: skip
    return CheckinRec(
        id=next(_ids), recorded_at=at(day, hh, mm), local_day=day, session_id=session_id,
        context=context, region=region, pain=pain, numbness=numbness, tingling=tingling, weakness=0,
        note="",
    )  # fmt: skip


def settled(regions=ALL, *, days: int = 21, until: date = TODAY, **kw) -> list[CheckinRec]:  # noqa: ANN001, ANN003
    """A next-morning check-in every day up to ``until`` (baseline pain 1, tingling 1)."""
    return [check(r, until - n * D, **kw) for n in range(days - 1, -1, -1) for r in regions]


def dose_row(e: Exercise, dose: Dose, day: date, reason: str = "Starting dose") -> DoseRec:
    return DoseRec(
        id=next(_ids), exercise_id=e.id, sets=dose.sets, reps=dose.reps, reps_lo=dose.reps_lo,
        reps_hi=dose.reps_hi, hold_s=dose.hold_s, load=dose.load, unit=dose.unit, ladder=dose.ladder,
        level=dose.level, since=at(day, 7), reason=reason,
    )  # fmt: skip


def flag(day: date, severity: str = "urgent", name: str = "spreading-weakness", resolved: date | None = None,
         hh: int = 21) -> RedFlagRec:  # fmt: skip
    return RedFlagRec(
        id=next(_ids), reported_at=at(day, hh), flag=name, severity=severity, note="",
        resolved_at=at(resolved, 10) if resolved else None,
    )  # fmt: skip


def world(
    e: Exercise, sessions, checkins, *, today: date = TODAY, profile: ProfileRec = CLEARED, flags=(),  # noqa: ANN001
    dose_day: date | None = None, dose: Dose | None = None, rows=None, decisions=(),  # noqa: ANN001
) -> tuple[Evidence, Situation]:  # fmt: skip
    dose = dose or e.dose
    rows = rows if rows is not None else [dose_row(e, dose, dose_day or today - 30 * D)]
    ev = Evidence(e, dose, tuple(rows), tuple(sessions), tuple(decisions))
    sit = Situation(
        today=today, profile=profile, open_flags=tuple(f for f in flags if f.resolved_at is None),
        checkins=tuple(checkins), ladders=LADDERS, flags=tuple(flags),
    )  # fmt: skip
    return ev, sit


def good_pair(e: Exercise, *, days=(TODAY - 3 * D, TODAY - D), **kw) -> list[ExerciseSession]:  # noqa: ANN001, ANN003
    return [sess(e, d, **kw) for d in days]


def profile(**changes) -> ProfileRec:  # noqa: ANN003
    return replace(CLEARED, **changes)
