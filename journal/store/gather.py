"""What History, Today, ``suggest`` and ``report`` show, put together from ``reads.py``.

The decisions are pure functions (``journal/rules/``); ``journal/store/reads.py`` reads their
inputs, and this module combines them into one view per screen or command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from catalogue.models import Catalogue, Dose
from journal.records import CheckinRec, DoseRec, ProfileRec, RedFlagRec
from journal.rules.advice import MorningAdvice, morning_advice
from journal.rules.history import SeriesPoint, SideWeek, side_ratios
from journal.rules.streaks import Calendar, Day, Streak, Week, day_streak, days, monday, week_streak, weekly_adherence
from journal.rules.streaks import weeks as weeks_between
from journal.rules.suggest import Suggestion, stop_sentence, suggest_all
from journal.store.reads import (
    _CHECKIN_COLS,
    _all,
    _checkin,
    _connect,
    baseline_fallback,
    calendar,
    evidence,
    judged_exercises,
    mornings,
    series_points,
)

if TYPE_CHECKING:
    from journal.api import Journal

HEAT_WEEKS = 16
ADHERENCE_WEEKS = 8
CHART_WEEKS = 52
SIDE_WEEKS = 8


def suggestions(journal: "Journal", catalogue: Catalogue, today: date) -> list[Suggestion]:
    """Today's suggestion for every exercise in use, in routine order."""
    profile = journal.profile()
    with _connect(journal) as conn:
        found, situation = evidence(conn, journal, catalogue, profile, today, mornings(conn))
    return suggest_all(found, situation)


# ---- what History and Today share ----------------------------------------------------------------
@dataclass(frozen=True)
class Basis:
    """What streaks and suggestions are computed from, and the results: a pass over the whole
    history, done once per change of the journal (``Journal.memo``) for Today and History."""

    profile: ProfileRec
    mornings: list[CheckinRec]
    befores: list[CheckinRec]
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
        befores = baseline_fallback(conn)
        cal = calendar(conn, journal, catalogue, profile, today, morning_recs, befores)
        found, situation = evidence(conn, journal, catalogue, profile, today, morning_recs, befores)
    return Basis(
        profile=profile,
        mornings=morning_recs,
        befores=befores,
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
    side_since = monday(today) - timedelta(weeks=side_weeks - 1)
    with _connect(journal) as conn:
        points = series_points(conn, chart_since, today)
        measured = series_points(conn, side_since, today, measured_only=True)  # no symptom-stopped sets
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
        sides=side_ratios(measured, profile.affected_side, today, side_weeks),
        chart_since=chart_since,
    )


@dataclass(frozen=True)
class TodayView:
    """The History numbers Today shows: streak, this week, suggestions waiting for a decision."""

    day_streak: Streak
    week: Week
    waiting: list[Suggestion]
    stop: bool
    #: The morning's advice: which exercises to ease off today, and why (None: nothing to say).
    advice: MorningAdvice | None = None


def today_view(journal: "Journal", catalogue: Catalogue, today: date) -> TodayView:
    basis = _basis(journal, catalogue, today)
    return TodayView(
        day_streak=basis.day_streak,
        week=weekly_adherence(basis.calendar, today, 1)[-1],
        waiting=[s for s in basis.suggestions if s.status == "pending"],
        stop=bool(basis.situation.open_flags),
        advice=morning_advice(
            today,
            basis.mornings,
            [catalogue.exercises[s.exercise_id] for s in basis.suggestions if s.exercise_id in catalogue.exercises],
            basis.befores,
        ),
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
    #: The STOP sentence (the most severe open red flag and what to do), said once; or None.
    stop: str | None = None


def report_data(
    journal: "Journal", catalogue: Catalogue, today: date, weeks: int = 8
) -> ReportData:
    profile = journal.profile()
    since = monday(today) - timedelta(weeks=weeks - 1)
    with _connect(journal) as conn:
        morning_recs = mornings(conn)
        befores = baseline_fallback(conn)
        cal = calendar(conn, journal, catalogue, profile, today, morning_recs, befores)
        found, situation = evidence(conn, journal, catalogue, profile, today, morning_recs, befores)
        points = series_points(conn, since, today, measured_only=True)  # only the side comparison uses them
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
        stop=stop_sentence(situation.open_flags),
    )
