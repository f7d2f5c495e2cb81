"""``rehab-tui import DIR`` / ``rehab-tui import OTHER.db``: add what `export all` wrote, or
another journal's data, to this journal — what is already here is skipped, all in one step."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "import",
        help="add what `export all` wrote (DIR), or another journal (OTHER.db); skips what is here",
        description="Read the CSV files `export all` wrote into DIR — or another rehab-tui "
        "journal file — into this journal. Every row is checked first; if any is wrong nothing "
        "is imported and the message names the file, line and problem. A session already here "
        "(same routine and start time) is skipped with its sets and check-ins; the others get "
        "new numbers. Importing the same thing twice adds nothing.",
    )
    p.add_argument("folder", metavar="DIR|OTHER.db", type=Path,
                   help="a directory written by `export all`, or another journal file")  # fmt: skip
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from journal.api import Journal
    from journal.clock import now_local
    from journal.exchange.csv_import import import_folder, locate
    from journal.store import backup, paths
    from journal.store.engine import discard_unused, first_missing_folder
    from tui.commands.export import catalogue_maps
    from tui.commands.progress import progress_bar

    source = args.folder.expanduser()
    path = paths.resolve(args.db)
    with tempfile.TemporaryDirectory(prefix="rehab-tui-import-") as tmp:
        if source.is_file():  # another journal: a checked copy of it, exported, then imported
            if source.resolve() == path.resolve():
                from journal.errors import InvalidValue

                raise InvalidValue(f"{source} is this journal itself; nothing to import")
            paths.check_file(source)
            from journal.exchange.csv_export import export_all

            copy = Path(tmp) / "other.db"
            backup.copy_checked(source, copy)
            ladders, _routines = catalogue_maps()
            export_all(copy, Path(tmp) / "export", ladders=ladders)
            folder = Path(tmp) / "export"
        else:
            locate(source)  # a wrong DIR is reported before any journal is created
            folder = source
        _ladders, routines = catalogue_maps()
        existed = paths.check_file(path)
        if existed:  # today's automatic backup, before anything is added
            backup.daily(path, now_local().date())
        made = first_missing_folder(path)  # the default location's, on a first run
        try:
            with Journal.open(args.db) as journal, progress_bar("Importing") as progress:
                summary = import_folder(
                    journal, folder, routine_ids=routines, progress=progress, now=now_local()
                )
        except BaseException:
            if not existed:  # a refused import into a new path leaves no journal behind
                discard_unused(path, made=made)
            raise
    from tui.words import count

    others = "".join(
        f", {count(n, kind.replace('_', ' '))}" for kind, n in summary.others.items() if kind != "profile"
    )
    outcomes = f", {count(summary.outcomes, 'outcome-measure rows')}" if summary.outcomes else ""
    profile = ""
    if "profile" in summary.others:
        profile = " The profile was restored." if summary.others["profile"] else (
            " Your profile was kept (it is already filled in)."
        )
    print(
        f"Added {count(summary.sessions, 'sessions')}, skipped {summary.skipped:,} already here; "
        f"{count(summary.sets, 'sets')}, {count(summary.symptoms, 'check-ins')}{others}{outcomes} into {journal.path}.{profile}"
    )
    return 0
