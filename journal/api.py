"""The journal API: the one way every caller (app, CLI, demo, import) reads and writes.

Every write is its own short transaction, committed before the call returns, so a logged
set or check-in survives a crash the moment the call comes back. Hot writes (sets,
check-ins) go through SQLAlchemy Core; results come back as plain dataclasses.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence, TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine, Row

from catalogue.models import Dose
from journal.store import models as m
from journal.store import paths
from journal import outcomes, validate
from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import (
    CONTEXTS,
    REGIONS,
    SEVERITIES,
    SIDES,
    STOP_REASONS,
    ONSET_KINDS,
    SYMPTOM_AREAS,
    CheckinRec,
    DecisionRec,
    DoseRec,
    GripRec,
    PsfsActivityRec,
    PsfsRatingRec,
    ProfileChangeRec,
    ProfileRec,
    RedFlagRec,
    SessionRec,
    SetRec,
)
from journal.store.engine import open_engine, translate_errors

if TYPE_CHECKING:
    from journal.rules.outcomes import OutcomesView

R = TypeVar("R")

T_PROFILE = m.Profile.__table__
T_PROFILE_CHANGES = m.ProfileChange.__table__
T_SESSIONS = m.Session.__table__
T_SETS = m.SetLog.__table__
T_CHECKINS = m.CheckIn.__table__
T_FLAGS = m.RedFlag.__table__
T_DOSES = m.DoseChange.__table__
T_DECISIONS = m.Decision.__table__

#: Columns of a logged set, in SetRec's order (without its id), and the statement that stores one.
_SET_COLUMNS = tuple(f.name for f in fields(SetRec) if f.name != "id")
_INSERT_SET = f"INSERT INTO sets ({', '.join(_SET_COLUMNS)}) VALUES ({', '.join('?' * len(_SET_COLUMNS))})"

#: Set fields a user may edit after the fact (Journal screen, `e`).
EDITABLE_SET_FIELDS = (
    "reps", "hold_s", "load", "level", "effort", "pain_during", "stop_reason", "note", "side",
)  # fmt: skip


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _to(cls: type[R], row: Row | Mapping[str, Any]) -> R:
    data = row._mapping if isinstance(row, Row) else row
    values = {name: data[name] for name in _field_names(cls)}
    day = values.get("local_day")
    if isinstance(day, str):
        values["local_day"] = date.fromisoformat(day)
    return cls(**values)


def _in_days(stmt, table, since: date | None, until: date | None):  # noqa: ANN001, ANN202
    """Limit ``stmt`` to rows whose ``local_day`` is within since..until (either may be open)."""
    if since:
        stmt = stmt.where(table.c.local_day >= since.isoformat())
    if until:
        stmt = stmt.where(table.c.local_day <= until.isoformat())
    return stmt


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


def clean_scores(values: Mapping[str, Any]) -> dict[str, int]:
    return {k: int(validate.number(k, values.get(k, 0))) for k in ("pain", "numbness", "tingling", "weakness")}  # type: ignore[arg-type]


#: The profile a journal starts with (the row is written on the first change).
PROFILE_DEFAULTS = {
    "affected_side": "right", "onset_date": None, "cleared_for_strength": False, "units": "kg",
    "count_seconds": 1.0, "bell": False, "safety_ack_at": None, "enabled_exercises": "",
    "symptom_areas": "", "onset_kind": "unknown", "voice": False, "effort_prompt": False,
    "setup_done_at": None,
}  # fmt: skip
#: Settings whose every change is kept with its time (``profile_changes``).
TRACKED = ("affected_side", "symptom_areas", "onset_kind", "onset_date", "cleared_for_strength",
           "units", "count_seconds", "bell", "voice", "effort_prompt")  # fmt: skip


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _profile_upsert(now: datetime, values: Mapping[str, Any]):  # noqa: ANN202
    """Create the profile row with ``values`` over the defaults, or change just ``values``."""
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    stmt = sqlite_insert(T_PROFILE).values({**PROFILE_DEFAULTS, **values, "id": 1, "created_at": stamp(now)})
    if not values:
        return stmt.on_conflict_do_nothing(index_elements=["id"])
    return stmt.on_conflict_do_update(index_elements=["id"], set_={k: stmt.excluded[k] for k in values})


def _session_ref(session_id: object) -> int | None:
    if session_id is None:
        return None
    if isinstance(session_id, bool) or not isinstance(session_id, int):
        raise InvalidValue(f"a session is named by its number (got {type(session_id).__name__})")
    return session_id


class Journal:
    """An open journal. Thread-safe for the app's worker threads (one pooled connection each)."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._writer = engine.execution_options(write=True)
        #: A connection that only ever asks ``PRAGMA data_version`` (see :meth:`data_version`).
        self._watch: sqlite3.Connection | None = None
        self._memo: dict[str, tuple[tuple, object]] = {}
        self._memo_lock = threading.RLock()  # a memo may use another (History: the basis)
        self._held = paths.hold(path)  # never reopened by hand while open (see journal.store.paths)

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        create: bool = True,
        create_dir: bool | None = None,
        check_pages: bool = True,
    ) -> "Journal":
        """Open (creating or migrating) a journal; raises JournalError with a one-line message.

        By default the parent directory is created only for the default location; a path
        given by ``--db`` or ``$REHAB_TUI_DB`` must name an existing directory.
        ``check_pages=False`` skips the page check (see ``journal.store.engine.open_engine``).
        """
        resolved = paths.resolve(path)
        if create_dir is None:
            create_dir = paths.is_default(path)
        engine = open_engine(resolved, create=create, create_dir=create_dir, verify=check_pages)
        return cls(resolved, engine)

    def close(self) -> None:
        with self._memo_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._memo.clear()
        self.engine.dispose()
        paths.let_go(self._held)
        self._held = None

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- remembering what was computed from the journal ------------------------------------
    def data_version(self) -> int:
        """A number that changes whenever anything is committed to the journal, by this process
        or another (SQLite's ``PRAGMA data_version`` on a connection that never writes)."""
        with self._memo_lock:
            return self._data_version()

    def _data_version(self) -> int:
        with translate_errors(self.path):
            if self._watch is None:
                self._watch = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def memo(self, name: str, key: tuple, compute: Callable[[], R]) -> R:
        """``compute()``, remembered under ``name`` until the journal changes or ``key`` does.

        For results that take a scan of years of history (streaks, suggestions) and that
        several screens show: the first asks, the others reuse it. ``key`` holds whatever else
        the result depends on (the day, the catalogue object); its items are compared with
        ``is`` or ``==``. One result is kept per name; callers wait for one another.
        """
        with self._memo_lock:
            version = self._data_version()
            full = (version, *key)
            kept = self._memo.get(name)
            if kept is not None and len(kept[0]) == len(full) and all(
                a is b or a == b for a, b in zip(kept[0], full)
            ):
                return kept[1]  # type: ignore[return-value]
            result = compute()
            self._memo[name] = (full, result)
            return result

    # ---- plumbing ---------------------------------------------------------------------------
    def _insert_now(self, sql: str, params: Sequence[Any]) -> int:
        """One row inserted and committed before returning, on a pooled connection used
        directly: the hot path (a set logged every few seconds) without SQLAlchemy's statement
        and transaction layers on top — the same pragmas, lock (``BEGIN IMMEDIATE``) and errors."""
        with translate_errors(self.path):
            pooled = self.engine.raw_connection()
            try:
                con = pooled.driver_connection
                con.execute("BEGIN IMMEDIATE")
                try:
                    row_id = con.execute(sql, params).lastrowid
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                return row_id
            finally:
                pooled.close()

    def _read(self, stmt) -> list[Row]:  # noqa: ANN001
        with translate_errors(self.path), self.engine.connect() as conn:
            return list(conn.execute(stmt))

    def _write(self, stmt, params: Any = None):  # noqa: ANN001, ANN202
        with translate_errors(self.path), self._writer.begin() as conn:
            return conn.execute(stmt, params) if params is not None else conn.execute(stmt)

    # ---- profile ----------------------------------------------------------------------------
    def profile(self) -> ProfileRec:
        rows = self._read(select(T_PROFILE).where(T_PROFILE.c.id == 1))
        if not rows:
            d = PROFILE_DEFAULTS
            return ProfileRec(d["affected_side"], None, False, d["units"], d["count_seconds"], False, None, frozenset())
        r = rows[0]
        return ProfileRec(
            affected_side=r.affected_side,
            onset_date=date.fromisoformat(r.onset_date) if r.onset_date else None,
            cleared_for_strength=bool(r.cleared_for_strength),
            units=r.units,
            count_seconds=r.count_seconds,
            bell=bool(r.bell),
            safety_ack_at=r.safety_ack_at,
            enabled_exercises=frozenset(x for x in r.enabled_exercises.split(",") if x),
            symptom_areas=frozenset(x for x in r.symptom_areas.split(",") if x),
            onset_kind=r.onset_kind,
            voice=bool(r.voice),
            effort_prompt=bool(r.effort_prompt),
            setup_done_at=r.setup_done_at,
        )

    def profile_changes(self, field: str | None = None) -> list[ProfileChangeRec]:
        """Every kept change of the profile, oldest first (of one setting when ``field``)."""
        t = T_PROFILE_CHANGES
        stmt = select(t.c.changed_at, t.c.field, t.c.old_value, t.c.new_value).order_by(t.c.id)
        if field is not None:
            stmt = stmt.where(t.c.field == field)
        return [ProfileChangeRec(*row) for row in self._read(stmt)]

    def update_profile(self, now: datetime, **changes: Any) -> ProfileRec:
        """Change the named settings only (another copy of the app may change others)."""
        values: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "affected_side":
                values[key] = validate.choice("affected side", value, ("left", "right", "both", "none"))
            elif key == "onset_date":
                onset = None if value is None else validate.iso_day("onset date", value)
                if onset is not None and onset > day_of(now):
                    raise InvalidValue(f"onset date {onset} is in the future")
                values[key] = onset.isoformat() if onset else None
            elif key == "units":
                values[key] = validate.choice("units", value, ("kg", "lb"))
            elif key == "count_seconds":
                values[key] = validate.number("count_seconds", value)
            elif key in ("bell", "cleared_for_strength", "voice", "effort_prompt"):
                values[key] = validate.flag(key.replace("_", " "), value)
            elif key == "symptom_areas":
                areas = [validate.choice("area with symptoms", a, SYMPTOM_AREAS) for a in value]
                values[key] = ",".join(a for a in SYMPTOM_AREAS if a in areas)
            elif key == "onset_kind":
                values[key] = validate.choice("symptom onset", value, ONSET_KINDS)
            elif key == "setup_done_at":
                values[key] = None if value is None else validate.timestamp("setup done at", value)
            elif key == "enabled_exercises":
                values[key] = ",".join(validate.slugs("enabled exercises", value))
            elif key == "safety_ack_at":
                values[key] = None if value is None else validate.timestamp("safety notice read at", value)
            else:
                raise InvalidValue(f"the profile has no setting called {key!r}")
        if values.get("onset_date") and "onset_kind" not in values:
            values["onset_kind"] = "date"
        if values.get("onset_kind", "date") != "date":
            values["onset_date"] = None
        tracked = [k for k in TRACKED if k in values]
        with translate_errors(self.path), self._writer.begin() as conn:
            old = conn.execute(select(T_PROFILE).where(T_PROFILE.c.id == 1)).first()
            conn.execute(_profile_upsert(now, values))
            was = old._mapping if old is not None else PROFILE_DEFAULTS
            changes = [
                {"changed_at": stamp(now), "field": k, "old_value": _as_text(was[k]), "new_value": _as_text(values[k])}
                for k in tracked
                if _as_text(was[k]) != _as_text(values[k])
            ]
            if changes:
                conn.execute(insert(T_PROFILE_CHANGES), changes)
        return self.profile()

    def set_exercise_enabled(self, now: datetime, exercise_id: str, enabled: bool) -> ProfileRec:
        """Show or hide one optional exercise. Read and written under the write lock, so two
        copies of the app toggling different exercises never undo each other."""
        (exercise_id,) = validate.slugs("exercise", [exercise_id])
        enabled = validate.flag("enabled", enabled)
        with translate_errors(self.path), self._writer.begin() as conn:
            stored = conn.execute(
                select(T_PROFILE.c.enabled_exercises).where(T_PROFILE.c.id == 1)
            ).scalar()
            ids = {x for x in (stored or "").split(",") if x}
            ids = ids | {exercise_id} if enabled else ids - {exercise_id}
            conn.execute(_profile_upsert(now, {"enabled_exercises": ",".join(sorted(ids))}))
        return self.profile()

    def acknowledge_safety(self, now: datetime) -> ProfileRec:
        return self.update_profile(now, safety_ack_at=stamp(now))

    # ---- sessions ---------------------------------------------------------------------------
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
        return _to(SessionRec, rows[0])

    def in_progress(self) -> SessionRec | None:
        """The most recent unfinished session, to offer for resuming."""
        rows = self._read(
            select(T_SESSIONS)
            .where(T_SESSIONS.c.status == "in_progress")
            .order_by(T_SESSIONS.c.id.desc())
            .limit(1)
        )
        return _to(SessionRec, rows[0]) if rows else None

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
        stmt = _in_days(select(T_SESSIONS), T_SESSIONS, since, until)
        if status:
            stmt = stmt.where(T_SESSIONS.c.status == status)
        order = T_SESSIONS.c.id.desc() if newest_first else T_SESSIONS.c.id
        stmt = stmt.order_by(order).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_to(SessionRec, r) for r in self._read(stmt)]

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
        return [_to(SetRec, r) for r in self._read(stmt)]

    def set(self, set_id: int) -> SetRec:
        rows = self._read(select(T_SETS).where(T_SETS.c.id == set_id))
        if not rows:
            raise InvalidValue(f"there is no set {set_id}")
        return _to(SetRec, rows[0])

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
        return [_to(SetRec, r) for r in self._read(stmt)]

    def sets(self, exercise_id: str | None = None, since: date | None = None) -> list[SetRec]:
        stmt = select(T_SETS)
        if exercise_id:
            stmt = stmt.where(T_SETS.c.exercise_id == exercise_id)
        if since:
            stmt = stmt.where(T_SETS.c.logged_at >= since.isoformat())
        return [_to(SetRec, r) for r in self._read(stmt.order_by(T_SETS.c.id))]

    # ---- check-ins --------------------------------------------------------------------------
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
        return [_to(CheckinRec, {"id": i, **row}) for i, row in zip(ids, rows)]

    def checkins(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        context: str | None = None,
        session_id: int | None = None,
    ) -> list[CheckinRec]:
        stmt = _in_days(select(T_CHECKINS), T_CHECKINS, since, until)
        if context:
            stmt = stmt.where(T_CHECKINS.c.context == context)
        if session_id is not None:
            stmt = stmt.where(T_CHECKINS.c.session_id == session_id)
        return [_to(CheckinRec, r) for r in self._read(stmt.order_by(T_CHECKINS.c.id))]

    def latest_checkins(self) -> list[CheckinRec]:
        """The newest rating for each region (what Today shows as "last symptoms")."""
        newest = select(func.max(T_CHECKINS.c.id)).group_by(T_CHECKINS.c.region)
        stmt = select(T_CHECKINS).where(T_CHECKINS.c.id.in_(newest)).order_by(T_CHECKINS.c.region)
        return [_to(CheckinRec, r) for r in self._read(stmt)]

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
        session = _to(SessionRec, rows[0])
        answered = self._read(
            select(T_CHECKINS.c.id)
            .where(
                T_CHECKINS.c.context == "next_morning",
                (T_CHECKINS.c.session_id == session.id) | (T_CHECKINS.c.local_day == today.isoformat()),
            )
            .limit(1)
        )
        return None if answered else session

    # ---- red flags --------------------------------------------------------------------------
    def report_red_flag(self, flag: str, severity: str, now: datetime, note: str = "") -> RedFlagRec:
        row = {
            "reported_at": stamp(now),
            "flag": validate.text("flag", flag, max_len=64),
            "severity": validate.choice("severity", severity, SEVERITIES),
            "note": validate.text("note", note),
            "resolved_at": None,
        }
        result = self._write(insert(T_FLAGS).values(row))
        return RedFlagRec(id=result.inserted_primary_key[0], **row)

    def resolve_red_flags(self, now: datetime, flag_ids: Sequence[int] | None = None) -> int:
        """Mark open red flags reviewed (all of them unless ``flag_ids``); returns how many."""
        stmt = update(T_FLAGS).where(T_FLAGS.c.resolved_at.is_(None))
        if flag_ids is not None:
            stmt = stmt.where(T_FLAGS.c.id.in_(list(flag_ids)))
        return self._write(stmt.values(resolved_at=stamp(now))).rowcount

    def red_flags(self, *, open_only: bool = False) -> list[RedFlagRec]:
        stmt = select(T_FLAGS).order_by(T_FLAGS.c.id)
        if open_only:
            stmt = stmt.where(T_FLAGS.c.resolved_at.is_(None))
        return [_to(RedFlagRec, r) for r in self._read(stmt)]

    # ---- doses ------------------------------------------------------------------------------
    def change_dose(self, exercise_id: str, dose: Dose, now: datetime, reason: str) -> DoseRec:
        row = _dose_row(exercise_id, dose, now, reason)
        result = self._write(insert(T_DOSES).values(row))
        return DoseRec(id=result.inserted_primary_key[0], **row)

    def accept_suggestion(
        self, *, exercise_id: str, dose: Dose, dose_reason: str, rule: str, from_dose: str,
        to_dose: str, reason: str, now: datetime,
    ) -> DoseRec:  # fmt: skip
        """The new dose and the "accepted" decision, in one transaction: both or neither."""
        dose_row = _dose_row(exercise_id, dose, now, dose_reason)
        decision_row = _decision_row(exercise_id, "accepted", rule, from_dose, to_dose, reason, now)
        with translate_errors(self.path), self._writer.begin() as conn:
            result = conn.execute(insert(T_DOSES).values(dose_row))
            conn.execute(insert(T_DECISIONS).values(decision_row))
        return DoseRec(id=result.inserted_primary_key[0], **dose_row)

    def dose_history(self, exercise_id: str | None = None) -> list[DoseRec]:
        stmt = select(T_DOSES).order_by(T_DOSES.c.since, T_DOSES.c.id)
        if exercise_id:
            stmt = stmt.where(T_DOSES.c.exercise_id == exercise_id)
        return [_to(DoseRec, r) for r in self._read(stmt)]

    def current_doses(self) -> dict[str, DoseRec]:
        """The newest dose row of every exercise that has one."""
        newest = select(func.max(T_DOSES.c.id)).group_by(T_DOSES.c.exercise_id)
        stmt = select(T_DOSES).where(T_DOSES.c.id.in_(newest))
        return {r.exercise_id: _to(DoseRec, r) for r in self._read(stmt)}

    # ---- suggestion decisions ---------------------------------------------------------------
    def record_decision(
        self, *, exercise_id: str, decision: str, rule: str, from_dose: str, to_dose: str,
        reason: str, now: datetime,
    ) -> DecisionRec:  # fmt: skip
        row = _decision_row(exercise_id, decision, rule, from_dose, to_dose, reason, now)
        result = self._write(insert(T_DECISIONS).values(row))
        return _to(DecisionRec, {"id": result.inserted_primary_key[0], **row})

    def decisions(self, exercise_id: str | None = None) -> list[DecisionRec]:
        stmt = select(T_DECISIONS).order_by(T_DECISIONS.c.id)
        if exercise_id:
            stmt = stmt.where(T_DECISIONS.c.exercise_id == exercise_id)
        return [_to(DecisionRec, r) for r in self._read(stmt)]

    # ---- outcome measures (journal/outcomes.py) ----------------------------------------------
    def psfs_activities(self, *, with_retired: bool = False) -> list[PsfsActivityRec]:
        return outcomes.activities(self, with_retired=with_retired)

    def add_psfs_activity(self, name: str, now: datetime) -> PsfsActivityRec:
        return outcomes.add_activity(self, name, now)

    def retire_psfs_activity(self, activity_id: int, now: datetime) -> None:
        outcomes.retire_activity(self, activity_id, now)

    def rate_psfs(self, scores: Mapping[int, object], now: datetime) -> list[PsfsRatingRec]:
        return outcomes.rate(self, scores, now)

    def psfs_ratings(self, since: date | None = None, until: date | None = None) -> list[PsfsRatingRec]:
        return outcomes.ratings(self, since, until)

    def psfs_last_rated(self) -> date | None:
        return outcomes.last_rated(self)

    def record_grip(self, side: str, trials: Sequence[object], unit: str, now: datetime) -> GripRec:
        return outcomes.record_grip(self, side, trials, unit, now)

    def grip_readings(self, since: date | None = None, until: date | None = None) -> list[GripRec]:
        return outcomes.grip_readings(self, since, until)

    def outcomes_view(self, today: date) -> "OutcomesView":
        return outcomes.view(self, today)

    # ---- whole journal ----------------------------------------------------------------------
    def has_data(self) -> bool:
        """True when anything the user did is recorded (a fresh profile does not count)."""
        for table in (T_SESSIONS, T_CHECKINS, T_FLAGS, T_DOSES, outcomes.T_ACTIVITIES, outcomes.T_GRIP):
            if self._read(select(table.c.id).limit(1)):
                return True
        return False

    def counts(self) -> dict[str, int]:
        tables = {"sessions": T_SESSIONS, "sets": T_SETS, "checkins": T_CHECKINS,
                  "red_flags": T_FLAGS, "doses": T_DOSES}  # fmt: skip
        return {name: self._read(select(func.count()).select_from(t))[0][0] for name, t in tables.items()}


def _dose_row(exercise_id: str, dose: Dose, now: datetime, reason: str) -> dict[str, Any]:
    """A validated doses row (InvalidValue names the field)."""
    row = {
        "exercise_id": validate.text("exercise id", exercise_id, max_len=64),
        "sets": validate.number("sets", dose.sets),
        "reps": validate.number("reps", dose.reps),
        "reps_lo": validate.number("reps", dose.reps_lo),
        "reps_hi": validate.number("reps", dose.reps_hi),
        "hold_s": None if dose.hold_s is None else int(validate.number("hold_s", dose.hold_s)),  # type: ignore[arg-type]
        "load": validate.number("load", dose.load, optional=True),
        "unit": dose.unit,
        "ladder": dose.ladder,
        "level": dose.level,
        "since": stamp(now),
        "reason": validate.text("reason", reason),
    }
    if not row["reps_lo"] <= row["reps"] <= row["reps_hi"]:
        raise InvalidValue(f"reps {row['reps']} is outside the range {row['reps_lo']}–{row['reps_hi']}")
    return row


def _decision_row(
    exercise_id: str, decision: str, rule: str, from_dose: str, to_dose: str, reason: str, now: datetime
) -> dict[str, Any]:
    return {
        "exercise_id": exercise_id,
        "decided_at": stamp(now),
        "local_day": day_of(now).isoformat(),
        "decision": validate.choice("decision", decision, ("accepted", "declined")),
        "rule": rule,
        "from_dose": from_dose,
        "to_dose": to_dose,
        "reason": validate.text("reason", reason),
    }
