"""The reads that feed the rules: what History, Today, ``suggest`` and ``report`` need — no more.

The decisions are pure functions (``journal/rules/``); this module only reads their inputs,
with aggregates done in SQL and windows kept to what is shown (``gather.py`` puts them together):

* streaks need the whole history, but only as (routine, day) pairs of sessions, the
  (exercise, day) pairs with pain during > 5, red flags and next-morning ratings —
  a few thousand small rows for ten years;
* suggestions need each exercise's sessions of the last 8 days and of its last two days (read
  newest-first through the ``(exercise_id, logged_at)`` index) and the check-ins around them;
* charts and the side table read per-session aggregates (``GROUP BY`` session, exercise, side)
  over the chart window only.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import text

from catalogue.models import Catalogue, Exercise, Routine
from journal.records import CheckinRec, DecisionRec, DoseRec, ProfileRec, SetRec
from journal.rules.advice import flag_days, regress_days
from journal.rules.doses import effective_dose
from journal.rules.history import MEASURED_STOPS, SeriesPoint
from journal.rules.streaks import Calendar
from journal.rules.evidence import Evidence, ExerciseSession, Situation
from journal.rules.mornings import SessionTimes, valid_mornings
from journal.rules.suggest import acute_state
from journal.store.engine import translate_errors

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: ``journal.api.Journal`` — not imported, even for type checking: the store sits under the API.
Journal = Any

HEAT_WEEKS = 16
ADHERENCE_WEEKS = 8
CHART_WEEKS = 52
SIDE_WEEKS = 8
#: Enough rows to reach any exercise's last two days (a day rarely holds more than a few sessions).
_RECENT_ROWS = 2000

_CHECKIN_COLS = "id, recorded_at, local_day, session_id, context, region, pain, numbness, tingling, weakness, note"
_SET_COLS = (
    "t.id, t.session_id, t.exercise_id, t.exercise_name, t.side, t.set_number, t.target_reps, "
    "t.reps, t.target_hold_s, t.hold_s, t.load, t.load_unit, t.level, t.effort, t.pain_during, "
    "t.stop_reason, t.logged_at, t.note"
)


@contextmanager
def _connect(journal: "Journal") -> Iterator["Connection"]:
    with translate_errors(journal.path), journal.engine.connect() as conn:
        yield conn


def _all(conn: "Connection", sql: str, **params: Any) -> list[Any]:
    """All rows of a query at once (far cheaper than row-by-row for thousands of rows)."""
    return conn.execute(text(sql), params).fetchall()


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _checkin(row: Any) -> CheckinRec:
    """A row selected with ``_CHECKIN_COLS`` (in CheckinRec's field order)."""
    return CheckinRec(row[0], row[1], date.fromisoformat(row[2]), *row[3:])


# ---- what is judged ------------------------------------------------------------------------------
def judged_exercises(
    catalogue: Catalogue, profile: ProfileRec, current: dict[str, DoseRec]
) -> list[Exercise]:
    """Exercises in a routine, enabled optional ones, and any with a dose of their own; in routine order."""
    order: dict[str, None] = {}
    for routine in catalogue.routines.values():
        for step in routine.steps:
            order[step.exercise_id] = None
    for exercise_id in sorted(profile.enabled_exercises) + sorted(current):
        order[exercise_id] = None
    return [catalogue.exercises[i] for i in order if i in catalogue.exercises]


# ---- check-ins ------------------------------------------------------------------------------------
def mornings(conn: "Connection") -> list[CheckinRec]:
    """Every next-morning check-in that counts (inside its session's window), oldest first."""
    rows = _all(
        conn,
        f"SELECT {', '.join('c.' + c.strip() for c in _CHECKIN_COLS.split(','))}, "
        "s.local_day, s.ended_at FROM checkins c LEFT JOIN sessions s ON s.id = c.session_id "
        "WHERE c.context = 'next_morning' ORDER BY c.local_day, c.id",
    )
    times = {
        r[3]: SessionTimes(date.fromisoformat(r[11]), r[12]) for r in rows if r[3] is not None and r[11]
    }
    return valid_mornings([_checkin(r[:11]) for r in rows], times)


def baseline_fallback(conn: "Connection") -> list[CheckinRec]:
    """Before-session ratings that may stand in for a baseline (SPEC §5): only those older than
    their region's first next-morning rating — after it there always is a morning to use."""
    rows = _all(
        conn,
        f"SELECT {_CHECKIN_COLS} FROM checkins c WHERE context = 'before' AND local_day < "
        "COALESCE((SELECT MIN(m.local_day) FROM checkins m "
        "WHERE m.context = 'next_morning' AND m.region = c.region), '9999-12-31')",
    )
    return [_checkin(r) for r in rows]


# ---- the calendar (streaks, adherence, heat map) -------------------------------------------------
def _routine_exercises(routine: Routine) -> set[str]:
    return {s.exercise_id for s in routine.steps}


def calendar(
    conn: "Connection",
    journal: "Journal",
    catalogue: Catalogue,
    profile: ProfileRec,
    today: date,
    morning_recs: list[CheckinRec],
    befores: list[CheckinRec] | None = None,
) -> Calendar:
    sessions = _all(conn, "SELECT DISTINCT routine_id, local_day, status FROM sessions WHERE local_day <= :t", t=today.isoformat())
    completed = frozenset((r, date.fromisoformat(d)) for r, d, st in sessions if st == "completed")
    start = conn.execute(text("SELECT MIN(local_day) FROM sessions")).scalar()
    done_days: dict[str, set[date]] = defaultdict(set)
    for routine_id, day, _status in sessions:
        routine = catalogue.routines.get(routine_id)
        for exercise_id in _routine_exercises(routine) if routine else ():
            done_days[exercise_id].add(date.fromisoformat(day))
    pain_days: dict[str, set[date]] = defaultdict(set)
    for exercise_id, day in _all(
        conn,
        "SELECT DISTINCT t.exercise_id, s.local_day FROM sets t JOIN sessions s ON s.id = t.session_id "
        "WHERE t.pain_during > 5",
    ):
        pain_days[exercise_id].add(date.fromisoformat(day))
        done_days[exercise_id].add(date.fromisoformat(day))
    strength = frozenset(
        r.id
        for r in catalogue.routines.values()
        if any(
            catalogue.exercises.get(s.exercise_id) and catalogue.exercises[s.exercise_id].loadable
            for s in r.steps
        )
    )
    acute = acute_state(profile)
    return Calendar(
        routines=tuple(catalogue.routines.values()),
        completed=completed,
        start=date.fromisoformat(start) if start else None,
        advised_rest=flag_days(journal.red_flags(), today),
        regress_days=regress_days(
            catalogue.exercises.values(), done_days, pain_days, morning_recs, today,
            befores if befores is not None else baseline_fallback(conn),
        ),  # fmt: skip
        acute_until=None if acute is None else (acute[1] or date.max),
        strength_routines=strength,
    )


# ---- suggestions ---------------------------------------------------------------------------------
#: Days of sessions read for ``hold.regressed`` (the last 7 days and the one before them).
_RECENT_DAYS = 8


def _recent_sessions(conn: "Connection", exercise_id: str, today: date, days: int = 2) -> list[ExerciseSession]:
    """The sessions with a set of the exercise on the last ``days`` days it was done, and on
    any day of the last 8."""
    ids: list[int] = []
    seen: set[str] = set()
    recent = (today - timedelta(days=_RECENT_DAYS)).isoformat()
    for session_id, day in conn.execute(
        text(
            "SELECT t.session_id, s.local_day FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.exercise_id = :e ORDER BY t.logged_at DESC, t.id DESC LIMIT :limit"
        ),
        {"e": exercise_id, "limit": _RECENT_ROWS},
    ):
        if day not in seen:
            if len(seen) >= days and day < recent:
                break
            seen.add(day)
        if session_id not in ids:
            ids.append(session_id)
    if not ids:
        return []
    rows = _all(
        conn,
        f"SELECT {_SET_COLS}, s.local_day AS day, s.started_at AS started_at, s.ended_at AS ended_at, "
        f"s.status AS status "
        f"FROM sets t JOIN sessions s ON s.id = t.session_id "
        # `+t.exercise_id`: look the few sessions up by id (ix_sets_session), not every set the
        # exercise ever had (ix_sets_exercise_logged, which SQLite would otherwise pick).
        f"WHERE +t.exercise_id = :e AND t.session_id IN ({','.join(str(int(i)) for i in ids)}) "
        f"ORDER BY t.id",
        e=exercise_id,
    )
    grouped: dict[int, list[Any]] = defaultdict(list)
    for r in rows:
        grouped[r.session_id].append(r)
    extra = ("day", "started_at", "ended_at", "status")
    out = []
    for session_id, recs in grouped.items():
        sets = tuple(SetRec(**{k: v for k, v in r._mapping.items() if k not in extra}) for r in recs)
        day = date.fromisoformat(recs[0].day)
        out.append(ExerciseSession((session_id,), day, recs[0].started_at, sets, recs[0].ended_at,
                                   recs[0].status == "completed"))
    out.sort(key=lambda s: (s.started_at, s.session_ids))
    return out


def evidence(
    conn: "Connection",
    journal: "Journal",
    catalogue: Catalogue,
    profile: ProfileRec,
    today: date,
    morning_recs: list[CheckinRec],
    befores: list[CheckinRec] | None = None,
) -> tuple[list[Evidence], Situation]:
    current = journal.current_doses()
    rows: dict[str, list[DoseRec]] = defaultdict(list)
    for rec in journal.dose_history():
        rows[rec.exercise_id].append(rec)
    decided: dict[str, list[DecisionRec]] = defaultdict(list)
    for rec in journal.decisions():
        decided[rec.exercise_id].append(rec)
    out = []
    session_ids: set[int] = set()
    for ex in judged_exercises(catalogue, profile, current):
        sessions = _recent_sessions(conn, ex.id, today)
        session_ids.update(i for s in sessions for i in s.session_ids)
        out.append(
            Evidence(
                exercise=ex,
                dose=effective_dose(ex, current),
                dose_rows=tuple(rows.get(ex.id, ())),
                sessions=tuple(sessions),
                decisions=tuple(decided.get(ex.id, ())),
            )
        )
    around: list[CheckinRec] = []
    if session_ids:
        ids = ",".join(str(int(i)) for i in sorted(session_ids))
        sql = (
            f"SELECT {_CHECKIN_COLS} FROM checkins "
            f"WHERE context IN ('before', 'after') AND session_id IN ({ids})"
        )
        around = [_checkin(r) for r in _all(conn, sql)]
    fallback = befores if befores is not None else baseline_fallback(conn)
    checkins = tuple(morning_recs) + tuple(around) + tuple(fallback)
    flags = tuple(journal.red_flags())
    situation = Situation(
        today=today,
        profile=profile,
        open_flags=tuple(f for f in flags if f.resolved_at is None),
        checkins=tuple({c.id: c for c in checkins}.values()),
        ladders=catalogue.ladders,
        flags=flags,
        mornings_checked=True,  # ``mornings`` keeps only those that count
    )
    return out, situation


# ---- charts and the side table -------------------------------------------------------------------
def series_points(conn: "Connection", since: date, until: date, *, measured_only: bool = False) -> list[SeriesPoint]:
    """Per (session, exercise, side) aggregates in the window, oldest first (as summarise_sets).

    ``measured_only``: only sets that measure strength (the side comparison), leaving out a set
    ended for a symptom (``journal.rules.history.MEASURED_STOPS``)."""
    measured = (" AND COALESCE(t.stop_reason, 'none') IN (" + ", ".join(f"'{r}'" for r in MEASURED_STOPS) + ")"
                if measured_only else "")  # fmt: skip
    rows = _all(
        conn,
        "SELECT t.session_id, s.local_day, t.exercise_id, t.side, COUNT(*) AS sets, "
        "AVG(t.reps) AS reps, AVG(t.hold_s) AS hold_s, "
        # loads in kg whatever unit each set was logged in (the chart shows the user's unit)
        "MAX(CASE WHEN t.load_unit = 'lb' THEN t.load * 0.45359237 ELSE t.load END) AS load, "
        "MAX(t.level) AS level, MAX(t.pain_during) AS pain "
        "FROM sets t JOIN sessions s ON s.id = t.session_id "
        "WHERE s.local_day >= :since AND s.local_day <= :until" + measured + " "
        "GROUP BY t.session_id, t.exercise_id, t.side "
        "ORDER BY s.local_day, t.session_id, t.exercise_id, t.side",
        since=since.isoformat(),
        until=until.isoformat(),
    )
    return [
        SeriesPoint(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
        for r in rows
    ]


