"""CSV import (SPEC §7): restore what ``export all`` wrote — all of it, or none of it.

Two passes over the files ``export all`` wrote. The first validates every row (with
``journal.validate``, the same rules the app and the API use) and checks that the files agree with each other and
with the journal: every set and check-in belongs to a session that is imported or already
there, each session's ``sets`` count matches ``sets.csv``, no session id or check-in is
already in the journal. The first problem found refuses the whole import with a message
naming the file, the line and what is wrong. Only then does the second pass insert every
row in ONE transaction, with session ids preserved — so the journal is either unchanged or
holds everything, and export → import into an empty journal → export is byte-identical.

Memory: the first pass keeps a few numbers per session (not per set); the second streams.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from journal.exchange import outcomes_csv
from journal.exchange.csv_format import FILES
from journal.errors import FileProblem
from journal.exchange.csv_rows import (  # noqa: F401 - re-exported: callers and tests use them here
    BATCH, REPORT_EVERY, ImportSummary, Progress, RowProblem, _Plan, _records, _Session,
    _set_rules, clean_session, clean_set, clean_symptom, routine_id_for, same_day,
)

if TYPE_CHECKING:
    from journal.api import Journal


def locate(folder: Path) -> dict[str, Path]:
    folder = Path(folder)
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a directory"
        raise FileProblem(f"{folder} {what}; give the directory `rehab-tui export all` wrote")
    files = {kind: folder / f"{kind}.csv" for kind in FILES}
    missing = [p.name for p in files.values() if not p.is_file()]
    if missing:
        raise FileProblem(
            f"{folder} has no {', '.join(missing)}; give the folder `rehab-tui export all` wrote "
            "(it holds sessions.csv, sets.csv, symptoms.csv and the other files together)"
        )
    return files


def _not_ahead(name: str, line: int, column: str, stamp: str, now: datetime | None) -> None:
    """Nothing starts more than a day after the clock: a year-9999 session made `suggest`
    and `report` fail and History hang (issue 15)."""
    if now is None:
        return
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    if moment > now + timedelta(days=1):
        raise RowProblem(
            f"{name} line {line} ({column}): {stamp} is more than a day after now "
            f"({now.isoformat(timespec='minutes')}); fix the date in the file, or this "
            "computer's clock, and import again"
        )


def check(journal: Journal, files: Mapping[str, Path], now: datetime | None = None) -> _Plan:
    """Validate every row of sessions.csv, sets.csv and symptoms.csv against each other and
    the journal (the other files: csv_tables.check, outcomes_csv.read)."""
    from sqlalchemy import select

    from journal.api import T_SESSIONS

    existing = {r[0] for r in journal._read(select(T_SESSIONS.c.id))}
    plan = _Plan()
    for line, rec in _records(files["sessions"]):
        row = clean_session(line, rec)
        _not_ahead("sessions.csv", line, "started_at", row["started_at"], now)
        same_day("sessions.csv", line, row, "started_at")
        sid = row["session_id"]
        if sid in plan.sessions:
            first = plan.sessions[sid].line
            raise RowProblem(f"sessions.csv line {line}: session {sid} is also on line {first}")
        plan.sessions[sid] = _Session(line, row["date"], row["routine"], row["sets"])
        plan.rows["sessions"] += 1
    rules = _set_rules()
    for line, rec in _records(files["sets"]):
        row = clean_set(line, rec, rules)
        session = plan.sessions.get(row["session_id"])
        if session is None:
            raise RowProblem(f"sets.csv line {line}: session {row['session_id']} is not in sessions.csv")
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
    for line, rec in _records(files["symptoms"]):
        row = clean_symptom(line, rec)
        sid = row["session_id"]
        if sid is not None and sid not in plan.sessions and sid not in existing:
            raise RowProblem(
                f"symptoms.csv line {line}: session {sid} is neither in sessions.csv "
                "nor in the journal"
            )
        _not_ahead("symptoms.csv", line, "recorded_at", row["recorded_at"], now)
        same_day("symptoms.csv", line, row, "recorded_at")
        key = (row["recorded_at"], row["context"], row["region"])
        if key in plan.checkins:
            raise RowProblem(
                f"symptoms.csv line {line}: the {row['context']} check-in for {row['region']} at "
                f"{row['recorded_at']} is also on line {plan.checkins[key]}; remove one and import again"
            )
        plan.checkins[key] = line
        plan.rows["symptoms"] += 1
    return plan


# ---- pass 2: journal/exchange/merge.py ----------------------------------------------------
def import_folder(
    journal: Journal,
    folder: Path,
    *,
    routine_ids: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportSummary:
    """Validate the files in ``folder``, then add what is new in one transaction
    (journal/exchange/merge.py). Raises RowProblem (an InvalidValue) or FileProblem and
    changes nothing if any row is bad. ``routine_ids`` maps routine names to catalogue ids."""
    from journal.exchange import csv_tables, merge

    files = locate(folder)
    plan = check(journal, files, now)
    others = csv_tables.present(Path(folder))
    csv_tables.check(others)
    outcomes = outcomes_csv.read(Path(folder) / outcomes_csv.FILE)  # checked before any write
    return merge.add(journal, files, plan, others, routine_ids or {}, progress, outcomes)
