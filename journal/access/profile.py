"""The profile: the user's settings (one row), and every kept change of the tracked ones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import insert, select

from journal import validate
from journal.store.handle import JournalHandle
from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import ONSET_KINDS, SYMPTOM_AREAS, ProfileChangeRec, ProfileRec
from journal.store.engine import translate_errors
from journal.store.tables import T_PROFILE, T_PROFILE_CHANGES

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


class ProfileAccess(JournalHandle):
    """Reading and changing the profile."""

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

