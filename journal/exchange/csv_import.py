"""CSV import (SPEC §7): restore what ``export all`` wrote — all of it, or none of it.

Two passes over the three files. The first validates every row (with ``journal.validate``,
the same rules the app and the API use) and checks that the files agree with each other and
with the journal: every set and check-in belongs to a session that is imported or already
there, each session's ``sets`` count matches ``sets.csv``, no session id or check-in is
already in the journal. The first problem found refuses the whole import with a message
naming the file, the line and what is wrong. Only then does the second pass insert every
row in ONE transaction, with session ids preserved — so the journal is either unchanged or
holds everything, and export → import into an empty journal → export is byte-identical.

Memory: the first pass keeps a few numbers per session (not per set); the second streams.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal import validate
from journal.exchange import outcomes_csv
from journal.exchange.csv_format import FILES, parse_load, unprotect
from journal.errors import FileProblem, InvalidValue
from journal.records import CONTEXTS, REGIONS, STATUSES

if TYPE_CHECKING:
    from journal.api import Journal

Progress = Callable[[int, int], None]
BATCH = 500
REPORT_EVERY = 2000


@dataclass(frozen=True)
class ImportSummary:
    sessions: int
    sets: int
    symptoms: int
    #: Rows of outcomes.csv (PSFS activities and ratings, grip readings).
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

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def locate(folder: Path) -> dict[str, Path]:
    folder = Path(folder)
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a directory"
        raise FileProblem(f"{folder} {what}; give the directory `rehab-tui export all` wrote")
    files = {kind: folder / f"{kind}.csv" for kind in FILES}
    missing = [p.name for p in files.values() if not p.is_file()]
    if missing:
        raise FileProblem(
            f"{folder} has no {', '.join(missing)}; `export all` writes all three files"
        )
    return files


def check(journal: Journal, files: Mapping[str, Path]) -> _Plan:
    """Validate every row of the three files against each other and the journal."""
    from sqlalchemy import select

    from journal.api import T_CHECKINS, T_SESSIONS

    existing = {r[0] for r in journal._read(select(T_SESSIONS.c.id))}
    plan = _Plan()
    for line, rec in _records(files["sessions"]):
        row = clean_session(line, rec)
        sid = row["session_id"]
        if sid in plan.sessions:
            first = plan.sessions[sid].line
            raise RowProblem(f"sessions.csv line {line}: session {sid} is also on line {first}")
        if sid in existing:
            raise RowProblem(
                f"sessions.csv line {line}: session {sid} already exists in the journal"
            )
        plan.sessions[sid] = _Session(line, row["date"], row["routine"], row["sets"])
        plan.rows["sessions"] += 1
    rules = _set_rules()
    for line, rec in _records(files["sets"]):
        row = clean_set(line, rec, rules)
        session = plan.sessions.get(row["session_id"])
        if session is None:
            where = (
                "already exists in the journal"
                if row["session_id"] in existing
                else "is not in sessions.csv"
            )
            raise RowProblem(f"sets.csv line {line}: session {row['session_id']} {where}")
        for column, expected in (("date", session.day), ("routine", session.routine)):
            if row[column] != expected:
                raise RowProblem(
                    f"sets.csv line {line}: {column} {row[column]!r} differs from session "
                    f"{row['session_id']}'s {expected!r} (sessions.csv line {session.line})"
                )
        session.found += 1
        plan.rows["sets"] += 1
    for sid, session in plan.sessions.items():
        if session.found != session.declared:
            raise RowProblem(
                f"sessions.csv line {session.line}: session {sid} lists {session.declared} sets "
                f"but sets.csv has {session.found}"
            )
    present = {
        (r.recorded_at, r.context, r.region)
        for r in journal._read(
            select(T_CHECKINS.c.recorded_at, T_CHECKINS.c.context, T_CHECKINS.c.region)
        )
    }
    for line, rec in _records(files["symptoms"]):
        row = clean_symptom(line, rec)
        sid = row["session_id"]
        if sid is not None and sid not in plan.sessions and sid not in existing:
            raise RowProblem(
                f"symptoms.csv line {line}: session {sid} is neither in sessions.csv "
                "nor in the journal"
            )
        if (row["recorded_at"], row["context"], row["region"]) in present:
            raise RowProblem(
                f"symptoms.csv line {line}: the {row['context']} check-in for {row['region']} at "
                f"{row['recorded_at']} is already in the journal"
            )
        plan.rows["symptoms"] += 1
    return plan


# ---- pass 2: insert everything in one transaction ------------------------------------------
def _still_free(conn, plan: _Plan) -> None:  # noqa: ANN001 - a Connection in a write transaction
    """Pass 1 ran without the write lock (so the app could go on logging sets meanwhile);
    under the lock, make sure no session id it found free has been taken since."""
    from sqlalchemy import select

    from journal.api import T_SESSIONS

    taken = {r[0] for r in conn.execute(select(T_SESSIONS.c.id))} & plan.sessions.keys()
    if taken:
        sid = min(taken, key=lambda s: plan.sessions[s].line)
        raise RowProblem(
            f"sessions.csv line {plan.sessions[sid].line}: session {sid} was added to the "
            "journal while the files were being checked; nothing was imported"
        )


def import_folder(
    journal: Journal,
    folder: Path,
    *,
    routine_ids: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Validate the three files in ``folder``, then insert them all in one transaction.

    Raises RowProblem (an InvalidValue) or FileProblem and changes nothing if any row is bad.
    ``routine_ids`` maps routine names to catalogue ids (sessions.csv carries the name).
    """
    from sqlalchemy import insert

    from journal.api import T_CHECKINS, T_SESSIONS, T_SETS
    from journal.store.engine import translate_errors

    files = locate(folder)
    plan = check(journal, files)
    outcomes = outcomes_csv.read(Path(folder) / outcomes_csv.FILE)  # checked before any write
    known = routine_ids or {}
    done = 0

    def flush(conn, table, batch: list[dict[str, Any]]) -> None:
        nonlocal done
        if batch:
            conn.execute(insert(table), batch)
            done += len(batch)
            if progress and (done // REPORT_EVERY != (done - len(batch)) // REPORT_EVERY):
                progress(done, plan.total)
            batch.clear()

    rules = _set_rules()
    with translate_errors(journal.path), journal._writer.begin() as conn:
        _still_free(conn, plan)
        batch: list[dict[str, Any]] = []
        for line, rec in _records(files["sessions"]):
            row = clean_session(line, rec)
            batch.append({
                "id": row["session_id"], "routine_id": routine_id_for(row["routine"], known),
                "routine_name": row["routine"], "started_at": row["started_at"],
                "ended_at": row["ended_at"], "local_day": row["date"], "status": row["status"],
                "note": row["note"],
            })  # fmt: skip
            if len(batch) >= BATCH:
                flush(conn, T_SESSIONS, batch)
        flush(conn, T_SESSIONS, batch)
        for line, rec in _records(files["sets"]):
            row = clean_set(line, rec, rules)
            for column in ("date", "routine"):
                del row[column]
            row["exercise_name"] = row.pop("exercise")
            batch.append(row)
            if len(batch) >= BATCH:
                flush(conn, T_SETS, batch)
        flush(conn, T_SETS, batch)
        for line, rec in _records(files["symptoms"]):
            row = clean_symptom(line, rec)
            row["local_day"] = row.pop("date")
            batch.append(row)
            if len(batch) >= BATCH:
                flush(conn, T_CHECKINS, batch)
        flush(conn, T_CHECKINS, batch)
        outcome_rows = outcomes_csv.insert(conn, outcomes)
    if progress:
        progress(plan.total, plan.total)
    return ImportSummary(plan.rows["sessions"], plan.rows["sets"], plan.rows["symptoms"], outcome_rows)
