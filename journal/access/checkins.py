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
        if context == "next_morning":  # outside its window it is an ad hoc check-in (SPEC §5)
            from journal.rules.mornings import SessionTimes, context_for

            found = self._read(select(T_SESSIONS).where(T_SESSIONS.c.id == session_id)) if session_id else []
            times = SessionTimes(date.fromisoformat(str(found[0].local_day)[:10]), found[0].ended_at) if found else None
            context = context_for(context, times, now if now.tzinfo else now.astimezone())
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

    def pending_morning_checkin(self, now: datetime | date) -> SessionRec | None:
        """Yesterday's last completed session while its next-morning check-in is due: inside the
        window (``journal/rules/mornings.py``; a date alone skips the hour checks) and no
        check-in that counts for it yet — a ``next_morning`` stored outside the window hides nothing."""
        from journal.rules.mornings import SessionTimes, in_window, morning_due, window_exists

        today = now.date() if isinstance(now, datetime) else now
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
        times = SessionTimes(session.local_day, session.ended_at)
        answered = self.checkins(today, today, context="next_morning")
        if isinstance(now, datetime):
            return session if morning_due(times, now, answered) else None
        late = [c for c in answered if in_window(times.day, None, datetime.fromisoformat(c.recorded_at))]
        return None if late or not window_exists(times) else session
