"""Validators for every value that enters the journal (SPEC §8).

Each takes what a user or a file gave (a number or text) and returns the clean value, or
raises InvalidValue with a message that names the field, the rule and the value given.
Used by the journal API, the CSV importer, the CLI and the app's forms alike.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from journal.errors import InvalidValue

MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

#: field name → (low, high, whole numbers only)
LIMITS: dict[str, tuple[float, float, bool]] = {
    "pain": (0, 10, True),
    "numbness": (0, 10, True),
    "tingling": (0, 10, True),
    "weakness": (0, 10, True),
    "pain_during": (0, 10, True),
    "effort": (0, 10, True),
    "reps": (0, 500, True),
    "target_reps": (0, 500, True),
    "set_number": (1, 99, True),
    "hold_s": (0, 600, False),
    "target_hold_s": (0, 600, False),
    "load": (0, 500, False),
    "sets": (1, 10, True),
    "days": (1, 36500, True),
    "weeks": (1, 104, True),
    "session_id": (1, 10**12, True),
    "set_count": (0, 100_000, True),
    "count_seconds": (0.8, 1.5, False),
}


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    text = _CONTROL.sub("?", text.replace("\n", "?").replace("\t", "?"))
    return text if len(text) <= 40 else text[:37] + "…"


def number(field: str, value: object, *, optional: bool = False) -> float | int | None:
    """Check ``value`` against ``LIMITS[field]``; strings are parsed (``" 8 "`` → 8)."""
    lo, hi, whole = LIMITS[field]
    label = field.replace("_", " ")
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise InvalidValue(f"{label} is required")
    kind = "a whole number" if whole else "a number"
    if isinstance(value, bool):
        raise InvalidValue(f"{label} must be {kind} from {_num(lo)} to {_num(hi)} (got {_show(value)})")
    if isinstance(value, str):
        # Plain ASCII digits only: Python would also take "1_000", "٣", "1e3" or "nan".
        text = value.strip()
        if len(text) > 24 or not (_WHOLE if whole else _DECIMAL).fullmatch(text):
            raise InvalidValue(
                f"{label} must be {kind} from {_num(lo)} to {_num(hi)} (got {_show(value)})"
            )
        parsed: float = int(text) if whole else float(text)
    elif isinstance(value, (int, float)):
        parsed = value
    else:
        raise InvalidValue(f"{label} must be {kind} (got {_show(value)})")
    if isinstance(parsed, float) and not math.isfinite(parsed):
        raise InvalidValue(f"{label} must be {kind} from {_num(lo)} to {_num(hi)} (got {_show(value)})")
    if whole and parsed != int(parsed):
        raise InvalidValue(f"{label} must be a whole number (got {_show(value)})")
    if not lo <= parsed <= hi:
        raise InvalidValue(f"{label} must be from {_num(lo)} to {_num(hi)} (got {_show(value)})")
    return int(parsed) if whole else round(float(parsed), 3)


def row_id(field: str, value: object) -> int:
    """A row id as SQLite keeps them: a whole number from 1 to 2⁶³−1 (a bigger one cannot
    even be passed to SQLite: it would fail as an OverflowError, not as a missing row)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**63:
        raise InvalidValue(f"{field} must be a row number from 1 (got {_show(value)})")
    return value


def choice(field: str, value: object, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidValue(
            f"{field.replace('_', ' ')} must be one of {', '.join(allowed)} (got {_show(value)})"
        )
    return str(value)


def text(field: str, value: object, *, max_len: int = MAX_TEXT) -> str:
    """Free text: any Unicode, newlines and tabs allowed; no other control characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidValue(f"{field} must be text (got {_show(value)})")
    if len(value) > max_len:
        raise InvalidValue(f"{field} is too long ({len(value)} characters, at most {max_len})")
    if _CONTROL.search(value):
        raise InvalidValue(f"{field} contains control characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(f"{field} is not valid text (broken Unicode)") from None
    return value


#: Every day the journal takes lies in here (issue 15: a session dated 9999-12-31 made
#: `suggest` and `report` fail and History hang).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


def day_in_range(field: str, day: date) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidValue(
            f"{field.replace('_', ' ')}: {day.isoformat()} is outside the days rehab-tui keeps "
            f"({FIRST_DAY.isoformat()} … {LAST_DAY.isoformat()})"
        )
    return day


def iso_day(field: str, value: object) -> date:
    """``2026-03-01`` → date; ``2026-02-30`` names itself as impossible."""
    if isinstance(value, datetime):
        return day_in_range(field, value.date())
    if isinstance(value, date):
        return day_in_range(field, value)
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise InvalidValue(f"{field} must be a date like 2026-03-01 (got {_show(value)})")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValue(f"{field}: {value.strip()} is not a real date") from None
    return day_in_range(field, day)


def flag(field: str, value: object) -> bool:
    """Yes or no: a bool (or 0/1); anything else is named, not guessed at."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise InvalidValue(f"{field} must be yes or no (got {_show(value)})")


def slugs(field: str, value: object) -> tuple[str, ...]:
    """A collection of catalogue ids (``wrist-curl``); a lone string is refused, not split."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidValue(f"{field} must be a list of exercise ids (got {_show(value)})")
    out = []
    for item in value:
        if not isinstance(item, str) or not _SLUG.fullmatch(item):
            raise InvalidValue(f"{field}: {_show(item)} is not an exercise id (like wrist-curl)")
        out.append(item)
    return tuple(sorted(set(out)))


_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)", re.ASCII
)


def timestamp(field: str, value: object, *, optional: bool = False) -> str | None:
    """An ISO 8601 moment *with* its UTC offset (``2026-11-24T08:12:03+01:00``), kept as text.

    The text is returned as given (stripped), so what was exported is what gets stored.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise InvalidValue(f"{field.replace('_', ' ')} is required")
    text_value = value.strip() if isinstance(value, str) else ""
    if not _STAMP.fullmatch(text_value):
        raise InvalidValue(
            f"{field.replace('_', ' ')} must be a time like 2026-11-24T08:12:03+01:00, "
            f"with its UTC offset (got {_show(value)})"
        )
    try:
        moment = datetime.fromisoformat(text_value)
    except ValueError:
        raise InvalidValue(f"{field.replace('_', ' ')}: {text_value} is not a real time") from None
    day_in_range(field, moment.date())
    return text_value
