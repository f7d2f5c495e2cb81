"""Doses (what each exercise is prescribed now, and since when) and the decisions on
suggested progressions (accepted or declined)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select

from catalogue.models import Dose
from journal import validate
from journal.store.handle import JournalHandle, as_record
from journal.clock import day_of, stamp
from journal.errors import InvalidValue
from journal.records import DecisionRec, DoseRec
from journal.store.engine import translate_errors
from journal.store.tables import T_DECISIONS, T_DOSES


class DoseAccess(JournalHandle):
    """Changing and reading doses; recording decisions on suggestions."""

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
        return [as_record(DoseRec, r) for r in self._read(stmt)]

    def current_doses(self) -> dict[str, DoseRec]:
        """The newest dose row of every exercise that has one."""
        newest = select(func.max(T_DOSES.c.id)).group_by(T_DOSES.c.exercise_id)
        stmt = select(T_DOSES).where(T_DOSES.c.id.in_(newest))
        return {r.exercise_id: as_record(DoseRec, r) for r in self._read(stmt)}

    # ---- suggestion decisions ---------------------------------------------------------------
    def record_decision(
        self, *, exercise_id: str, decision: str, rule: str, from_dose: str, to_dose: str,
        reason: str, now: datetime,
    ) -> DecisionRec:  # fmt: skip
        row = _decision_row(exercise_id, decision, rule, from_dose, to_dose, reason, now)
        result = self._write(insert(T_DECISIONS).values(row))
        return as_record(DecisionRec, {"id": result.inserted_primary_key[0], **row})

    def decisions(self, exercise_id: str | None = None) -> list[DecisionRec]:
        stmt = select(T_DECISIONS).order_by(T_DECISIONS.c.id)
        if exercise_id:
            stmt = stmt.where(T_DECISIONS.c.exercise_id == exercise_id)
        return [as_record(DecisionRec, r) for r in self._read(stmt)]


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
