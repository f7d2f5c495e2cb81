"""Adding what an import brings to a journal that may already hold data — in ONE write
transaction, every decision taken under the write lock (so two imports at once, or an import
while the app logs sets, never add a row twice).

* Into a journal without sessions, every session keeps its id: export → import → export is
  byte-identical.
* Into a journal with sessions, a session already there — same routine and start time — is
  skipped with its sets and check-ins; every other session gets a new id after the journal's
  last, and its sets and check-ins follow it.
* A check-in is skipped when one of the same time, context and region is already there.
* Profile, doses, red flags and decisions: journal/exchange/csv_tables.py (by time).

Merging the same files twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.api import Journal
    from journal.exchange.csv_rows import ImportSummary, _Plan
    from journal.exchange.outcomes_csv import Outcomes

BATCH = 500
REPORT_EVERY = 2000


def add(
    journal: Journal,
    files: Mapping[str, Path],
    plan: _Plan,
    others: Mapping[str, Path],
    known: Mapping[str, str],
    progress: Callable[[int, int], None] | None,
    outcomes: "Outcomes | None" = None,
) -> ImportSummary:
    from sqlalchemy import insert, select

    from journal.api import PROFILE_DEFAULTS, T_CHECKINS, T_SESSIONS, T_SETS
    from journal.exchange import csv_tables, outcomes_csv
    from journal.exchange.csv_rows import (
        ImportSummary, _records, _set_rules, clean_session, clean_set, clean_symptom, routine_id_for,
    )  # fmt: skip
    from journal.store.engine import translate_errors
    from journal.store.person import profile_filled_in

    done = 0
    added = {"sessions": 0, "sets": 0, "symptoms": 0}

    def flush(conn, table, batch: list[dict[str, Any]], kind: str) -> None:  # noqa: ANN001
        nonlocal done
        if batch:
            conn.execute(insert(table), batch)
            done += len(batch)
            added[kind] += len(batch)
            if progress and (done // REPORT_EVERY != (done - len(batch)) // REPORT_EVERY):
                progress(done, plan.total)
            batch.clear()

    rules = _set_rules()
    with translate_errors(journal.path), journal._writer.begin() as conn:
        # Everything below is read under the write lock: nothing can land in between.
        there = {
            (r.routine_id, r.started_at): r.id
            for r in conn.execute(select(T_SESSIONS.c.id, T_SESSIONS.c.routine_id, T_SESSIONS.c.started_at))
        }
        named = {
            (r.routine_name, r.started_at)
            for r in conn.execute(select(T_SESSIONS.c.routine_name, T_SESSIONS.c.started_at))
        }
        ids_there = set(there.values())
        keep_ids = not ids_there
        next_id = max(ids_there, default=0) + 1
        new_id: dict[int, int | None] = {}  # file's session id → id in the journal (None: skipped)
        skipped = 0
        batch: list[dict[str, Any]] = []
        for line, rec in _records(files["sessions"]):
            row = clean_session(line, rec)
            routine_id = routine_id_for(row["routine"], known)
            sid = row["session_id"]
            if (routine_id, row["started_at"]) in there or (row["routine"], row["started_at"]) in named:
                new_id[sid] = None
                skipped += 1
                continue
            if keep_ids:
                new_id[sid] = sid
            else:
                new_id[sid] = next_id
                next_id += 1
            batch.append({
                "id": new_id[sid], "routine_id": routine_id, "routine_name": row["routine"],
                "started_at": row["started_at"], "ended_at": row["ended_at"],
                "local_day": row["date"], "status": row["status"], "note": row["note"],
            })  # fmt: skip
            if len(batch) >= BATCH:
                flush(conn, T_SESSIONS, batch, "sessions")
        flush(conn, T_SESSIONS, batch, "sessions")
        for line, rec in _records(files["sets"]):
            row = clean_set(line, rec, rules)
            target = new_id[row["session_id"]]
            if target is None:
                continue
            for column in ("date", "routine"):
                del row[column]
            row["exercise_name"] = row.pop("exercise")
            row["session_id"] = target
            batch.append(row)
            if len(batch) >= BATCH:
                flush(conn, T_SETS, batch, "sets")
        flush(conn, T_SETS, batch, "sets")
        checkins_there = {
            tuple(r)
            for r in conn.execute(select(T_CHECKINS.c.recorded_at, T_CHECKINS.c.context, T_CHECKINS.c.region))
        }
        for line, rec in _records(files["symptoms"]):
            row = clean_symptom(line, rec)
            sid = row["session_id"]
            if sid is not None and sid in new_id:
                if new_id[sid] is None:
                    continue  # its session is already there, with its own check-ins
                row["session_id"] = new_id[sid]
            if (row["recorded_at"], row["context"], row["region"]) in checkins_there:
                continue
            row["local_day"] = row.pop("date")
            batch.append(row)
            if len(batch) >= BATCH:
                flush(conn, T_CHECKINS, batch, "symptoms")
        flush(conn, T_CHECKINS, batch, "symptoms")
        untouched = profile_filled_in(conn, PROFILE_DEFAULTS) is None
        others_added = csv_tables.insert(conn, others, untouched)
        outcome_rows = outcomes_csv.insert(conn, outcomes)
    if progress:
        progress(plan.total, plan.total)
    return ImportSummary(
        added["sessions"], added["sets"], added["symptoms"], skipped, others_added, outcome_rows
    )
