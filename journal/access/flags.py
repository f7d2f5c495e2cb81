"""Red flags: warning signs the user reported, and when they were marked reviewed."""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from sqlalchemy import insert, select, update

from journal import validate
from journal.store.handle import JournalHandle, as_record
from journal.clock import stamp
from journal.records import SEVERITIES, RedFlagRec
from journal.store.tables import T_FLAGS


class RedFlagAccess(JournalHandle):
    """Reporting, reviewing and listing red flags."""

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
        return [as_record(RedFlagRec, r) for r in self._read(stmt)]

