"""Reading the files an import takes (sessions.csv, sets.csv, symptoms.csv): each record
with the line it starts on, each cell checked with ``journal.validate`` — shared by the check
(csv_import.py) and the insert (merge.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal import validate
from journal.exchange.csv_format import FILES, day_mismatch, parse_load
from journal.exchange.csv_read import RowProblem, cells
from journal.errors import InvalidValue
from journal.records import CONTEXTS, REGIONS, STATUSES

Progress = Callable[[int, int], None]
BATCH = 500
REPORT_EVERY = 2000


@dataclass(frozen=True)
class ImportSummary:
    """What was added (rows already in the journal are not counted)."""

    sessions: int
    sets: int
    symptoms: int
    #: Sessions of the files already in the journal (same routine and start), left out.
    skipped: int = 0
    #: Rows added from each file of ``csv_tables.REGISTRY`` (profile, doses, …) found.
    others: dict[str, int] = field(default_factory=dict)
    #: Rows of outcomes.csv added (PSFS activities and ratings, grip readings).
    outcomes: int = 0


# ---- reading the files ---------------------------------------------------------------------
def _records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line where the record starts, {column: cell with the injection guard removed})."""
    columns = FILES[path.stem]
    for line, values in cells(path, columns):
        yield line, dict(zip(columns, values))


def _clean(
    name: str, line: int, rec: Mapping[str, str], rules: Mapping[str, Callable[[str], Any]]
) -> dict[str, Any]:
    out = {}
    for column, rule in rules.items():
        try:
            out[column] = rule(rec[column])
        except InvalidValue as err:
            raise RowProblem(f"{name} line {line} ({column}): {err}") from None
    return out


def _required_text(key: str, max_len: int) -> Callable[[str], str]:
    def rule(v: str) -> str:
        if not v.strip():
            raise InvalidValue(f"{key.replace('_', ' ')} is required")
        return validate.text(key, v, max_len=max_len)

    return rule


_SESSION_RULES: dict[str, Callable[[str], Any]] = {
    "date": lambda v: validate.iso_day("date", v).isoformat(),
    "session_id": lambda v: validate.number("session_id", v),
    "routine": lambda v: validate.text("routine", v, max_len=200),
    "started_at": lambda v: validate.timestamp("started_at", v),
    "ended_at": lambda v: validate.timestamp("ended_at", v, optional=True),
    "status": lambda v: validate.choice("status", v, STATUSES),
    "sets": lambda v: validate.number("set_count", v),
    "note": lambda v: validate.text("note", v),
}
_SYMPTOM_RULES: dict[str, Callable[[str], Any]] = {
    "date": lambda v: validate.iso_day("date", v).isoformat(),
    "recorded_at": lambda v: validate.timestamp("recorded_at", v),
    "session_id": lambda v: validate.number("session_id", v, optional=True),
    "context": lambda v: validate.choice("context", v, CONTEXTS),
    "region": lambda v: validate.choice("region", v, REGIONS),
    "pain": lambda v: validate.number("pain", v),
    "numbness": lambda v: validate.number("numbness", v),
    "tingling": lambda v: validate.number("tingling", v),
    "weakness": lambda v: validate.number("weakness", v),
    "note": lambda v: validate.text("note", v),
}


def _set_rules() -> dict[str, Callable[[str], Any]]:
    from journal.api import clean_set_fields

    def field_rule(key: str) -> Callable[[str], Any]:
        return lambda v: clean_set_fields({key: v})[key]

    rules: dict[str, Callable[[str], Any]] = {
        "date": lambda v: validate.iso_day("date", v).isoformat(),
        "session_id": lambda v: validate.number("session_id", v),
        "routine": lambda v: validate.text("routine", v, max_len=200),
        "exercise_id": _required_text("exercise_id", 64),
        "exercise": field_rule("exercise_name"),
    }
    for key in ("side", "set_number", "target_reps", "reps", "target_hold_s", "hold_s"):
        rules[key] = field_rule(key)
    for key in ("effort", "pain_during", "stop_reason", "note"):
        rules[key] = field_rule(key)
    rules["logged_at"] = lambda v: validate.timestamp("logged_at", v)
    return rules


def _clean_load(name: str, line: int, rec: Mapping[str, str]) -> dict[str, Any]:
    from journal.api import clean_set_fields

    load, unit, level = parse_load(rec["load"], rec["load_unit"])
    try:
        return clean_set_fields({"load": load, "load_unit": unit, "level": level})
    except InvalidValue as err:
        raise RowProblem(f"{name} line {line} (load): {err}") from None


def same_day(name: str, line: int, row: Mapping[str, Any], time_column: str) -> None:
    """Refuse a row whose ``date`` is not the local day of its ``time_column`` (SPEC §7)."""
    problem = day_mismatch("date", row["date"], time_column, row[time_column])
    if problem:
        raise RowProblem(f"{name} line {line}: {problem}")


def clean_session(line: int, rec: Mapping[str, str]) -> dict[str, Any]:
    return _clean("sessions.csv", line, rec, _SESSION_RULES)


def clean_set(
    line: int, rec: Mapping[str, str], rules: Mapping[str, Callable[[str], Any]]
) -> dict[str, Any]:
    row = _clean("sets.csv", line, rec, rules)
    row.update(_clean_load("sets.csv", line, rec))
    return row


def clean_symptom(line: int, rec: Mapping[str, str]) -> dict[str, Any]:
    return _clean("symptoms.csv", line, rec, _SYMPTOM_RULES)


def routine_id_for(name: str, known: Mapping[str, str]) -> str:
    """The catalogue id of a routine by its name, else a slug of the name."""
    if name in known:
        return known[name]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:64] or "imported"


# ---- pass 1: validate everything -----------------------------------------------------------
@dataclass
class _Session:
    line: int
    day: str
    routine: str
    declared: int
    found: int = 0


@dataclass
class _Plan:
    sessions: dict[int, _Session] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=lambda: {k: 0 for k in FILES})
    #: (recorded_at, context, region) of every check-in → its line in symptoms.csv
    checkins: dict[tuple[str, str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())
