"""Whether a journal holds anything a person wrote — asked inside a write transaction, so
nothing can land between the answer and what is done with it (``rehab-tui demo``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Tables whose every row was written by (or for) the user, with a word for one row.
_TABLES = (
    ("sessions", "session"), ("sets", "set"), ("checkins", "check-in"), ("doses", "dose"),
    ("red_flags", "red-flag report"), ("decisions", "progression decision"),
    ("profile_changes", "profile change"), ("psfs_activities", "PSFS activity"),
    ("psfs_ratings", "PSFS rating"), ("grip_readings", "grip reading"),
)  # fmt: skip


def what_a_person_wrote(conn: Any, profile_defaults: Mapping[str, object]) -> str | None:
    """None for a journal holding nothing a person wrote (a fresh profile does not count),
    else what it holds, e.g. "2 sessions" or "a profile you filled in". ``conn``: an
    SQLAlchemy connection inside the caller's (write) transaction."""
    present = {
        row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
    }
    for table, word in _TABLES:
        if table not in present:
            continue
        n = conn.exec_driver_sql(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT 1000)").scalar()
        if n:
            return f"{n if n < 1000 else 'over 1,000'} {word}{'s' if n != 1 else ''}"
    if "profile" in present:
        return profile_filled_in(conn, profile_defaults)
    return None


def profile_filled_in(conn: Any, profile_defaults: Mapping[str, object]) -> str | None:
    """None while the profile is as a new journal has it, else what was set in it."""
    columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(profile)")]
    row = conn.exec_driver_sql("SELECT * FROM profile WHERE id = 1").first()
    if row is None:
        return None
    stored = dict(zip(columns, row))
    for key, default in profile_defaults.items():
        if key not in stored:
            continue
        value = bool(stored[key]) if isinstance(default, bool) else stored[key]
        if value != default:
            return f"a profile you filled in ({key.replace('_', ' ')} set)"
    return None
