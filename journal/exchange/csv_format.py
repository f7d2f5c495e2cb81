"""The journal's CSV layout (SPEC §7): columns, how a value becomes a cell and back.

Shared by export and import, so the two cannot drift apart. Rules, chosen so that
export → import → export gives byte-identical files:

* Files are UTF-8 (no byte-order mark; one is accepted on import), RFC 4180: comma
  separated, ``"`` quoting only where needed, CRLF between records. Newlines inside a note
  stay inside its quoted cell.
* An empty cell is "nothing" (SQL NULL, or an empty note).
* Numbers: whole numbers without a decimal point (``4.0`` → ``4``), others in Python's
  shortest exact form (``0.65``, ``2.5``); never an exponent for the journal's ranges.
* Timestamps and days are written exactly as the journal stores them (ISO 8601 with the
  user's UTC offset; ``date`` is the local day).
* Formula injection: a cell beginning with ``= + - @``, tab or CR is written with a ``'``
  in front, so a spreadsheet shows it as text instead of running it. So that the ``'`` can
  be taken off again without guessing, a cell that *already* begins with one or more ``'``
  followed by one of those characters gets one more ``'`` too. Import removes exactly one
  ``'`` from any cell of that shape (``'=x`` → ``=x``, ``''=x`` → ``'=x``) and leaves every
  other cell alone (``'hello`` stays ``'hello``).
"""

from __future__ import annotations

import math
import re

SETS_COLUMNS = (
    "date", "session_id", "routine", "exercise_id", "exercise", "side", "set_number",
    "target_reps", "reps", "target_hold_s", "hold_s", "load", "load_unit", "effort",
    "pain_during", "stop_reason", "note", "logged_at",
)  # fmt: skip
SYMPTOMS_COLUMNS = (
    "date", "recorded_at", "session_id", "context", "region", "pain", "numbness", "tingling",
    "weakness", "note",
)  # fmt: skip
SESSIONS_COLUMNS = (
    "date", "session_id", "routine", "started_at", "ended_at", "status", "sets", "note",
)  # fmt: skip

def day_mismatch(day_column: str, day: str, time_column: str, moment: str) -> str | None:
    """Why a row's day and its time disagree, or None when they agree. A row's ``date`` is the
    local day of its time (SPEC §7): the calendar day of the timestamp in its own UTC offset,
    as the journal stores both — a check-in at 00:30 belongs to the day it was made."""
    if moment[:10] == day:
        return None
    return (
        f"{day_column} {day} is not the day of {time_column} {moment} ({moment[:10]}); "
        "a row's date is the local day of its time: fix one of them and import again"
    )


#: Strong's CSV layout, for apps that import Strong exports (holds go in ``Seconds``).
STRONG_COLUMNS = (
    "Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
    "Distance", "Seconds", "Notes", "Workout Notes", "RPE",
)  # fmt: skip

#: What ``export all`` writes, in the order import reads it (sessions first: others refer to them).
FILES = {"sessions": SESSIONS_COLUMNS, "sets": SETS_COLUMNS, "symptoms": SYMPTOMS_COLUMNS}
KINDS = ("sets", "symptoms", "sessions")

UNITS = ("kg", "lb")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]", re.DOTALL)
_ESCAPED = re.compile(r"''*[=+\-@\t\r]", re.DOTALL)
_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")


def number_text(value: float | int) -> str:
    """``4.0`` → ``4``, ``0.65`` → ``0.65``, ``7`` → ``7``; the inverse of ``float(text)``."""
    if isinstance(value, bool):
        raise TypeError("a flag is not a number")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be written as a number")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(value, "f").rstrip("0").rstrip(".")
    return text


def is_plain_number(text: str) -> bool:
    """True when ``text`` is exactly how :func:`number_text` writes some number."""
    return bool(_PLAIN_NUMBER.fullmatch(text)) and number_text(float(text)) == text


def protect(text: str) -> str:
    """Add the formula-injection ``'`` where the rule above says so."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unprotect(text: str) -> str:
    """Remove exactly the ``'`` that :func:`protect` added (see the module docstring)."""
    if not text.startswith("'"):
        return text
    return text[1:] if _ESCAPED.match(text) else text


def cell(value: object) -> str:
    """A stored value as a CSV cell (protected against formula injection)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return protect(str(value))


def load_cells(
    load: float | None, level: str | None, load_unit: str | None, ladder: str | None = None
) -> tuple[object, object]:
    """(``load``, ``load_unit``) of a set: the number and its unit, or the level and its ladder.

    ``ladder`` fills the unit of a level logged without one (the runner and demo store the
    level alone; the catalogue knows the exercise's ladder).
    """
    if load is not None:
        return load, load_unit
    if level:
        return level, load_unit or ladder
    return None, load_unit


def parse_load(load: str, load_unit: str) -> tuple[float | str | None, str | None, str | None]:
    """The inverse of :func:`load_cells`: (load number or None, load_unit, level).

    * an empty ``load`` is no load; ``load_unit`` is kept as written (or None);
    * with a unit of ``kg`` or ``lb`` the load must be a number (the caller validates it);
    * with any other unit (a ladder, e.g. ``band``) the load is the level's name;
    * with no unit, a number written the way export writes numbers is a load, anything
      else is a level.

    Returns the load still as text when it is to be validated as a number.
    """
    unit = load_unit or None
    if not load:
        return None, unit, None
    if unit in UNITS or (unit is None and is_plain_number(load)):
        return load, unit, None
    if unit is None and _looks_numeric(load):
        return load, unit, None
    return None, unit, load


def _looks_numeric(text: str) -> bool:
    """A number written another way (``4.0``, ``-1``, ``1e3``) is validated as a load — and
    refused or rounded — rather than silently becoming a level called ``4.0``. Export never
    writes numbers this way, so exported files are unaffected."""
    try:
        float(text)
    except ValueError:
        return False
    return not text.strip().isalpha()  # "nan", "inf": level names, not numbers
