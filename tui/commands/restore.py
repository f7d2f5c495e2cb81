"""``rehab-tui restore FILE``: put a backup back, keeping the journal as it was beside it."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "restore",
        help="put a backup back (the journal as it was is kept beside it)",
        description="Check FILE (a journal written by `rehab-tui backup`, an automatic "
        "backup, or a copy of journal.db), keep the current journal as "
        "journal.db.before-restore-<time>, then put FILE's content in place in one step. "
        "Refused while a routine runs in another window. The app does not notice a restore: "
        "if it is open in another window, quit it (q) and start it again.",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from journal.clock import now_local
    from journal.store import backup, paths
    from journal.store.locks import RunLocks

    journal = paths.resolve(args.db)
    if not paths.is_default(args.db):
        paths.require_parent(journal)

    def running_elsewhere() -> int | None:
        con = sqlite3.connect(journal.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            ids = [r[0] for r in con.execute("SELECT id FROM sessions WHERE status='in_progress'")]
        finally:
            con.close()
        locks = RunLocks(journal)
        try:
            return next((sid for sid in ids if locks.running_elsewhere(sid)), None)
        finally:
            locks.close()

    source = args.file.expanduser()
    kept = backup.restore(journal, source, now_local(), running_elsewhere)
    where = f"; the journal as it was is kept as {kept}" if kept else ""
    print(f"Restored {journal} from {source}{where}.")
    # The app reads the journal once and then only follows its own writes (it has no timer
    # or focus check that would see another process's change), so say it where it is read.
    print(
        "If rehab-tui is open in another window, quit it (q) and start it again: until then "
        "it still shows the journal as it was before the restore."
    )
    return 0
