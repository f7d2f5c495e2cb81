"""The journal's tables as SQLAlchemy Core ``Table`` objects, under short names for queries."""

from __future__ import annotations

from journal.store import models as m

T_PROFILE = m.Profile.__table__
T_PROFILE_CHANGES = m.ProfileChange.__table__
T_SESSIONS = m.Session.__table__
T_SETS = m.SetLog.__table__
T_CHECKINS = m.CheckIn.__table__
T_FLAGS = m.RedFlag.__table__
T_DOSES = m.DoseChange.__table__
T_DECISIONS = m.Decision.__table__
