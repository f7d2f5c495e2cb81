"""The journal API: the one way every caller (app, CLI, demo, import) reads and writes.

Every write is its own short transaction, committed before the call returns, so a logged
set or check-in survives a crash the moment the call comes back. Hot writes (sets,
check-ins) go through SQLAlchemy Core; results come back as plain dataclasses.

``Journal`` is assembled from one part per kind of record (``journal.access``); callers
import it, and the names below, from here only.
"""

from __future__ import annotations

from sqlalchemy import func, select

from journal.access.checkins import CheckinAccess, clean_scores
from journal.access.doses import DoseAccess
from journal.access.flags import RedFlagAccess
from journal.access.outcomes import T_ACTIVITIES, T_GRIP, OutcomeAccess
from journal.access.profile import PROFILE_DEFAULTS, TRACKED, ProfileAccess
from journal.access.sessions import EDITABLE_SET_FIELDS, SessionAccess, clean_set_fields
from journal.store.handle import JournalHandle
from journal.store.handle import as_record as _to, in_days as _in_days  # noqa: F401 - see below
from journal.store.tables import (
    T_CHECKINS,
    T_DECISIONS,
    T_DOSES,
    T_FLAGS,
    T_PROFILE,
    T_PROFILE_CHANGES,
    T_SESSIONS,
    T_SETS,
)

# ``_to`` and ``_in_days`` are the names the methods written here before the split used: kept,
# so a method added to ``Journal`` below on another branch merges without edits.

__all__ = [
    "EDITABLE_SET_FIELDS", "PROFILE_DEFAULTS", "TRACKED", "Journal", "T_CHECKINS", "T_DECISIONS",
    "T_DOSES", "T_FLAGS", "T_PROFILE", "T_PROFILE_CHANGES", "T_SESSIONS", "T_SETS", "clean_scores",
    "clean_set_fields",
]  # fmt: skip


class Journal(
    ProfileAccess, SessionAccess, CheckinAccess, RedFlagAccess, DoseAccess, OutcomeAccess, JournalHandle
):
    """An open journal. Thread-safe for the app's worker threads (one pooled connection each).

    Open one with ``Journal.open(path)``; use it as a context manager or ``close()`` it.
    """

    # ---- whole journal ----------------------------------------------------------------------
    def has_data(self) -> bool:
        """True when anything the user did is recorded (a fresh profile does not count)."""
        for table in (T_SESSIONS, T_CHECKINS, T_FLAGS, T_DOSES, T_ACTIVITIES, T_GRIP):
            if self._read(select(table.c.id).limit(1)):
                return True
        return False

    def counts(self) -> dict[str, int]:
        tables = {"sessions": T_SESSIONS, "sets": T_SETS, "checkins": T_CHECKINS,
                  "red_flags": T_FLAGS, "doses": T_DOSES}  # fmt: skip
        return {name: self._read(select(func.count()).select_from(t))[0][0] for name, t in tables.items()}
