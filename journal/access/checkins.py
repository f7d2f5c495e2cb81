"""Symptom check-ins: ratings per region before, after and the morning after a session."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable, Mapping

from sqlalchemy import func, insert, select

from journal import validate
from journal.store.handle import JournalHandle, as_record, in_days
from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import CONTEXTS, REGIONS, CheckinRec, SessionRec
from journal.store.engine import translate_errors
from journal.store.tables import T_CHECKINS, T_SESSIONS


def clean_scores(values: Mapping[str, Any]) -> dict[str, int]:
    return {k: int(validate.number(k, values.get(k, 0))) for k in ("pain", "numbness", "tingling", "weakness")}  # type: ignore[arg-type]


def _session_ref(session_id: object) -> int | None:
    if session_id is None:
        return None
    if isinstance(session_id, bool) or not isinstance(session_id, int):
        raise InvalidValue(f"a session is named by its number (got {type(session_id).__name__})")
    return session_id


class CheckinAccess(JournalHandle):
    """Recording and reading symptom check-ins."""

    def record_checkins(
        self,
        entries: Iterable[Mapping[str, Any]],
        *,
        context: str,
        now: datetime,
        session_id: int | None = None,
    ) -> list[CheckinRec]:
        """Record ratings for several regions at once (one transaction; all or nothing).

        Each entry: ``region`` plus ``pain``, ``numbness``, ``tingling``, ``weakness`` (0–10)
        and an optional ``note``.
        """
        context = validate.choice("context", context, CONTEXTS)
        session_id = _session_ref(session_id)
        rows = []
        for n, entry in enumerate(entries, 1):
            if not isinstance(entry, Mapping):
                raise InvalidValue(f"check-in {n} must be ratings by name (got {type(entry).__name__})")
            row = {
                "recorded_at": stamp(now),
                "local_day": day_of(now).isoformat(),
                "session_id": session_id,
                "context": context,
                "region": validate.choice("region", entry.get("region"), REGIONS),
                "note": validate.text("note", entry.get("note", "")),
            }
            row.update(clean_scores(entry))
            rows.append(row)
        if not rows:
            return []
        with translate_errors(self.path), self._writer.begin() as conn:
            ids = [conn.execute(insert(T_CHECKINS).values(row)).inserted_primary_key[0] for row in rows]
        return [as_record(CheckinRec, {"id": i, **row}) for i, row in zip(ids, rows)]

    def checkins(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        context: str | None = None,
        session_id: int | None = None,
    ) -> list[CheckinRec]:
        stmt = in_days(select(T_CHECKINS), T_CHECKINS, since, until)
        if context:
            stmt = stmt.where(T_CHECKINS.c.context == context)
        if session_id is not None:
            stmt = stmt.where(T_CHECKINS.c.session_id == session_id)
        return [as_record(CheckinRec, r) for r in self._read(stmt.order_by(T_CHECKINS.c.id))]

    def latest_checkins(self) -> list[CheckinRec]:
        """The newest rating for each region (what Today shows as "last symptoms")."""
        newest = select(func.max(T_CHECKINS.c.id)).group_by(T_CHECKINS.c.region)
        stmt = select(T_CHECKINS).where(T_CHECKINS.c.id.in_(newest)).order_by(T_CHECKINS.c.region)
        return [as_record(CheckinRec, r) for r in self._read(stmt)]

    def pending_morning_checkin(self, today: date) -> SessionRec | None:
        """Yesterday's last completed session, unless a next-morning check-in exists for it/today."""
        yesterday = date.fromordinal(today.toordinal() - 1).isoformat()
        rows = self._read(
            select(T_SESSIONS)
            .where(T_SESSIONS.c.local_day == yesterday, T_SESSIONS.c.status == "completed")
            .order_by(T_SESSIONS.c.id.desc())
            .limit(1)
        )
        if not rows:
            return None
        session = as_record(SessionRec, rows[0])
        answered = self._read(
            select(T_CHECKINS.c.id)
            .where(
                T_CHECKINS.c.context == "next_morning",
                (T_CHECKINS.c.session_id == session.id) | (T_CHECKINS.c.local_day == today.isoformat()),
            )
            .limit(1)
        )
        return None if answered else session

