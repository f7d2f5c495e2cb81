"""Builders for progression scenarios: an exercise, its dose, sessions, mornings — as plain records."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import count

from catalogue.models import Dose, Exercise, Ladder, Phase
from journal.rules.progression import Evidence, ExerciseSession, Situation
from journal.records import CheckinRec, DecisionRec, DoseRec, ProfileRec, RedFlagRec, SetRec
from tests.conftest import TZ

TODAY = date(2026, 11, 24)
LADDERS = {
    "band": Ladder(
        "band", "Resistance band", ("yellow", "red", "green", "blue", "black", "silver", "gold")
    ),
    "putty": Ladder(
        "putty", "Therapy putty", ("extra-soft", "soft", "medium", "firm", "extra-firm")
    ),
}
PROFILE = ProfileRec(
    "right", date(2025, 1, 1), True, "kg", 1.0, False, "2025-01-01T00:00:00+01:00", frozenset()
)
_ids = count(1)


def exercise(
    id: str = "wrist-flexion-curl",
    *,
    kind: str = "strength",
    sides: str = "each",
    measure: str = "reps",
    region: str = "wrist",
    dose: Dose | None = None,
) -> Exercise:
    dose = dose or Dose(sets=2, reps=12, reps_lo=8, reps_hi=12, load=1.0, unit="kg")
    return Exercise(
        id=id, name=id.replace("-", " ").capitalize(), region=region, kind=kind, sides=sides,
        measure=measure, tempo=(Phase("lift", 1), Phase("hold", 4), Phase("release", 4)), dose=dose,
    )  # fmt: skip


def at(day: date, hour: int = 18, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ).isoformat()


def session(
    ex: Exercise,
    dose: Dose,
    day: date,
    *,
    pain: int = 0,
    reps: int | None = None,
    affected_reps: int | None = None,
    load: float | None = None,
    hold: float | None = None,
    stop: str = "none",
    hour: int = 18,
    sets_done: int | None = None,
    completed: bool = True,
) -> ExerciseSession:
    """A session in which every set hits ``reps`` (default: the target) at ``pain``; only the
    first ``sets_done`` sets of the dose when given (the rest skipped or the session abandoned)."""
    sid = next(_ids)
    sides = ("right", "left") if ex.per_side else ("both",)
    sets = []
    for n in range(1, (sets_done if sets_done is not None else dose.sets) + 1):
        for side in sides:
            got = reps if reps is not None else dose.reps
            if side == "right" and affected_reps is not None:
                got = affected_reps
            sets.append(
                SetRec(
                    id=next(_ids),
                    session_id=sid,
                    exercise_id=ex.id,
                    exercise_name=ex.name,
                    side=side,
                    set_number=n,
                    target_reps=dose.reps,
                    reps=got,
                    target_hold_s=float(dose.hold_s) if dose.hold_s else None,
                    hold_s=hold
                    if hold is not None
                    else (float(dose.hold_s) if dose.hold_s else None),
                    load=load if load is not None else dose.load,
                    load_unit=dose.unit if dose.load is not None else None,
                    level=dose.level,
                    effort=4,
                    pain_during=pain,
                    stop_reason=stop if n == dose.sets else "none",
                    logged_at=at(day, hour, n),
                    note="",
                )  # fmt: skip
            )
    return ExerciseSession((sid,), day, at(day, hour), tuple(sets), completed=completed)


def checkin(
    region: str,
    day: date,
    *,
    context: str = "next_morning",
    pain: int = 1,
    tingling: int = 1,
    session_id: int | None = None,
) -> CheckinRec:
    return CheckinRec(
        id=next(_ids), recorded_at=at(day, 7), local_day=day, session_id=session_id,
        context=context, region=region, pain=pain, numbness=0, tingling=tingling, weakness=0, note="",
    )  # fmt: skip


def mornings(
    regions: tuple[str, ...] = ("left_hand", "right_hand"),
    *,
    days: int = 21,
    pain: int = 1,
    tingling: int = 1,
    until: date = TODAY,
) -> list[CheckinRec]:
    """A settled baseline: a next-morning check-in every day up to ``until``."""
    return [
        checkin(region, until - timedelta(days=n), pain=pain, tingling=tingling)
        for n in range(days - 1, -1, -1)
        for region in regions
    ]


def dose_row(
    ex: Exercise, dose: Dose, day: date, reason: str = "Starting dose", hour: int = 7
) -> DoseRec:
    return DoseRec(
        id=next(_ids), exercise_id=ex.id, sets=dose.sets, reps=dose.reps, reps_lo=dose.reps_lo,
        reps_hi=dose.reps_hi, hold_s=dose.hold_s, load=dose.load, unit=dose.unit, ladder=dose.ladder,
        level=dose.level, since=at(day, hour), reason=reason,
    )  # fmt: skip


def decision(
    ex: Exercise, kind: str, rule: str, from_dose: Dose, to_dose: Dose, day: date, hour: int = 9
) -> DecisionRec:
    return DecisionRec(
        id=next(_ids), exercise_id=ex.id, decided_at=at(day, hour), local_day=day, decision=kind,
        rule=rule, from_dose=from_dose.describe(), to_dose=to_dose.describe(), reason="",
    )  # fmt: skip


def red_flag(day: date, resolved: date | None = None) -> RedFlagRec:
    return RedFlagRec(
        id=next(_ids), reported_at=at(day, 21), flag="spreading-numbness", severity="soon", note="",
        resolved_at=at(resolved, 10) if resolved else None,
    )  # fmt: skip


@dataclass
class Scenario:
    """Ready to progress unless changed: 2 sessions at the top of the range, pain 2, settled mornings."""

    ex: Exercise = field(default_factory=exercise)
    dose: Dose | None = None
    dose_day: date = TODAY - timedelta(days=20)
    dose_reason: str = "Starting dose"
    previous: Dose | None = None
    session_days: tuple[date, ...] = (TODAY - timedelta(days=3), TODAY - timedelta(days=1))
    pain: tuple[int, ...] = (2, 2)
    morning_list: list[CheckinRec] | None = None
    extra_checkins: list[CheckinRec] = field(default_factory=list)
    decisions: list[DecisionRec] = field(default_factory=list)
    flags: list[RedFlagRec] = field(default_factory=list)
    profile: ProfileRec = PROFILE
    session_kw: list[dict] = field(default_factory=list)
    today: date = TODAY

    def build(self) -> tuple[Evidence, Situation]:
        dose = self.dose or self.ex.dose
        rows = []
        if self.previous is not None:
            rows.append(dose_row(self.ex, self.previous, self.dose_day - timedelta(days=14)))
        rows.append(dose_row(self.ex, dose, self.dose_day, self.dose_reason))
        sessions = []
        for k, day in enumerate(self.session_days):
            kw = {"pain": self.pain[k] if k < len(self.pain) else 0}
            if k < len(self.session_kw):
                kw.update(self.session_kw[k])
            sessions.append(session(self.ex, dose, day, **kw))
        checkins = (
            self.morning_list
            if self.morning_list is not None
            else mornings(("neck", "left_arm", "right_arm", "left_hand", "right_hand"))
        )
        ev = Evidence(self.ex, dose, tuple(rows), tuple(sessions), tuple(self.decisions))
        sit = Situation(
            today=self.today, profile=self.profile,
            open_flags=tuple(f for f in self.flags if f.resolved_at is None),
            checkins=tuple(checkins) + tuple(self.extra_checkins), ladders=LADDERS,
        )  # fmt: skip
        return ev, sit


def with_dose(ex: Exercise, **changes) -> Dose:  # noqa: ANN003
    return replace(ex.dose, **changes)
