"""``rehab-tui export``: the journal as CSV, for a spreadsheet, a clinician or another app.

Streams rows with ``sqlite3`` (journal/exchange/csv_export.py); loads neither Textual nor the ORM.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

KINDS = ("sets", "symptoms", "sessions", "all")
#: Every file `export all` writes (tests/cli check this against csv_tables.REGISTRY).
ALL_FILES = (
    "sessions.csv, sets.csv, symptoms.csv, profile.csv, doses.csv, red_flags.csv, "
    "decisions.csv and outcomes.csv"
)


def _day(text: str):  # noqa: ANN202 - a date
    """argparse type for --since/--until: ISO day or 30d/6w/3m/1y back from today."""
    from journal.clock import now_local
    from journal.dates import parse_day
    from journal.errors import InvalidValue

    try:
        return parse_day(text, now_local().date(), field=None)
    except InvalidValue as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "export",
        help="write the journal as CSV (sets, symptoms, sessions, or all of it), or FHIR",
        description="Write the journal as CSV: UTF-8, a header row, ISO 8601 times with your "
        f"UTC offset. `all` (the default) writes {ALL_FILES} into a directory (made if it does "
        "not exist; the folder it goes in must exist), which `rehab-tui import` can restore.",
    )
    p.add_argument("kind", nargs="?", choices=KINDS, metavar="{sets,symptoms,sessions,all}",
                   help="what to export (default: all)")  # fmt: skip
    p.add_argument(
        "-o", "--output", metavar="FILE|DIR|-",
        help="where to write: a file (its folder must exist), a directory, or - for standard "
        "output (one table's default); `all` writes into DIR, made if needed inside a folder "
        "that exists (default ./rehab-tui-export-YYYY-MM-DD)",
    )  # fmt: skip
    p.add_argument(
        "--since", type=_day, metavar="D", help="from this day (2026-03-01, 30d, 6w, 3m)"
    )
    p.add_argument("--until", type=_day, metavar="D", help="up to and including this day")
    p.add_argument(
        "--format", choices=("csv", "strong", "fhir"), default="csv",
        help="csv (default); strong: sets in the Strong app's CSV layout, for apps that import "
        "it; fhir: one FHIR R4 Bundle (JSON) of check-ins, sessions, outcome measures and red flags",
    )  # fmt: skip
    p.add_argument("--name", metavar="NAME",
                   help="with --format fhir: the patient's name (left out unless given)")  # fmt: skip
    add_db_option(p)


def _usage(message: str) -> int:
    print(f"rehab-tui: {message} (see rehab-tui export --help)", file=sys.stderr)
    return 2


def catalogue_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(exercise id → its ladder, routine name → routine id) from the catalogue."""
    from tui.commands.common import user_catalogue

    catalogue = user_catalogue()
    ladders = {e.id: e.dose.ladder for e in catalogue.exercises.values() if e.dose.ladder}
    routines = {r.name: r.id for r in catalogue.routines.values()}
    return ladders, routines


def run(args: argparse.Namespace) -> int:
    from journal.exchange import csv_export
    from journal.store import paths
    from journal.clock import now_local
    from journal.errors import InvalidValue
    from tui.commands.progress import progress_bar
    from tui.words import count

    if args.since and args.until and args.since > args.until:
        raise InvalidValue(f"--since {args.since} is after --until {args.until}; nothing to export")
    if args.format == "fhir":
        if args.kind:
            return _usage("--format fhir writes one Bundle of everything; leave out the table name")
        from tui.commands.export_fhir import run_fhir

        return run_fhir(args)
    if args.name is not None:
        return _usage("--name is for --format fhir")
    strong = args.format == "strong"
    kind = args.kind or ("sets" if strong else "all")
    if strong and kind != "sets":
        return _usage("--format strong writes sets only")
    journal = paths.resolve(args.db)
    ladders, _routines = catalogue_maps()
    span = {"since": args.since, "until": args.until, "ladders": ladders}

    if kind == "all":
        if args.output == "-":
            return _usage(f"`all` writes {ALL_FILES}; give a directory with -o DIR")
        folder = Path(args.output or f"rehab-tui-export-{now_local().date().isoformat()}")
        with progress_bar("Exporting") as progress:
            counts = csv_export.export_all(journal, folder, progress=progress, **span)
        print(
            f"Wrote {folder}/: sessions.csv ({count(counts['sessions'], 'sessions')}), sets.csv "
            f"({count(counts['sets'], 'sets')}), symptoms.csv ({count(counts['symptoms'], 'check-ins')}), "
            + ", ".join(f"{kind}.csv ({n:,})" for kind, n in counts.items()
                        if kind not in ("sessions", "sets", "symptoms"))
            + "."
        )
        return 0

    def write(out, staged: bool = False) -> int:  # noqa: ANN001 - a text file
        with progress_bar("Exporting") as progress:
            if strong:
                from journal.exchange.csv_strong import export_strong

                return export_strong(journal, out, progress=progress, staged=staged, **span)
            return csv_export.export_kind(journal, kind, out, progress=progress, staged=staged, **span)

    if args.output in (None, "-"):
        import io

        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            write(out)
            out.flush()
        finally:
            out.detach()
        return 0
    target = Path(args.output)
    if target.is_dir():
        target = target / ("strong.csv" if strong else f"{kind}.csv")
    with csv_export.atomic_file(target) as out:
        rows = write(out, staged=csv_export.writes_aside(target))
    print(f"Wrote {target} ({count(rows, 'rows')}).")
    return 0
