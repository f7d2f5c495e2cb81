"""Reading the files an import takes (sessions.csv, sets.csv, symptoms.csv): each record
with the line it starts on, each cell checked with ``journal.validate`` — shared by the check
(csv_import.py) and the insert (merge.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal import validate
from journal.exchange.csv_format import FILES, day_mismatch, parse_load, unprotect
from journal.errors import FileProblem, InvalidValue
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


class RowProblem(InvalidValue):
    """A row that cannot be imported; ``str()`` names the file and line."""


# ---- reading the files ---------------------------------------------------------------------
def _records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line where the record starts, {column: cell with the injection guard removed})."""
    columns = FILES[path.stem]
    name = path.name
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise FileProblem(f"cannot read {path} ({err.strerror})") from None
    with fh:
        reader = csv.reader(fh, strict=True)
        line = 1
        try:
            header = next(reader, None)
            if header is None:
                raise RowProblem(f"{name} is empty; expected the header {','.join(columns)}")
            if tuple(header) != columns:
                if _utf16("".join(header[:1]).encode("utf-8", "surrogatepass")[:4]):
                    raise RowProblem(_UTF16.format(name=name))
                raise RowProblem(
                    f"{name} line 1: not the layout rehab-tui exports; expected the header "
                    f"{','.join(columns)}"
                )
            line = reader.line_num + 1
            for values in reader:
                start, line = line, reader.line_num + 1
                if not values:
                    continue  # a blank line
                if len(values) != len(columns):
                    raise RowProblem(
                        f"{name} line {start}: {len(values)} fields, expected {len(columns)}"
                    )
                yield start, {c: unprotect(v) for c, v in zip(columns, values)}
        except UnicodeDecodeError:
            raise RowProblem(_not_utf8(path)) from None
        except csv.Error as err:
            raise RowProblem(f"{name} line {line}: {err}") from None


def _not_utf8(path: Path) -> str:
    """Where a file stops being UTF-8, by line as an editor counts them, and what to do.

    The text reader decodes ahead in chunks, so its line count says nothing about where the
    bad byte is; the file is scanned again as bytes (on this error path only, chunk by chunk).
    """
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    try:
        with open(path, "rb") as fh:
            if _utf16(fh.read(4)):
                return _UTF16.format(name=path.name)
            fh.seek(0)
            while chunk := fh.read(1 << 16):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as err:
                    # err.start counts from what the decoder still held back from the last chunk
                    held = len(err.object) - len(chunk)
                    at = max(0, err.start - held)
                    line += chunk.count(b"\n", 0, at)
                    return f"{path.name} line {line}: not UTF-8 text (byte 0x{err.object[err.start]:02x}); {_SAVE_AS_UTF8}"
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:  # the file ends inside a character
        return f"{path.name} line {line}: not UTF-8 text (it ends mid-character); {_SAVE_AS_UTF8}"
    except OSError as err:
        return f"cannot read {path} ({err.strerror})"
    return f"{path.name}: not UTF-8 text; {_SAVE_AS_UTF8}"


_SAVE_AS_UTF8 = "save it as UTF-8 (in a spreadsheet: CSV UTF-8) and import again"
_UTF16 = "{name} line 1: saved as UTF-16; " + _SAVE_AS_UTF8


def _utf16(head: bytes) -> bool:
    """The first bytes of a UTF-16 file: its byte-order mark, or ASCII with NULs between."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    return len(head) >= 4 and (head[1::2] == b"\0\0" or head[0::2] == b"\0\0")


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
