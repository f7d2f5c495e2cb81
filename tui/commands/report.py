"""``rehab-tui report [-o FILE.md]``: a one-page Markdown summary to bring to a clinician."""

from __future__ import annotations

import argparse


def _weeks(text: str) -> int:
    from journal.errors import InvalidValue
    from journal.validate import number

    try:  # plain ASCII digits, as every number the app takes (not "٣", "1_0" or " 8")
        return int(number("weeks", text))  # type: ignore[arg-type]
    except InvalidValue as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "report",
        help="a summary for a clinician (Markdown, or PDF with -o FILE.pdf); --weeks N sets "
        "the period",
        description="Adherence, symptom trend, doses and their changes with reasons, side "
        "ratios, outcome measures and red flags over the last --weeks N weeks (default 8), as "
        "Markdown on standard output or in a file, or as a printable A4 PDF.",
    )
    p.add_argument("-o", "--output", metavar="FILE.md|FILE.pdf",
                   help="write here instead of stdout (the folder must exist); a name ending in "
                   ".pdf gets a printable A4 PDF")  # fmt: skip
    p.add_argument(
        "--weeks", type=_weeks, default=8, metavar="N",
        help="the period covered: this week (from Monday) and the N-1 weeks before it, "
        "1-104 (default 8); red flags still open are listed whenever they were reported",
    )  # fmt: skip
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    import sys

    from journal.clock import now_local
    from journal.store.gather import report_data
    from journal.exchange.report import render
    from tui.commands.common import open_existing, write_text

    pdf = args.output not in (None, "-") and args.output.lower().endswith(".pdf")
    if pdf:
        from journal.exchange.pdf import check_target

        check_target(args.output)  # before the journal is read: a wrong folder says so at once
    elif args.output not in (None, "-"):
        from pathlib import Path

        from journal.store.files import require_folder

        require_folder(Path(args.output).expanduser())  # never created: refused, as for a PDF
    with open_existing(args.db) as (journal, catalogue):
        today = now_local().date()
        data = report_data(journal, catalogue, today, args.weeks)
        outcomes = journal.outcomes_view(today, since=data.since)  # the period, with each baseline
        changes = journal.profile_changes()
    if pdf:
        from journal.exchange.pdf import write_pdf

        path = write_pdf(args.output, data, outcomes)
        print(f"Wrote the report to {path}", file=sys.stderr)
        return 0
    text = render(data, changes, outcomes)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        path = write_text(args.output, text)
        print(f"Wrote the report to {path}", file=sys.stderr)
    return 0
