"""``rehab-tui import DIR``: restore what ``rehab-tui export all`` wrote — all of it or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.cli import add_db_option

    p = sub.add_parser(
        "import",
        help="restore what `export all` wrote (refuses duplicates)",
        description="Read sessions.csv, sets.csv and symptoms.csv from DIR into the journal. "
        "Every row is checked first; if any is wrong nothing is imported and the message names "
        "the file, line and problem. Sessions already in the journal are refused.",
    )
    p.add_argument("folder", metavar="DIR", type=Path, help="a directory written by `export all`")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from journal.api import Journal
    from journal.clock import now_local
    from journal.exchange.csv_import import import_folder, locate
    from tui.commands.export import catalogue_maps
    from tui.commands.progress import progress_bar

    locate(args.folder)  # a wrong DIR is reported before any journal is created
    _ladders, routines = catalogue_maps()
    from journal.store import backup, paths

    path = paths.resolve(args.db)
    if paths.check_file(path):  # today's automatic backup, before anything is added
        backup.daily(path, now_local().date())
    with Journal.open(args.db) as journal, progress_bar("Importing") as progress:
        summary = import_folder(
            journal, args.folder, routine_ids=routines, progress=progress, now=now_local()
        )
    others = "".join(
        f", {n:,} {kind.replace('_', ' ')}" for kind, n in summary.others.items() if kind != "profile"
    )
    profile = ""
    if "profile" in summary.others:
        profile = " The profile was restored." if summary.others["profile"] else (
            " Your profile was kept (it is already filled in)."
        )
    print(
        f"Imported {summary.sessions:,} sessions, {summary.sets:,} sets, "
        f"{summary.symptoms:,} check-ins{others} into {journal.path}.{profile}"
    )
    return 0
