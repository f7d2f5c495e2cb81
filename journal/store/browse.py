"""Reading the journal a page at a time, for the Journal screen (never every session at once).

Keyset pagination on the session id (newest first): ``session_page(before_id=last_id)``
costs the same on page 1 and page 200, however long the journal. Each row carries its
set count and the worst pain rated in the before/after check-ins, aggregated in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select

from journal.store.tables import T_CHECKINS, T_SESSIONS, T_SETS
from journal.records import SessionSummary

if TYPE_CHECKING:
    from journal.store.handle import JournalHandle

PAGE = 200


def _worst_pain(context: str):  # noqa: ANN202 - a scalar subquery
    return (
        select(func.max(T_CHECKINS.c.pain))
        .where(and_(T_CHECKINS.c.session_id == T_SESSIONS.c.id, T_CHECKINS.c.context == context))
        .scalar_subquery()
    )


def session_page(
    journal: "JournalHandle", *, before_id: int | None = None, limit: int = PAGE
) -> list[SessionSummary]:
    """Up to ``limit`` sessions, newest first, older than ``before_id`` when given."""
    n_sets = select(func.count()).where(T_SETS.c.session_id == T_SESSIONS.c.id).scalar_subquery()
    s = T_SESSIONS.c
    stmt = select(
        s.id, s.local_day, s.routine_name, s.status, s.started_at, s.ended_at,
        n_sets.label("sets"), _worst_pain("before").label("pain_before"),
        _worst_pain("after").label("pain_after"), s.note,
    ).order_by(s.id.desc()).limit(limit)  # fmt: skip
    if before_id is not None:
        stmt = stmt.where(s.id < before_id)
    return [
        SessionSummary(
            id=r.id,
            local_day=date.fromisoformat(r.local_day),
            routine_name=r.routine_name,
            status=r.status,
            started_at=r.started_at,
            ended_at=r.ended_at,
            sets=r.sets,
            pain_before=r.pain_before,
            pain_after=r.pain_after,
            note=r.note,
        )  # fmt: skip
        for r in journal._read(stmt)
    ]


def session_count(journal: "JournalHandle") -> int:
    return journal._read(select(func.count()).select_from(T_SESSIONS))[0][0]
