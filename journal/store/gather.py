"""Read from the journal what History, Today, ``suggest`` and ``report`` need — and no more.

The decisions are pure functions (``journal/rules/history.py``, ``journal/rules/progression.py``); this module
only gathers their inputs, with aggregates done in SQL and windows kept to what is shown:

* streaks need the whole history, but only as (routine, day) pairs of completed sessions, the
  days a dose was stepped back, days with pain during > 5, red flags and next-morning ratings —
  a few thousand small rows for ten years;
* suggestions need each exercise's last two sessions (read newest-first through the
  ``(exercise_id, logged_at)`` index) and the check-ins around them;
* charts and the side table read per-session aggregates (``GROUP BY`` session, exercise, side)
  over the chart window only.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import text

from catalogue.models import Catalogue, Dose, Exercise
from journal.rules.doses import effective_dose
from journal.rules.history import (
    ACUTE_WEEKS,
    Calendar,
    Day,
    SeriesPoint,
    SideWeek,
    Streak,
    Week,
    advised_rest_days,
    day_streak,
    days,
    monday,
    side_ratios,
    week_streak,
    weekly_adherence,
)
from journal.rules.history import weeks as weeks_between
from journal.rules.progression import Evidence, ExerciseSession, Situation, Suggestion, suggest_all
from journal.records import CheckinRec, DecisionRec, DoseRec, ProfileRec, RedFlagRec, SetRec
from journal.store.engine import translate_errors

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from journal.api import Journal

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


# ---- the calendar (streaks, adherence, heat map) -------------------------------------------------
def mornings(conn: "Connection") -> list[CheckinRec]:
    """Every next-morning check-in (used for protected days and for baselines)."""
    sql = f"SELECT {_CHECKIN_COLS} FROM checkins WHERE context = 'next_morning' ORDER BY local_day, id"
    return [_checkin(r) for r in _all(conn, sql)]


def calendar(
    conn: "Connection",
    journal: "Journal",
    catalogue: Catalogue,
    profile: ProfileRec,
    today: date,
    morning_recs: list[CheckinRec],
) -> Calendar:
    completed = frozenset(
        (routine_id, date.fromisoformat(day))
        for routine_id, day in _all(
            conn,
            "SELECT DISTINCT routine_id, local_day FROM sessions "
            "WHERE status = 'completed' AND local_day <= :today",
            today=today.isoformat(),
        )
    )
    start = conn.execute(text("SELECT MIN(local_day) FROM sessions")).scalar()
    regress_days = [
        _day(r[0])
        for r in _all(
            conn,
            "SELECT since FROM doses WHERE reason LIKE 'REGRESS%' "
            "UNION ALL SELECT local_day FROM decisions WHERE rule LIKE 'regress%'",
        )
    ]
    high_pain = [
        date.fromisoformat(r[0])
        for r in _all(
            conn,
            "SELECT DISTINCT s.local_day FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.pain_during > 5",
        )
    ]
    advised = advised_rest_days(
        today=today,
        flags=journal.red_flags(),
        regress_days=regress_days,
        high_pain_days=high_pain,
        mornings=morning_recs,
    )
    strength = frozenset(
        r.id
        for r in catalogue.routines.values()
        if any(
            catalogue.exercises.get(s.exercise_id) and catalogue.exercises[s.exercise_id].loadable
            for s in r.steps
        )
    )
    acute_until = None
    if profile.onset_date is not None and not profile.cleared_for_strength:
        acute_until = profile.onset_date + timedelta(weeks=ACUTE_WEEKS)
    return Calendar(
        routines=tuple(catalogue.routines.values()),
        completed=completed,
        start=date.fromisoformat(start) if start else None,
        advised_rest=advised,
        acute_until=acute_until,
        strength_routines=strength,
    )


# ---- suggestions ---------------------------------------------------------------------------------
def _recent_sessions(conn: "Connection", exercise_id: str, days: int = 2) -> list[ExerciseSession]:
    """The sessions with a set of the exercise on the last ``days`` days it was done."""
    ids: list[int] = []
    seen: set[str] = set()
    for session_id, day in conn.execute(
        text(
            "SELECT t.session_id, s.local_day FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.exercise_id = :e ORDER BY t.logged_at DESC, t.id DESC LIMIT :limit"
        ),
        {"e": exercise_id, "limit": _RECENT_ROWS},
    ):
        if day not in seen:
            if len(seen) == days:
                break
            seen.add(day)
        if session_id not in ids:
            ids.append(session_id)
    if not ids:
        return []
    rows = _all(
        conn,
        f"SELECT {_SET_COLS}, s.local_day AS day, s.started_at AS started_at FROM sets t "
        f"JOIN sessions s ON s.id = t.session_id "
        # `+t.exercise_id`: look the few sessions up by id (ix_sets_session), not every set the
        # exercise ever had (ix_sets_exercise_logged, which SQLite would otherwise pick).
        f"WHERE +t.exercise_id = :e AND t.session_id IN ({','.join(str(int(i)) for i in ids)}) "
        f"ORDER BY t.id",
        e=exercise_id,
    )
    grouped: dict[int, list[Any]] = defaultdict(list)
    for r in rows:
        grouped[r.session_id].append(r)
    out = []
    for session_id, recs in grouped.items():
        sets = tuple(
            SetRec(**{k: v for k, v in r._mapping.items() if k not in ("day", "started_at")})
            for r in recs
        )
        day = date.fromisoformat(recs[0].day)
        out.append(ExerciseSession((session_id,), day, recs[0].started_at, sets))
    out.sort(key=lambda s: (s.started_at, s.session_ids))
    return out


def _baseline_fallback(conn: "Connection") -> list[CheckinRec]:
    """Before-session ratings that may stand in for a baseline (SPEC §5): only those older than
    their region's first next-morning rating — after it there always is a morning to use."""
    rows = _all(
        conn,
        f"SELECT {_CHECKIN_COLS} FROM checkins c WHERE context = 'before' AND local_day < "
        "COALESCE((SELECT MIN(m.local_day) FROM checkins m "
        "WHERE m.context = 'next_morning' AND m.region = c.region), '9999-12-31')",
    )
    return [_checkin(r) for r in rows]


def evidence(
    conn: "Connection",
    journal: "Journal",
    catalogue: Catalogue,
    profile: ProfileRec,
    today: date,
    morning_recs: list[CheckinRec],
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
        sessions = _recent_sessions(conn, ex.id)
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
    checkins = tuple(morning_recs) + tuple(around) + tuple(_baseline_fallback(conn))
    situation = Situation(
        today=today,
        profile=profile,
        open_flags=tuple(journal.red_flags(open_only=True)),
        checkins=tuple({c.id: c for c in checkins}.values()),
        ladders=catalogue.ladders,
    )
    return out, situation


def suggestions(journal: "Journal", catalogue: Catalogue, today: date) -> list[Suggestion]:
    """Today's suggestion for every exercise in use, in routine order."""
    profile = journal.profile()
    with _connect(journal) as conn:
        found, situation = evidence(conn, journal, catalogue, profile, today, mornings(conn))
    return suggest_all(found, situation)


# ---- charts and the side table -------------------------------------------------------------------
def series_points(conn: "Connection", since: date, until: date) -> list[SeriesPoint]:
    """Per (session, exercise, side) aggregates in the window, oldest first (as summarise_sets)."""
    rows = _all(
        conn,
        "SELECT t.session_id, s.local_day, t.exercise_id, t.side, COUNT(*) AS sets, "
        "AVG(t.reps) AS reps, AVG(t.hold_s) AS hold_s, "
        # loads in kg whatever unit each set was logged in (the chart shows the user's unit)
        "MAX(CASE WHEN t.load_unit = 'lb' THEN t.load * 0.45359237 ELSE t.load END) AS load, "
        "MAX(t.level) AS level, MAX(t.pain_during) AS pain "
        "FROM sets t JOIN sessions s ON s.id = t.session_id "
        "WHERE s.local_day >= :since AND s.local_day <= :until "
        "GROUP BY t.session_id, t.exercise_id, t.side "
        "ORDER BY s.local_day, t.session_id, t.exercise_id, t.side",
        since=since.isoformat(),
        until=until.isoformat(),
    )
    return [
        SeriesPoint(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
        for r in rows
    ]


# ---- what History and Today share ----------------------------------------------------------------
@dataclass(frozen=True)
class Basis:
    """What streaks and suggestions are computed from, and the results: a pass over the whole
    history, done once per change of the journal (``Journal.memo``) for Today and History."""

    profile: ProfileRec
    mornings: list[CheckinRec]
    calendar: Calendar
    situation: Situation
    day_streak: Streak
    week_streak: Streak
    suggestions: list[Suggestion]


def compute_basis(journal: "Journal", catalogue: Catalogue, today: date) -> Basis:
    """Computed now, from the journal as it is (no memo)."""
    profile = journal.profile()
    with _connect(journal) as conn:
        morning_recs = mornings(conn)
        cal = calendar(conn, journal, catalogue, profile, today, morning_recs)
        found, situation = evidence(conn, journal, catalogue, profile, today, morning_recs)
    return Basis(
        profile=profile,
        mornings=morning_recs,
        calendar=cal,
        situation=situation,
        day_streak=day_streak(cal, today),
        week_streak=week_streak(cal, today),
        suggestions=suggest_all(found, situation),
    )


def _basis(journal: "Journal", catalogue: Catalogue, today: date) -> Basis:
    return journal.memo("history-basis", (today, catalogue), lambda: compute_basis(journal, catalogue, today))


# ---- everything the History screen shows ---------------------------------------------------------
@dataclass(frozen=True)
class HistoryView:
    today: date
    profile: ProfileRec
    names: dict[str, str]
    #: Days of the heat map: whole weeks, Monday first, ending with this week's Sunday.
    heat: list[Day]
    weeks: list[Week]
    day_streak: Streak
    week_streak: Streak
    suggestions: list[Suggestion]
    #: Chart window: per-session points of every exercise, and next-morning ratings.
    points: list[SeriesPoint]
    mornings: list[CheckinRec]
    sides: dict[str, list[SideWeek]]
    chart_since: date


def history_view(
    journal: "Journal",
    catalogue: Catalogue,
    today: date,
    *,
    heat_weeks: int = HEAT_WEEKS,
    adherence_weeks: int = ADHERENCE_WEEKS,
    chart_weeks: int = CHART_WEEKS,
    side_weeks: int = SIDE_WEEKS,
) -> HistoryView:
    """Everything the History screen shows, remembered until the journal changes (the app
    works it out in the background once Today is shown, so History opens without the scan).
    Shared: callers must not change the lists in it."""
    windows = (heat_weeks, adherence_weeks, chart_weeks, side_weeks)
    return journal.memo(
        "history-view", (today, catalogue, windows), lambda: compute_history_view(journal, catalogue, today, *windows)
    )


def compute_history_view(
    journal: "Journal", catalogue: Catalogue, today: date,
    heat_weeks: int, adherence_weeks: int, chart_weeks: int, side_weeks: int,
) -> HistoryView:  # fmt: skip
    """``history_view`` worked out now (no memo)."""
    basis = _basis(journal, catalogue, today)
    profile, morning_recs, cal = basis.profile, basis.mornings, basis.calendar
    chart_since = today - timedelta(weeks=chart_weeks)
    with _connect(journal) as conn:
        points = series_points(conn, chart_since, today)
    first = monday(today) - timedelta(weeks=heat_weeks - 1)
    return HistoryView(
        today=today,
        profile=profile,
        names={e.id: e.name for e in catalogue.exercises.values()},
        heat=days(cal, first, monday(today) + timedelta(days=6), today),
        weeks=weekly_adherence(cal, today, adherence_weeks),
        day_streak=basis.day_streak,
        week_streak=basis.week_streak,
        suggestions=basis.suggestions,
        points=points,
        mornings=[m for m in morning_recs if m.local_day >= chart_since],
        sides=side_ratios(points, profile.affected_side, today, side_weeks),
        chart_since=chart_since,
    )


@dataclass(frozen=True)
class TodayView:
    """The History numbers Today shows: streak, this week, suggestions waiting for a decision."""

    day_streak: Streak
    week: Week
    waiting: list[Suggestion]
    stop: bool


def today_view(journal: "Journal", catalogue: Catalogue, today: date) -> TodayView:
    basis = _basis(journal, catalogue, today)
    return TodayView(
        day_streak=basis.day_streak,
        week=weekly_adherence(basis.calendar, today, 1)[-1],
        waiting=[s for s in basis.suggestions if s.status == "pending"],
        stop=bool(basis.situation.open_flags),
    )


# ---- the clinician report ------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportData:
    today: date
    #: First day of the period (a Monday, so the weeks are whole ISO weeks).
    since: date
    profile: ProfileRec
    names: dict[str, str]
    weeks: list[Week]
    day_streak: Streak
    week_streak: Streak
    #: Before, after and next-morning check-ins in the period.
    symptoms: list[CheckinRec]
    #: Exercise id → the dose row in force when the period began (None: the catalogue default).
    dose_at_start: dict[str, DoseRec | None]
    doses_now: dict[str, Dose]
    #: Dose rows written in the period, oldest first.
    changes: list[DoseRec]
    sides: dict[str, list[SideWeek]]
    #: Red flags reported in the period, or still open.
    flags: list[RedFlagRec]
    suggestions: list[Suggestion]


def report_data(
    journal: "Journal", catalogue: Catalogue, today: date, weeks: int = 8
) -> ReportData:
    profile = journal.profile()
    since = monday(today) - timedelta(weeks=weeks - 1)
    with _connect(journal) as conn:
        morning_recs = mornings(conn)
        cal = calendar(conn, journal, catalogue, profile, today, morning_recs)
        found, situation = evidence(conn, journal, catalogue, profile, today, morning_recs)
        points = series_points(conn, since, today)
        symptoms = [
            _checkin(r)
            for r in _all(
                conn,
                f"SELECT {_CHECKIN_COLS} FROM checkins WHERE local_day >= :since "
                "AND local_day <= :today AND context IN ('before', 'after', 'next_morning') "
                "ORDER BY local_day, id",
                since=since.isoformat(),
                today=today.isoformat(),
            )
        ]
    history = journal.dose_history()
    start_of = since.isoformat()
    at_start: dict[str, DoseRec | None] = {}
    for rec in history:
        if rec.since[:10] < start_of:
            at_start[rec.exercise_id] = rec
    judged = [ev.exercise for ev in found]
    flags = [
        f for f in journal.red_flags() if f.reported_at[:10] >= start_of or f.resolved_at is None
    ]
    return ReportData(
        today=today,
        since=since,
        profile=profile,
        names={e.id: e.name for e in catalogue.exercises.values()},
        weeks=weeks_between(cal, since, today),
        day_streak=day_streak(cal, today),
        week_streak=week_streak(cal, today),
        symptoms=symptoms,
        dose_at_start={e.id: at_start.get(e.id) for e in judged},
        doses_now={ev.exercise.id: ev.dose for ev in found},
        changes=[r for r in history if start_of <= r.since[:10] <= today.isoformat()],
        sides=side_ratios(points, profile.affected_side, today, weeks),
        flags=flags,
        suggestions=suggest_all(found, situation),
    )
