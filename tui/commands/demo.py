"""``rehab-tui demo``: fill an EMPTY journal with realistic, generated history."""

from __future__ import annotations

import argparse

DEFAULT_DAYS = 120


def _days(text: str) -> int:
    from journal.errors import InvalidValue
    from journal.validate import number

    try:
        return int(number("days", text))  # type: ignore[arg-type]
    except InvalidValue as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "demo",
        help="fill an EMPTY journal with realistic generated history",
        description="Fill an empty journal with realistic, repeatable history "
        "(the same seed gives the same rows).",
    )
    p.add_argument(
        "--days", type=_days, default=DEFAULT_DAYS, metavar="N",
        help=f"days of history, ending yesterday (1–36500, default {DEFAULT_DAYS})",
    )  # fmt: skip
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from journal.api import Journal
    from journal.clock import now_local
    from journal.demo.generator import generate
    from tui.commands.progress import progress_bar
    from tui.commands.common import user_catalogue
    from tui.words import count

    catalogue = user_catalogue()
    now = now_local()
    with Journal.open(args.db) as journal, progress_bar("Generating days", args.days) as progress:
        summary = generate(
            journal, catalogue, days=args.days, seed=args.seed,
            today=now.date(), tz=now.tzinfo, progress=progress,
        )  # fmt: skip
    print(
        f"Filled {journal.path} with {count(summary.days, 'days')}: {count(summary.sessions, 'sessions')}, "
        f"{count(summary.sets, 'sets')}, {count(summary.checkins, 'check-ins')}."
    )
    return 0
