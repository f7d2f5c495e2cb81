"""Sessions and the sets logged in them."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import delete, func, insert, select, update

from journal import validate
from journal.store.handle import JournalHandle, as_record, in_days
from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import SIDES, STOP_REASONS, SessionRec, SetRec
from journal.store.tables import T_SESSIONS, T_SETS

#: Columns of a logged set, in SetRec's order (without its id), and the statement that stores one.
_SET_COLUMNS = tuple(f.name for f in fields(SetRec) if f.name != "id")
_INSERT_SET = f"INSERT INTO sets ({', '.join(_SET_COLUMNS)}) VALUES ({', '.join('?' * len(_SET_COLUMNS))})"

#: Set fields a user may edit after the fact (Journal screen, `e`).
EDITABLE_SET_FIELDS = (
    "reps", "hold_s", "load", "level", "effort", "pain_during", "stop_reason", "note", "side",
)  # fmt: skip


def clean_set_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the fields of a set (all optional here); raises InvalidValue naming the field."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("reps", "target_reps", "hold_s", "target_hold_s", "load", "effort", "pain_during"):
            out[key] = validate.number(key, value, optional=True)
        elif key == "set_number":
            out[key] = validate.number(key, value)
        elif key == "side":
            out[key] = validate.choice(key, value, SIDES)
        elif key == "stop_reason":
            out[key] = validate.choice("stop reason", value or "none", STOP_REASONS)
        elif key in ("note", "exercise_name"):
            out[key] = validate.text(key, value)
        elif key in ("level", "load_unit", "exercise_id"):
            out[key] = None if value in (None, "") else validate.text(key, value, max_len=64)
        else:
            raise InvalidValue(f"a set has no field called {key!r}")
    return out


class SessionAccess(JournalHandle):
    """Starting, ending and listing sessions; logging, fixing and reading sets."""

    def start_session(self, routine_id: str, routine_name: str, now: datetime) -> SessionRec:
        row = {
            "routine_id": validate.text("routine id", routine_id, max_len=64),
            "routine_name": validate.text("routine name", routine_name, max_len=200),
            "started_at": stamp(now),
            "ended_at": None,
            "local_day": day_of(now).isoformat(),
            "status": "in_progress",
            "note": "",
        }
        result = self._write(insert(T_SESSIONS).values(row))
        return self.session(result.inserted_primary_key[0])

    def session(self, session_id: int) -> SessionRec:
        rows = self._read(select(T_SESSIONS).where(T_SESSIONS.c.id == session_id))
        if not rows:
            raise InvalidValue(f"there is no session {session_id}")
        return as_record(SessionRec, rows[0])

    def in_progress(self) -> SessionRec | None:
        """The most recent unfinished session, to offer for resuming."""
        rows = self._read(
            select(T_SESSIONS)
            .where(T_SESSIONS.c.status == "in_progress")
            .order_by(T_SESSIONS.c.id.desc())
            .limit(1)
        )
        return as_record(SessionRec, rows[0]) if rows else None

    def _end_session(self, session_id: int, now: datetime, status: str, note: str | None) -> SessionRec:
        values: dict[str, Any] = {"status": status, "ended_at": stamp(now)}
        if note is not None:
            values["note"] = validate.text("note", note)
        self._write(update(T_SESSIONS).where(T_SESSIONS.c.id == session_id).values(values))
        return self.session(session_id)

    def finish_session(self, session_id: int, now: datetime, note: str | None = None) -> SessionRec:
        return self._end_session(session_id, now, "completed", note)

    def abandon_session(self, session_id: int, now: datetime) -> SessionRec:
        return self._end_session(session_id, now, "abandoned", None)

    def sessions(
        self,
        since: date | None = None,
        until: date | None = None,
        status: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[SessionRec]:
        stmt = in_days(select(T_SESSIONS), T_SESSIONS, since, until)
        if status:
            stmt = stmt.where(T_SESSIONS.c.status == status)
        order = T_SESSIONS.c.id.desc() if newest_first else T_SESSIONS.c.id
        stmt = stmt.order_by(order).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [as_record(SessionRec, r) for r in self._read(stmt)]

    # ---- sets -------------------------------------------------------------------------------
    def log_set(
        self,
        session_id: int,
        *,
        exercise_id: str,
        exercise_name: str,
        set_number: int,
        now: datetime,
        side: str = "both",
        target_reps: int | None = None,
        reps: int | None = None,
        target_hold_s: float | None = None,
        hold_s: float | None = None,
        load: float | None = None,
        load_unit: str | None = None,
        level: str | None = None,
        effort: int | None = None,
        pain_during: int | None = None,
        stop_reason: str = "none",
        note: str = "",
    ) -> SetRec:
        """Validate and commit one set; when this returns, the set is on disk."""
        row = clean_set_fields(
            {
                "exercise_id": exercise_id, "exercise_name": exercise_name, "side": side,
                "set_number": set_number, "target_reps": target_reps, "reps": reps,
                "target_hold_s": target_hold_s, "hold_s": hold_s, "load": load,
                "load_unit": load_unit, "level": level, "effort": effort,
                "pain_during": pain_during, "stop_reason": stop_reason, "note": note,
            }
        )  # fmt: skip
        row["session_id"] = validate.row_id("session id", session_id)
        row["logged_at"] = stamp(now)
        set_id = self._insert_now(_INSERT_SET, [row[name] for name in _SET_COLUMNS])
        return SetRec(id=set_id, **{name: row[name] for name in _SET_COLUMNS})

    def sets_for_session(self, session_id: int) -> list[SetRec]:
        stmt = select(T_SETS).where(T_SETS.c.session_id == session_id).order_by(T_SETS.c.id)
        return [as_record(SetRec, r) for r in self._read(stmt)]

    def set(self, set_id: int) -> SetRec:
        rows = self._read(select(T_SETS).where(T_SETS.c.id == set_id))
        if not rows:
            raise InvalidValue(f"there is no set {set_id}")
        return as_record(SetRec, rows[0])

    def update_set(self, set_id: int, **changes: Any) -> SetRec:
        unknown = set(changes) - set(EDITABLE_SET_FIELDS)
        if unknown:
            raise InvalidValue(f"cannot edit {', '.join(sorted(unknown))} of a set")
        values = clean_set_fields(changes)
        self.set(set_id)  # raises for an unknown id
        self._write(update(T_SETS).where(T_SETS.c.id == set_id).values(values))
        return self.set(set_id)

    def delete_set(self, set_id: int) -> None:
        self.set(set_id)
        self._write(delete(T_SETS).where(T_SETS.c.id == set_id))

    def last_sets(self, exercise_id: str, *, before_session: int | None = None) -> list[SetRec]:
        """Every set of ``exercise_id`` in the most recent session that had one."""
        latest = select(func.max(T_SETS.c.session_id)).where(T_SETS.c.exercise_id == exercise_id)
        if before_session is not None:
            latest = latest.where(T_SETS.c.session_id < before_session)
        stmt = (
            select(T_SETS)
            .where(T_SETS.c.exercise_id == exercise_id, T_SETS.c.session_id == latest.scalar_subquery())
            .order_by(T_SETS.c.id)
        )
        return [as_record(SetRec, r) for r in self._read(stmt)]

    def sets(self, exercise_id: str | None = None, since: date | None = None) -> list[SetRec]:
        stmt = select(T_SETS)
        if exercise_id:
            stmt = stmt.where(T_SETS.c.exercise_id == exercise_id)
        if since:
            stmt = stmt.where(T_SETS.c.logged_at >= since.isoformat())
        return [as_record(SetRec, r) for r in self._read(stmt.order_by(T_SETS.c.id))]

