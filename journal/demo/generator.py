"""A realistic, deterministic history for an empty journal (``rehab-tui demo``).

Everything comes from ``random.Random(seed)`` and the dates passed in — never the wall
clock — so the same ``seed``, ``days``, ``today`` and ``tz`` give byte-identical rows.
Rows are built in Python and bulk-inserted with SQLAlchemy Core (executemany) inside one
transaction: ten years take seconds, and an interrupted run leaves the journal empty.

The story: a desk worker whose right hand is affected starts the programme two months after
symptoms began, cleared for strength work by a clinician. They keep most of the schedule
(mobility in the morning, strength in the evening), miss some days and have a bad week; they
get stronger while the affected side lags behind; their symptoms settle, with noise. About
60 % of the way through a flare-up makes them step one dose back, and later they report a red
flag that is reviewed a few days on. Doses progress by the 2-for-2 rule (SPEC §6), one change
at a time, each row with the numbers that justified it. What one step up or down is comes from
``journal/rules/dosing.py``, shared with the app's progression rules.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from catalogue.models import MIN_INCREMENT, Catalogue, Dose, Exercise, Routine, format_load
from catalogue.schedule import due_days
from journal import validate
from journal.api import T_CHECKINS, T_DOSES, T_FLAGS, T_PROFILE, T_SESSIONS, T_SETS, Journal
from journal.clock import stamp
from journal.demo.outcomes import write_outcomes
from journal.rules.dosing import next_dose, show_dose, step_down
from journal.errors import JournalError
from journal.rules.plan import checkin_regions
from journal.records import REGIONS, SYMPTOMS
from journal.store.engine import translate_errors

Progress = Callable[[int, int], None]

AFFECTED, UNAFFECTED = "right", "left"
#: Days simulated between two bulk inserts (and progress reports).
CHUNK_DAYS = 90
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
MOBILITY_KINDS = ("mobility", "nerve-glide")
#: A loaded exercise stops progressing (maintenance) at this multiple of its starting load.
LOAD_CEILING = 4.0
#: At most this many exercises progress at the start of one session (change little at a time).
MAX_PROGRESSIONS = 2

SESSION_NOTES = (
    "Felt good today.",
    "Tired after work; kept the tempo slow.",
    "Right hand stiff at the start, loosened up.",
    "Did it before dinner.",
    "Good session, no tingling.",
    "Short on time but got through it.",
)
AD_HOC_NOTES = (
    ("right_hand", "After a long afternoon of typing."),
    ("right_hand", "Hand tired after carrying the shopping."),
    ("neck", "Stiff neck after a long video call."),
    ("right_hand", ""),
)


class JournalNotEmpty(JournalError):
    """The demo only fills an empty journal; ``str(err)`` is the one-line message."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    days: int
    sessions: int
    sets: int
    checkins: int
    doses: int
    red_flags: int = 0


def generate(
    journal: Journal,
    catalogue: Catalogue,
    *,
    days: int = 120,
    seed: int = 1,
    today: date,
    tz: tzinfo | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty journal with ``days`` days of history ending yesterday.

    ``tz`` is the time zone the timestamps are written in (default: this machine's UTC
    offset at noon on ``today``). ``progress(done_days, days)`` is called as work advances.
    Raises JournalNotEmpty if the journal already holds data (it is left untouched).
    """
    days = int(validate.number("days", days))  # type: ignore[arg-type]
    if journal.has_data():
        raise JournalNotEmpty(
            f"{journal.path} already holds data; "
            "demo only fills an empty journal — pass another --db"
        )
    story = _Story(catalogue, days=days, seed=seed, today=today, tz=tz or local_offset(today))
    with translate_errors(journal.path), journal._writer.begin() as conn:
        story.write(conn, progress)
        write_outcomes(conn, day0=story.day0, days=days, seed=seed, tz=story.tz)
    return story.summary()


def local_offset(day: date) -> timezone:
    """This machine's UTC offset at noon on ``day``, as a fixed zone."""
    offset = datetime.combine(day, time(12)).astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


# ---- doses ---------------------------------------------------------------------------------------
def progress_reason(before: Dose, after: Dose, max_pain: int) -> str:
    """The PROGRESS rule and the numbers that made it fire."""
    pain = f"pain ≤ {max(max_pain, 0)} in the last 2 sessions"
    if after.hold_s != before.hold_s:
        return (
            f"PROGRESS (2-for-2): held {before.hold_s} s every rep, {pain} → hold {after.hold_s} s"
        )
    at = ""
    if before.load is not None:
        at = f" at {format_load(before.load)} {before.unit}"
    elif before.level:
        at = f" at {before.level} {before.ladder}"
    did = f"{before.reps}/{before.reps} reps{at}"
    if after.reps > before.reps:
        return f"PROGRESS (2-for-2): {did}, {pain} → {after.reps} reps"
    return f"PROGRESS (2-for-2): {did}, {pain} → {show_dose(after)}"


# ---- the person's symptoms ---------------------------------------------------------------------
class _Symptoms:
    """Daily symptom levels per region: recovery, a mood that drifts, flares and bad weeks."""

    #: How much of a flare each symptom feels (pain, numbness, tingling, weakness).
    FLARE_WEIGHTS = (1.0, 0.5, 0.8, 0.5)
    NUMB_WEIGHTS = (0.3, 1.0, 0.7, 0.6)

    def __init__(self, rng: random.Random, days: int, plan: _Plan) -> None:
        self.rng = rng
        flare = _fades(days, {day + 1: size for day, size in plan.flares.items()}, 3.0, 30)
        flag = _fades(days, {plan.flag_day: 2.5} if plan.flag_day is not None else {}, 2.0, 4)
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
            name: _score(level + extra + self.rng.gauss(0, 0.55))
            for name, level, extra in zip(SYMPTOMS, levels, bump, strict=True)
        }


def _score(value: float) -> int:
    return max(0, min(10, round(value)))


def _fades(days: int, starts: dict[int, float], tau: float, length: int) -> list[float]:
    """Per day, the sum of bumps that start at ``size`` on their day and fade with ``tau``."""
    fade = [0.0] * (days + 1)
    for start, size in starts.items():
        for i in range(start, min(days + 1, start + length)):
            fade[i] += size * math.exp(-(i - start) / tau)
    return fade


# ---- the plan: what happens when ---------------------------------------------------------------
@dataclass
class _Plan:
    bad_days: frozenset[int] = frozenset()
    #: Day index of a flare-up session → how hard it flares.
    flares: dict[int, float] = field(default_factory=dict)
    flare_exercise: str | None = None
    flare_routine: str | None = None
    flag_day: int | None = None

    def flag_rest(self, i: int) -> bool:
        """While a red flag is open (reported on flag_day, reviewed 3 days later): no strength."""
        return self.flag_day is not None and self.flag_day < i <= self.flag_day + 3

    def holds_doses(self, i: int) -> bool:
        """No progression on the red-flag days or in the two weeks after a flare-up."""
        if self.flag_day is not None and self.flag_day <= i <= self.flag_day + 3:
            return True
        return any(i - k in self.flares for k in range(14))


def _make_plan(
    rng: random.Random, days: int, due: dict[str, set[int]], flare: tuple[str, str] | None
) -> _Plan:
    plan = _Plan()
    bad: set[int] = set()
    if days >= 28:
        bad.update(range(int(days * 0.35), int(days * 0.35) + 7))
    for _ in range(days // 150):  # long histories: a bad week now and then
        start = rng.randrange(14, max(15, days - 7))
        bad.update(range(start, start + 7))
    plan.bad_days = frozenset(bad)
    if days >= 40:
        plan.flag_day = int(days * 0.8)
    if flare and days >= 21:
        plan.flare_routine, plan.flare_exercise = flare
        targets = [(int(days * 0.6), 3.5)]
        targets += [(rng.randrange(30, days - 3), 2.0) for _ in range(days // 365)]
        for target, size in targets:
            day = _free_day(plan, due[flare[0]], target, days)
            if day is not None:
                plan.flares.setdefault(day, size)
    return plan


def _free_day(plan: _Plan, due: set[int], start: int, days: int) -> int | None:
    """The first due day from ``start`` that is not in a bad week, near a flag or another flare."""
    for i in range(start, days - 1):
        near_flag = plan.flag_day is not None and plan.flag_day - 7 <= i <= plan.flag_day + 7
        near_flare = any(abs(i - f) < 21 for f in plan.flares)
        if i in due and i not in plan.bad_days and not near_flag and not near_flare:
            return i
    return None


# ---- rows and ids ------------------------------------------------------------------------------
class _Rows:
    """Buffers of rows per table with explicitly assigned ids, flushed with executemany."""

    TABLES = (
        ("sessions", T_SESSIONS), ("sets", T_SETS), ("checkins", T_CHECKINS),
        ("doses", T_DOSES), ("red_flags", T_FLAGS),
    )  # fmt: skip

    def __init__(self) -> None:
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in self.TABLES}
        self.next_ids = {name: 1 for name, _ in self.TABLES}
        self.counts = {name: 0 for name, _ in self.TABLES}

    def start_after_existing(self, conn: Connection) -> None:
        for name, table in self.TABLES:
            self.next_ids[name] = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1

    def new_id(self, name: str) -> int:
        self.next_ids[name] += 1
        return self.next_ids[name] - 1

    def put(self, name: str, row_id: int, **values: Any) -> int:
        self.buffers[name].append({"id": row_id, **values})
        self.counts[name] += 1
        return row_id

    def add(self, name: str, **values: Any) -> int:
        return self.put(name, self.new_id(name), **values)

    def flush(self, conn: Connection) -> None:
        for name, table in self.TABLES:  # sessions first: sets and check-ins refer to them
            if self.buffers[name]:
                conn.execute(insert(table), self.buffers[name])
                self.buffers[name].clear()


# ---- one exercise's prescription over time -----------------------------------------------------
@dataclass
class _Track:
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
class _Done:
    """A completed session, for the next morning's check-in."""

    session_id: int
    regions: tuple[str, ...]
    strength: bool


def _is_mobility(routine: Routine, exercises: dict[str, Exercise]) -> bool:
    return all(exercises[s.exercise_id].kind in MOBILITY_KINDS for s in routine.steps)


def _set_region(exercise: Exercise, side: str) -> str:
    """The check-in region a set loads; a two-sided exercise counts as the affected side."""
    if exercise.region == "neck":
        return "neck"
    part = "arm" if exercise.region == "shoulder" else "hand"
    return f"{AFFECTED if side == 'both' else side}_{part}"


def _body_part(exercise: Exercise) -> str:
    """Where an exercise is felt, for notes: ``wrist``, ``hand``, ``shoulder`` or ``neck``."""
    return {"fingers": "hand"}.get(exercise.region, exercise.region)


def _flare_target(
    routines: list[Routine], exercises: dict[str, Exercise]
) -> tuple[str, str] | None:
    """A loaded, per-side exercise (and its routine) for the flare-up, loads before ladders."""
    found = [
        (exercises[s.exercise_id].dose.load is None, routine.id, s.exercise_id)
        for routine in routines
        for s in routine.steps
        if exercises[s.exercise_id].per_side
        and exercises[s.exercise_id].loadable
        and (exercises[s.exercise_id].dose.load is not None or exercises[s.exercise_id].dose.level)
    ]
    if not found:
        return None
    _, routine_id, exercise_id = min(found, key=lambda f: f[0])  # stable: first in routine order
    return routine_id, exercise_id


# ---- the simulation ----------------------------------------------------------------------------
class _Story:
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
        self.mobility = {r.id: _is_mobility(r, exercises) for r in usable}
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
        self.plan = _make_plan(self.rng, days, self.due, _flare_target(self.routines, exercises))
        self.symptoms = _Symptoms(self.rng, days, self.plan)
        self.tracks: dict[str, _Track] = {}
        self.rows = _Rows()
        self.yesterday: _Done | None = None
        self.morning_pain: deque[int] = deque(maxlen=7)
        self.flare_pain = 0

    # -- time --------------------------------------------------------------------------------
    def at(self, i: int, hour: int, minute: int = 0) -> datetime:
        day = self.day0 + timedelta(days=i)
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def later(self, moment: datetime, lo: int, hi: int) -> datetime:
        return moment + timedelta(seconds=self.rng.randint(lo, hi))

    # -- driving -----------------------------------------------------------------------------
    def write(self, conn: Connection, progress: Progress | None) -> None:
        self.rows.start_after_existing(conn)
        self._write_profile(conn)
        self._initial_doses()
        if progress:
            progress(0, self.days)
        for i in range(self.days):
            self._day(i)
            if (i + 1) % CHUNK_DAYS == 0 or i == self.days - 1:
                self.rows.flush(conn)
                if progress:
                    progress(i + 1, self.days)

    def summary(self) -> DemoSummary:
        c = self.rows.counts
        return DemoSummary(
            self.days, c["sessions"], c["sets"], c["checkins"], c["doses"], c["red_flags"]
        )

    def _write_profile(self, conn: Connection) -> None:
        created = stamp(self.at(0, 6, 20))
        conn.execute(delete(T_PROFILE))
        conn.execute(
            insert(T_PROFILE),
            {
                "id": 1, "affected_side": AFFECTED,
                "onset_date": (self.day0 - timedelta(days=60)).isoformat(),
                "cleared_for_strength": True, "units": "kg", "count_seconds": 1.0, "bell": False,
                "safety_ack_at": created, "enabled_exercises": "", "created_at": created,
            },
        )  # fmt: skip

    def _initial_doses(self) -> None:
        since = self.at(0, 6, 30)
        for routine in self.routines:
            for _, ex in self.steps[routine.id]:
                if ex.id not in self.tracks:
                    ceiling = ex.dose.load * LOAD_CEILING if ex.dose.load is not None else None
                    self.tracks[ex.id] = _Track(ex, ex.dose, ceiling, gap=self.rng.randint(10, 21))
                    self._dose_row(ex.id, ex.dose, since, "Starting dose: the catalogue's default")

    def _dose_row(self, exercise_id: str, dose: Dose, since: datetime, reason: str) -> None:
        self.rows.add(
            "doses", exercise_id=exercise_id, sets=dose.sets, reps=dose.reps,
            reps_lo=dose.reps_lo, reps_hi=dose.reps_hi, hold_s=dose.hold_s, load=dose.load,
            unit=dose.unit, ladder=dose.ladder, level=dose.level, since=stamp(since), reason=reason,
        )  # fmt: skip

    # -- a day -------------------------------------------------------------------------------
    def _day(self, i: int) -> None:
        weekend = (self.day0 + timedelta(days=i)).weekday() >= 5
        wake = self.later(self.at(i, 7 if weekend else 6, 40), 0, 45 * 60)
        self._next_morning(i, wake)
        if i - 1 in self.plan.flares:
            self._step_back(i, self.later(wake, 120, 600))
        morning = self.later(wake, 5 * 60, 25 * 60)
        evening = self.later(self.at(i, 16 if weekend else 17, 30), 0, 150 * 60)
        done: _Done | None = None
        for routine in self.routines:
            if i not in self.due[routine.id] or not self._keeps(i, routine):
                continue
            mobility = self.mobility[routine.id]
            start = morning if mobility else evening
            end, finished = self._session(i, routine, start)
            if mobility:
                morning = self.later(end, 10 * 60, 40 * 60)
            else:
                evening = self.later(end, 30 * 60, 90 * 60)
            done = finished or done
        self.yesterday = done
        if self.rng.random() < 0.035:
            self._ad_hoc(i)
        if i == self.plan.flag_day:
            self._red_flag(i)

    def _keeps(self, i: int, routine: Routine) -> bool:
        """Whether the routine due on day i gets done (about 85 % of the time)."""
        mobility = self.mobility[routine.id]
        if routine.id == self.plan.flare_routine and i in self.plan.flares:
            return True
        if i == self.days - 1 and not self.plan.flag_rest(i):
            return True  # yesterday was kept: a live streak and a next-morning check-in to give
        if not mobility and (
            self.plan.flag_rest(i) or (i - 1 in self.plan.flares and self.rng.random() < 0.7)
        ):
            return False
        if i in self.plan.bad_days:
            skip = 0.5 if mobility else 0.75
        else:
            skip = 0.09 if mobility else 0.11
        return self.rng.random() >= skip

    # -- a session ---------------------------------------------------------------------------
    def _session(self, i: int, routine: Routine, start: datetime) -> tuple[datetime, _Done | None]:
        strength = not self.mobility[routine.id]
        session_id = self.rows.new_id("sessions")
        regions = self.regions[routine.id]
        steps = self.steps[routine.id]
        self._progressions(i, steps, start)
        flare = routine.id == self.plan.flare_routine and i in self.plan.flares
        asks = strength or self.rng.random() < 0.5
        abandon = None
        if strength and not flare and len(steps) > 1 and self.rng.random() < 0.015:
            abandon = self.rng.randrange(1, len(steps))
        t = start
        if asks:
            t = self.later(t, 30, 80)
            self._checkins(t, i, session_id, "before", regions)
        for k, (step, ex) in enumerate(steps):
            t = self._exercise(
                i, session_id, step.sets, step.rest_s, ex, t, flare, stop=k == abandon
            )
            if k == abandon:
                break
            t = self.later(t, 15, 40)
        note = ""
        if abandon is not None:
            status, end = "abandoned", self.later(t, 20, 60)
            note = f"Stopped early: tingling in the {AFFECTED} hand."
        else:
            status = "completed"
            if asks and self.rng.random() < 0.95:
                t = self.later(t, 20, 60)
                self._checkins(
                    t, i, session_id, "after", regions, self._after_bump(strength, flare)
                )
            end = self.later(t, 5, 30)
            if flare:
                ex = self.catalogue.exercises[self.plan.flare_exercise or ""]
                where = f"{AFFECTED.capitalize()} {_body_part(ex)}"
                note = f"{where} flared up during {ex.name.lower()}; stopped the last set."
            elif strength and self.rng.random() < 0.08:
                note = self.rng.choice(SESSION_NOTES)
        self.rows.put(
            "sessions", session_id, routine_id=routine.id, routine_name=routine.name,
            started_at=stamp(start), ended_at=stamp(end), local_day=start.date().isoformat(),
            status=status, note=note,
        )  # fmt: skip
        finished = _Done(session_id, regions, strength) if status == "completed" else None
        return end, finished

    def _after_bump(self, strength: bool, flare: bool) -> Callable[[str], tuple[float, ...]]:
        def bump(region: str) -> tuple[float, ...]:
            if flare and region.startswith(AFFECTED):
                return (3.0, 0.8, 2.0, 1.0) if region.endswith("hand") else (1.5, 0.3, 1.0, 0.5)
            return (0.5, 0.0, 0.3, 0.3) if strength else (-0.6, -0.1, -0.3, -0.1)

        return bump

    def _exercise(
        self, i: int, session_id: int, step_sets: int | None, rest_s: int, ex: Exercise,
        t: datetime, flare: bool, *, stop: bool,
    ) -> datetime:  # fmt: skip
        """Log every set of one exercise (both sides, affected first); returns the time after."""
        track = self.tracks[ex.id]
        dose = track.dose
        n_sets = step_sets or dose.sets
        sides = (AFFECTED, UNAFFECTED) if ex.per_side else ("both",)
        flaring = flare and ex.id == self.plan.flare_exercise
        forms = {side: self._form(i, ex, side, dose) for side in sides}
        rep_s = sum(p.counts for p in ex.tempo) or 2
        met, max_pain = True, 0
        for n in range(1, n_sets + 1):
            for side in sides:
                good, load = forms[side]
                row = self._set_values(i, ex, dose, side, n, n_sets, good, flaring)
                if load != dose.load and n == 1 and not row["note"]:
                    row["note"] = f"Lighter weight on the {side}."
                if stop:
                    row.update(stop_reason="tingling", note="Tingling in the fingers; stopped.")
                    row["reps"] = max(0, row["reps"] - 3)
                seconds = 3 + (row["reps"] or 1) * rep_s
                if ex.measure == "hold" and row["hold_s"]:
                    seconds += int(row["hold_s"]) * max(1, row["reps"] or 1)
                t += timedelta(seconds=seconds)
                logged = self.later(t, 3, 10)
                t = self.later(logged, 6, 15) if side != sides[-1] else logged
                self.rows.add(
                    "sets", session_id=session_id, exercise_id=ex.id, exercise_name=ex.name,
                    side=side, set_number=n, load=load, level=dose.level, logged_at=stamp(logged),
                    load_unit=dose.unit if load is not None else None, **row,
                )  # fmt: skip
                met = met and self._met(row, dose, load)
                max_pain = max(max_pain, row["pain_during"])
                if stop:
                    track.recent.append((False, max_pain))
                    return t
            if n < n_sets:
                t += timedelta(seconds=rest_s)
        track.recent.append((met, max_pain))
        if flaring:
            self.flare_pain = max_pain
        return t

    def _form(self, i: int, ex: Exercise, side: str, dose: Dose) -> tuple[bool, float | None]:
        """Whether this side meets every target today, and the load it uses.

        The affected side has fewer good days early on and sometimes drops one increment.
        """
        if side == AFFECTED:
            good = self.rng.random() < 0.4 + 0.45 * (1 - math.exp(-i / 150))
        else:
            good = self.rng.random() < 0.97
        load = dose.load
        if side == AFFECTED and not good and load is not None and self.rng.random() < 0.4:
            step = MIN_INCREMENT[dose.unit or "kg"]
            load = round(load - step, 2) if load - step >= step else load
        return good, load

    def _set_values(
        self,
        i: int,
        ex: Exercise,
        dose: Dose,
        side: str,
        n: int,
        n_sets: int,
        good: bool,
        flaring: bool,
    ) -> dict[str, Any]:
        """Target and actual reps/hold, effort, pain during and stop reason of one set."""
        rng = self.rng
        has_hold = ex.measure in ("hold", "reps+hold") and dose.hold_s is not None
        short = 0
        if not good and rng.random() < 0.5 + 0.15 * (n - 1):
            short = rng.choice((1, 2, 2, 3))
        mobility = ex.kind in MOBILITY_KINDS
        level = self.symptoms.pain(_set_region(ex, side), i)
        pain = level * (0.25 if mobility else 0.4) + rng.gauss(0, 0.5) + 0.15 * (n - 1)
        if side == AFFECTED and ex.loadable:
            pain += 0.3
        stop_reason, note = "none", ""
        if flaring and side == AFFECTED:
            pain, short = 5.5 + n, n + 1
            if n == n_sets:
                stop_reason, note = "pain", f"Sharp pain in the {_body_part(ex)}; stopped."
        elif short >= 2 and n == n_sets and not mobility and rng.random() < 0.4:
            stop_reason = "fatigue"
        effort = (
            (2 if mobility else 4.5) + (1 if side == AFFECTED else 0) + 0.4 * (n - 1) + 0.8 * short
        )
        reps_short = 0 if ex.measure == "hold" else short
        hold_short = 2 * short if ex.measure == "hold" else min(short, 1)
        return {
            "target_reps": dose.reps,
            "reps": max(0, dose.reps - reps_short),
            "target_hold_s": float(dose.hold_s) if has_hold else None,
            "hold_s": float(max(1, dose.hold_s - hold_short)) if has_hold else None,  # type: ignore[operator]
            "effort": _score(effort + rng.gauss(0, 0.8)),
            "pain_during": _score(pain),
            "stop_reason": stop_reason,
            "note": note,
        }

    @staticmethod
    def _met(row: dict[str, Any], dose: Dose, load: float | None) -> bool:
        if row["reps"] < row["target_reps"] or load != dose.load:
            return False
        return row["hold_s"] is None or row["hold_s"] >= row["target_hold_s"]

    # -- check-ins ---------------------------------------------------------------------------
    def _checkins(
        self, when: datetime, i: int, session_id: int | None, context: str,
        regions: tuple[str, ...], bump: Callable[[str], tuple[float, ...]] | None = None,
        notes: dict[str, str] | None = None,
    ) -> dict[str, dict[str, int]]:  # fmt: skip
        recorded, day = stamp(when), when.date().isoformat()
        readings = {}
        for region in regions:
            values = self.symptoms.reading(region, i, bump(region) if bump else (0, 0, 0, 0))
            readings[region] = values
            self.rows.add(
                "checkins", recorded_at=recorded, local_day=day, session_id=session_id,
                context=context, region=region, note=(notes or {}).get(region, ""), **values,
            )  # fmt: skip
        return readings

    def _next_morning(self, i: int, when: datetime) -> None:
        """Ratings on waking, linked to yesterday's last completed session."""
        done = self.yesterday
        after_flare = i - 1 in self.plan.flares
        if done is None or (not after_flare and self.rng.random() < 0.1):
            return
        extra = (0.3, 0.0, 0.2, 0.0) if done.strength else (0.0, 0.0, 0.0, 0.0)
        hand = f"{AFFECTED}_hand"
        notes = {hand: f"Woke with an aching {AFFECTED} hand and wrist."} if after_flare else None
        readings = self._checkins(
            when, i, done.session_id, "next_morning", done.regions, lambda _r: extra, notes
        )
        if hand in readings:
            self.morning_pain.append(readings[hand]["pain"])

    def _ad_hoc(self, i: int) -> None:
        region, note = self.rng.choice(AD_HOC_NOTES)
        when = self.later(self.at(i, 12, 30), 0, 4 * 3600)
        self._checkins(
            when, i, None, "ad_hoc", (region,), lambda _r: (1.0, 0.3, 0.8, 0.5), {region: note}
        )

    def _red_flag(self, i: int) -> None:
        when = self.later(self.at(i, 21, 10), 0, 40 * 60)
        hand = f"{AFFECTED}_hand"
        note = f"Numbness spreading into the {AFFECTED} ring and little fingers; booked a GP visit."
        self._checkins(
            when, i, None, "ad_hoc", (hand,), lambda _r: (0.5, 3.0, 2.0, 1.0), {hand: note}
        )
        resolved = self.later(self.at(i + 3, 10, 0), 0, 90 * 60)
        note += " GP review: nerve irritation settling, fine to carry on gently."
        self.rows.add(
            "red_flags", reported_at=stamp(when), flag="spreading-numbness", severity="soon",
            note=note, resolved_at=stamp(resolved),
        )  # fmt: skip

    # -- doses over time ---------------------------------------------------------------------
    def _progressions(self, i: int, steps: list, start: datetime) -> None:
        """Accept a 2-for-2 progression for each exercise of the routine that earned one."""
        if self.plan.holds_doses(i):
            return
        changed = 0
        for ex in dict.fromkeys(ex for _, ex in steps):
            track = self.tracks[ex.id]
            new = (
                next_dose(ex, track.dose, self.catalogue.ladders, track.ceiling)
                if track.ready(i)
                else None
            )
            if new is None:
                continue
            if changed == MAX_PROGRESSIONS:
                break
            changed += 1
            reason = progress_reason(track.dose, new, max(p for _, p in track.recent))
            track.tolerated.append(track.dose)
            gap = (10, 21) if i < 365 else (21, 56)
            self._change(i, track, new, self.later(start, -600, -60), reason, gap=gap)

    def _change(
        self,
        i: int,
        track: _Track,
        new: Dose,
        since: datetime,
        reason: str,
        *,
        gap: tuple[int, int],
    ) -> None:
        track.dose, track.changed = new, i
        track.recent.clear()
        track.gap = self.rng.randint(*gap)
        self._dose_row(track.exercise.id, new, since, reason)

    def _step_back(self, i: int, when: datetime) -> None:
        """REGRESS the morning after a flare: back to the last tolerated dose."""
        track = self.tracks.get(self.plan.flare_exercise or "")
        if track is None:
            return
        flare_day = self.day0 + timedelta(days=i - 1)
        morning = self.morning_pain[-1] if self.morning_pain else 0
        baseline = statistics.median(list(self.morning_pain)[:-1] or [0])
        if track.tolerated:
            new, how = track.tolerated.pop(), "the last tolerated dose"
        else:
            new, how = step_down(track.dose, self.catalogue.ladders), "one step down"
        reason = (
            f"REGRESS: pain during {self.flare_pain} in {track.exercise.name} "
            f"on {flare_day.isoformat()} (above 5), "
            f"next-morning {AFFECTED}-hand pain {morning} (baseline {baseline:g})"
            f" → back to {show_dose(new)}, {how}"
        )
        self._change(i, track, new, when, reason, gap=(14, 21))
