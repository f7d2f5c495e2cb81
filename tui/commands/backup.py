"""``rehab-tui backup [-o FILE|DIR]``: a checked copy of the journal (SQLite's backup API)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "backup",
        help="a checked copy of the journal (default: into the backups folder beside it)",
        description="Copy the journal with SQLite's online backup API (safe while the app "
        "runs), check the copy and only then put it in place, readable only by you. Without "
        "-o it goes to the backups folder beside the journal (created if needed), where the "
        "app also keeps 7 daily and 4 weekly copies by itself.",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE|DIR",
        help="where to write the copy: a file, or a folder to put it in; the folder must "
        "exist (rehab-tui does not create one you name)",
    )  # fmt: skip
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from journal.clock import now_local
    from journal.store import backup, paths

    journal = paths.resolve(args.db)
    target = Path(args.output).expanduser() if args.output else backup.folder_for(journal)
    if args.output and args.output.endswith(("/", os.sep)) and not target.is_dir():
        from journal.errors import FileProblem

        if target.exists():
            raise FileProblem(
                f"cannot write into {target}: it is a file, not a folder; choose another -o path"
            )
        raise FileProblem(
            f"cannot write into {target}: the folder does not exist; create it first or choose "
            "another -o path"
        )
    if not args.output and paths.check_file(journal):
        target.mkdir(mode=0o700, parents=True, exist_ok=True)  # the copy goes inside it
    made = backup.backup_to(journal, target, now_local())
    print(f"Backed up {journal} to {made} (checked).")
    return 0
