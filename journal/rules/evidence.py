"""What the suggestion rules judge, as plain data, and the symptom index they read it through.

``Evidence`` is one exercise (its dose, dose rows, recent sessions, decisions); ``Situation`` is
what every exercise shares (today, profile, red flags, check-ins). ``journal/store`` reads them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable, Mapping, Sequence

from catalogue.models import Dose, Exercise, Ladder
from catalogue.watched import watched_regions
from journal.clock import parse_stamp
from journal.records import CheckinRec, DecisionRec, DoseRec, ProfileRec, RedFlagRec, SetRec
from journal.rules.baseline import Baselines
from journal.rules.mornings import SessionTimes, in_window, valid_mornings

#: Symptoms a next-morning rise is judged on (REGRESS, SPEC §6 rule 3) and the trend's.
RISE_SYMPTOMS = ("pain", "tingling", "numbness")
TREND_SYMPTOMS = ("pain", "tingling")
#: Mornings needed in each of the two weeks the trend compares.
TREND_MIN_MORNINGS = 3


@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """The sets of one exercise in a journal session — or, once merged, in all of one day's."""

    session_ids: tuple[int, ...]
    day: date
    started_at: str
    sets: tuple[SetRec, ...]
    #: When the session ended (None: unfinished; the last set's time stands in).
    ended_at: str | None = None
    #: False when the session (one of the day's, once merged) was abandoned or never finished:
    #: then fewer sets than the dose is a shortfall, not a routine's choice.
    completed: bool = True

    @property
    def peak_pain(self) -> int:
        """The highest pain during rated; unrated sets count as nothing here (see ``unrated``)."""
        return max((s.pain_during for s in self.sets if s.pain_during is not None), default=0)

    @property
    def unrated(self) -> int:
        return sum(1 for s in self.sets if s.pain_during is None)

    @property
    def end(self) -> datetime:
        stamps = [self.ended_at] if self.ended_at else []
        stamps += [s.logged_at for s in self.sets]
        return max((parse_stamp(t) for t in stamps), default=parse_stamp(self.started_at))


@dataclass(frozen=True)
class Evidence:
    """What the rules need about one exercise."""

    exercise: Exercise
    dose: Dose
    #: This exercise's dose rows, oldest first (the last one is the current dose, if any).
    dose_rows: tuple[DoseRec, ...] = ()
    #: Its sessions of the last 8 days and of the last two days it was done, oldest first.
    sessions: tuple[ExerciseSession, ...] = ()
    decisions: tuple[DecisionRec, ...] = ()


@dataclass(frozen=True)
class Situation:
    """What is shared by every exercise."""

    today: date
    profile: ProfileRec
    open_flags: tuple[RedFlagRec, ...] = ()
    #: Next-morning check-ins (enough for baselines and the last 21 days), and the before/after
    #: check-ins of the sessions in the evidence.
    checkins: tuple[CheckinRec, ...] = ()
    ladders: Mapping[str, Ladder] = field(default_factory=dict)
    #: Every red flag, reviewed ones too (a session done while one was open does not qualify).
    flags: tuple[RedFlagRec, ...] = ()
    #: When the sessions that next-morning check-ins are linked to happened (for the window).
    session_times: Mapping[int, SessionTimes] = field(default_factory=dict)
    #: The next-morning check-ins were already filtered to those that count (by the reader).
    mornings_checked: bool = False


def by_day(sessions: Iterable[ExerciseSession]) -> list[ExerciseSession]:
    """Merge the sessions of each day into one: a morning warm-up and an evening routine are one
    day's work for the 2-for-2 rule, and next-morning data belongs to the day."""
    days: dict[date, list[ExerciseSession]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.day, s.started_at)):
        days[s.day].append(s)
    out = []
    for day, group in days.items():
        ends = [g.end for g in group]
        out.append(
            ExerciseSession(
                tuple(i for s in group for i in s.session_ids),
                day,
                group[0].started_at,
                tuple(x for s in group for x in s.sets),
                max(ends).isoformat(),
                all(s.completed for s in group),
            )
        )
    return out


def dose_since(ev: Evidence) -> datetime | None:
    return parse_stamp(ev.dose_rows[-1].since) if ev.dose_rows else None


def at_dose(ev: Evidence) -> list[ExerciseSession]:
    """The days the exercise was done at its current dose (sessions started after it was set)."""
    since = dose_since(ev)
    if since is None:
        return by_day(ev.sessions)
    return by_day(s for s in ev.sessions if parse_stamp(s.started_at) >= since)


class Symptoms:
    """Check-ins indexed for the rules: only next-morning check-ins that count are used."""

    def __init__(
        self,
        checkins: Iterable[CheckinRec],
        session_times: Mapping[int, SessionTimes] | None = None,
        checked: bool = False,
    ) -> None:
        checkins = list(checkins)
        mornings = [c for c in checkins if c.context == "next_morning"]
        self.mornings_list = mornings if checked else valid_mornings(mornings, session_times)
        befores = [c for c in checkins if c.context == "before"]
        self.baselines = Baselines(self.mornings_list + befores)
        self.mornings: dict[tuple[str, date], list[CheckinRec]] = defaultdict(list)
        for c in sorted(self.mornings_list, key=lambda c: c.id):
            self.mornings[(c.region, c.local_day)].append(c)
        self.by_session: dict[tuple[int, str, str], CheckinRec] = {}
        for c in sorted(checkins, key=lambda c: c.id):
            if c.session_id is not None and c.context in ("before", "after"):
                self.by_session[(c.session_id, c.context, c.region)] = c

    def morning_after(self, session: ExerciseSession, region: str) -> CheckinRec | None:
        """The newest check-in of ``region`` inside the next-morning window of ``session``."""
        end = session.end
        found = [
            c
            for c in self.mornings.get((region, session.day + timedelta(days=1)), ())
            if in_window(session.day, end, parse_stamp(c.recorded_at))
        ]
        return found[-1] if found else None

    def has_morning(self, session: ExerciseSession, regions: Sequence[str]) -> bool:
        return any(self.morning_after(session, r) for r in regions)

    def baseline(self, region: str, symptom: str, session_day: date) -> float | None:
        """The baseline before a session on ``session_day`` (ratings up to that day)."""
        return self.baselines(region, symptom, session_day + timedelta(days=1))

    def week_means(self, region: str, symptom: str, today: date) -> tuple[list[int], list[int]]:
        """Morning ratings of the 7 days up to ``today`` and of the 7 days before those."""
        this, last = [], []
        for n in range(14):
            recs = self.mornings.get((region, today - timedelta(days=n)))
            if recs:
                (this if n < 7 else last).append(getattr(recs[-1], symptom))
        return this, last


def trend_up(symptoms: Symptoms, regions: Sequence[str], day: date, mcid: int) -> tuple[str, str, float, float] | None:
    """The first (region, symptom, this week, last week) whose 7-day mean morning rating up to
    ``day`` is ``mcid`` or more above the 7 days before (each week with ≥ 3 mornings)."""
    for region in regions:
        for symptom in TREND_SYMPTOMS:
            this, last = symptoms.week_means(region, symptom, day)
            if len(this) < TREND_MIN_MORNINGS or len(last) < TREND_MIN_MORNINGS:
                continue
            now, before = statistics.fmean(this), statistics.fmean(last)
            if now - before >= mcid:
                return region, symptom, now, before
    return None


def regions_of(exercise: Exercise) -> tuple[str, ...]:
    return watched_regions(exercise)
