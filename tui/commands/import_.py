"""``rehab-tui import DIR``: restore what ``rehab-tui export all`` wrote — all of it or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "import",
        help="restore what `export all` wrote (refuses duplicates)",
        description="Read sessions.csv, sets.csv and symptoms.csv (and outcomes.csv, if there) "
        "from DIR into the journal. "
        "Every row is checked first; if any is wrong nothing is imported and the message names "
        "the file, line and problem. Sessions already in the journal are refused.",
    )
    p.add_argument("folder", metavar="DIR", type=Path, help="a directory written by `export all`")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from journal.api import Journal
    from journal.exchange.csv_import import import_folder, locate
    from tui.commands.export import catalogue_maps
    from tui.commands.progress import progress_bar

    locate(args.folder)  # a wrong DIR is reported before any journal is created
    _ladders, routines = catalogue_maps()
    with Journal.open(args.db) as journal, progress_bar("Importing") as progress:
        summary = import_folder(journal, args.folder, routine_ids=routines, progress=progress)
    print(
        f"Imported {summary.sessions:,} sessions, {summary.sets:,} sets and "
        f"{summary.symptoms:,} check-ins"
        + (f" (and {summary.outcomes:,} outcome-measure rows)" if summary.outcomes else "")
        + f" into {journal.path}."
    )
    return 0
