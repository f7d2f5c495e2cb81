"""Outcome measures in the journal: PSFS activities and ratings, grip readings.

Reads and writes as functions over an open journal, and :class:`OutcomeAccess`, the part of
:class:`journal.api.Journal` that offers them as methods; every value is validated by ``journal.rules.outcomes`` first, and every write is one
transaction committed before the call returns: a refused value changes nothing stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Mapping, Sequence

from sqlalchemy import func, insert, select, update

from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import GripRec, PsfsActivityRec, PsfsRatingRec
from journal.rules import outcomes as rules
from journal.store import models as m
from journal.store.engine import translate_errors
from journal.store.handle import JournalHandle

Journal = JournalHandle  # the functions below take any open journal

T_ACTIVITIES = m.PsfsActivity.__table__
T_RATINGS = m.PsfsRating.__table__
T_GRIP = m.GripReading.__table__


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _in_days(stmt, table, since: date | None, until: date | None):  # noqa: ANN001, ANN202
    if since:
        stmt = stmt.where(table.c.local_day >= since.isoformat())
    if until:
        stmt = stmt.where(table.c.local_day <= until.isoformat())
    return stmt


# ---- PSFS ------------------------------------------------------------------------------------
def activities(journal: Journal, *, with_retired: bool = False) -> list[PsfsActivityRec]:
    stmt = select(T_ACTIVITIES).order_by(T_ACTIVITIES.c.id)
    if not with_retired:
        stmt = stmt.where(T_ACTIVITIES.c.retired_at.is_(None))
    return [PsfsActivityRec(r.id, r.name, r.created_at, r.retired_at) for r in journal._read(stmt)]


def add_activity(journal: Journal, name: str, now: datetime) -> PsfsActivityRec:
    """Name a new hard activity (at most 3 in use at once; the same name twice is refused)."""
    clean = rules.clean_psfs_name(name)
    row = {"name": clean, "created_at": stamp(now), "retired_at": None}
    with translate_errors(journal.path), journal._writer.begin() as conn:
        active = [r.name for r in conn.execute(
            select(T_ACTIVITIES.c.name).where(T_ACTIVITIES.c.retired_at.is_(None)))]  # fmt: skip
        if len(active) >= rules.PSFS_MAX_ACTIVITIES:
            raise InvalidValue(
                f"you already rate {rules.PSFS_MAX_ACTIVITIES} activities; retire one before adding another"
            )
        if clean.casefold() in (a.casefold() for a in active):
            raise InvalidValue(f"you already rate {clean!r}")
        new_id = conn.execute(insert(T_ACTIVITIES).values(row)).inserted_primary_key[0]
    return PsfsActivityRec(new_id, **row)


def retire_activity(journal: Journal, activity_id: int, now: datetime) -> None:
    """Stop asking about an activity; its ratings stay in the journal."""
    with translate_errors(journal.path), journal._writer.begin() as conn:
        done = conn.execute(
            update(T_ACTIVITIES)
            .where(T_ACTIVITIES.c.id == activity_id, T_ACTIVITIES.c.retired_at.is_(None))
            .values(retired_at=stamp(now))
        ).rowcount
    if not done:
        raise InvalidValue(f"there is no activity {activity_id} in use")


def rate(journal: Journal, scores: Mapping[int, object], now: datetime) -> list[PsfsRatingRec]:
    """Ratings 0–10 for activities in use, all in one transaction (all or nothing)."""
    clean = {aid: rules.clean_psfs_score(score) for aid, score in scores.items()}
    if not clean:
        return []
    when, day = stamp(now), day_of(now).isoformat()
    with translate_errors(journal.path), journal._writer.begin() as conn:
        known = {r.id for r in conn.execute(
            select(T_ACTIVITIES.c.id).where(T_ACTIVITIES.c.retired_at.is_(None)))}  # fmt: skip
        for aid in clean:
            if aid not in known:
                raise InvalidValue(f"there is no activity {aid} in use to rate")
        out = []
        for aid, score in clean.items():
            row = {"activity_id": aid, "recorded_at": when, "local_day": day, "score": score}
            rid = conn.execute(insert(T_RATINGS).values(row)).inserted_primary_key[0]
            out.append(PsfsRatingRec(rid, aid, when, _day(day), score))
    return out


def ratings(journal: Journal, since: date | None = None, until: date | None = None) -> list[PsfsRatingRec]:
    stmt = _in_days(select(T_RATINGS), T_RATINGS, since, until).order_by(T_RATINGS.c.id)
    return [PsfsRatingRec(r.id, r.activity_id, r.recorded_at, _day(r.local_day), r.score)
            for r in journal._read(stmt)]  # fmt: skip


def last_rated(journal: Journal) -> date | None:
    rows = journal._read(select(func.max(T_RATINGS.c.local_day)))
    return _day(rows[0][0]) if rows and rows[0][0] else None


# ---- grip ------------------------------------------------------------------------------------
def record_grip(
    journal: Journal, side: str, trials: Sequence[object], unit: str, now: datetime
) -> GripRec:
    """One hand's grip from 1–3 trials (the best is kept as the value, every trial as read)."""
    side = rules.clean_side(side)
    if not 1 <= len(trials) <= 3:
        raise InvalidValue(f"grip takes 1 to 3 trials (got {len(trials)})")
    values = [rules.clean_grip(t, unit) for t in trials]
    row = {
        "recorded_at": stamp(now), "local_day": day_of(now).isoformat(), "side": side,
        "value": rules.best_of(values), "unit": unit, "trials": ",".join(f"{v:g}" for v in values),
    }  # fmt: skip
    with translate_errors(journal.path), journal._writer.begin() as conn:
        gid = conn.execute(insert(T_GRIP).values(row)).inserted_primary_key[0]
    return GripRec(gid, row["recorded_at"], _day(row["local_day"]), side, row["value"], unit, row["trials"])


def grip_readings(journal: Journal, since: date | None = None, until: date | None = None) -> list[GripRec]:
    stmt = _in_days(select(T_GRIP), T_GRIP, since, until).order_by(T_GRIP.c.id)
    return [GripRec(r.id, r.recorded_at, _day(r.local_day), r.side, r.value, r.unit, r.trials)
            for r in journal._read(stmt)]  # fmt: skip


def view(journal: Journal, today: date, since: date | None = None) -> rules.OutcomesView:
    """Everything History, the report and the PDF show of the outcome measures (a report: its
    period from ``since``, with each measure's older first reading as its baseline)."""
    return rules.outcomes_view(activities(journal, with_retired=True), ratings(journal),
                               grip_readings(journal), today, since)  # fmt: skip


class OutcomeAccess(JournalHandle):
    """PSFS activities and ratings, grip readings, and what History and the reports show of them."""

    def psfs_activities(self, *, with_retired: bool = False) -> list[PsfsActivityRec]:
        return activities(self, with_retired=with_retired)

    def add_psfs_activity(self, name: str, now: datetime) -> PsfsActivityRec:
        return add_activity(self, name, now)

    def retire_psfs_activity(self, activity_id: int, now: datetime) -> None:
        retire_activity(self, activity_id, now)

    def rate_psfs(self, scores: Mapping[int, object], now: datetime) -> list[PsfsRatingRec]:
        return rate(self, scores, now)

    def psfs_ratings(self, since: date | None = None, until: date | None = None) -> list[PsfsRatingRec]:
        return ratings(self, since, until)

    def psfs_last_rated(self) -> date | None:
        return last_rated(self)

    def record_grip(self, side: str, trials: Sequence[object], unit: str, now: datetime) -> GripRec:
        return record_grip(self, side, trials, unit, now)

    def grip_readings(self, since: date | None = None, until: date | None = None) -> list[GripRec]:
        return grip_readings(self, since, until)

    def outcomes_view(self, today: date, since: date | None = None) -> rules.OutcomesView:
        return view(self, today, since)
