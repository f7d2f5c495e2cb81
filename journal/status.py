"""``rehab-tui status``: one line for a shell prompt or a tmux status bar.

Reads the journal with the standard library's ``sqlite3`` only — no SQLAlchemy, no
Textual — so it costs little more than starting Python.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from journal.store import paths, verification as verified


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def status_line(path: Path, due: Sequence[tuple[str, Sequence[str]]], today: date) -> str:
    """``due``: (name, covered by) of each routine due ``today``, from the catalogue: covered by
    the ids of the routines whose completed session counts for it (itself first).

    Raises JournalError for a file that is not a journal (the CLI prints it, exit 1)."""
    if not paths.check_file(path):
        return f"rehab: no journal yet at {path} — run rehab-tui to start"
    paths.require_writable(path)
    # A damaged journal must not look fine in a prompt. Checking reads every page (~0.35 s for
    # ten years), so it is done once per change of the file (journal/store/verification.py). Asked before
    # connecting: opening a WAL journal creates its -wal file, which changes the signature.
    checked = not verified.is_verified(path)
    pages_checked = False
    if checked:  # a -wal left by another journal must not be folded in by our connection
        from journal.store import sound

        pages_checked = sound.check_wal(path)
    # A plain (not mode=ro) connection: closing it as the last reader tidies the -wal/-shm files.
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA busy_timeout=5000")
        revision = paths.read_revision(con, path)
        paths.check_revision(revision, path)
        if checked:
            from journal.store import sound

            sound.check_schema(con, path, revision)
        if revision is None:
            return "rehab: journal is new — nothing logged yet"
        if checked and not pages_checked:  # (check_wal read every page already)
            problems = [row[0] for row in con.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                from journal.errors import NotAJournal
                from journal.store.faults import damaged

                raise NotAJournal(damaged(path, " ".join(map(str, problems))))
        parts = _status_parts(con, due, today)
    except sqlite3.DatabaseError as err:
        from journal.store.faults import as_journal_error

        raise as_journal_error(err, path) from None
    finally:
        con.close()
    if checked:  # after closing: the last reader's close may fold the -wal into the journal
        verified.remember(path)
    return "rehab: " + " · ".join(parts)


def _status_parts(con: sqlite3.Connection, due: Sequence[tuple[str, Sequence[str]]], today: date) -> list[str]:
    parts: list[str] = []
    flags = con.execute("SELECT COUNT(*) FROM red_flags WHERE resolved_at IS NULL").fetchone()[0]
    if flags:
        parts.append(f"STOP: {flags} red flag{'s' if flags > 1 else ''} to review")
    last = con.execute(
        "SELECT local_day FROM sessions WHERE status='completed' ORDER BY local_day DESC LIMIT 1"
    ).fetchone()
    if last:
        parts.append("last session " + _ago((today - date.fromisoformat(last[0])).days))
    else:
        parts.append("no session yet")
    done_today = {
        r[0]
        for r in con.execute(
            "SELECT routine_id FROM sessions WHERE status='completed' AND local_day=?",
            (today.isoformat(),),
        )
    }
    if due:  # a routine is done when a session of it, or of one that holds it all, is completed
        todo = [name for name, covered_by in due if not done_today.intersection(covered_by)]
        parts.append("due today: " + ", ".join(todo) if todo else "all done today ✓")
    else:
        parts.append("rest day")
    if con.execute("SELECT 1 FROM sessions WHERE status='in_progress' LIMIT 1").fetchone():
        parts.append("a session to resume")
    return parts
