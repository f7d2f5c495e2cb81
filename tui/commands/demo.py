"""``rehab-tui demo``: fill an EMPTY journal with realistic, generated history."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DEFAULT_DAYS = 120


def _days(text: str) -> int:
    from journal.errors import InvalidValue
    from journal.validate import number

    try:
        return int(number("days", text))  # type: ignore[arg-type]
    except InvalidValue as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.cli import add_db_option

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


def _wants_bar() -> bool:
    """A progress bar only for a person watching: stderr is a terminal and this is not CI."""
    import os
    import sys

    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def _progress_bar(days: int) -> Iterator[Callable[[int, int], None] | None]:
    if not _wants_bar():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("Generating days"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("demo", total=days)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def run(args: argparse.Namespace) -> int:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.clock import now_local
    from journal.demo import generate
    from tui.config import user_catalogue_dir

    catalogue = load_catalogue(user_catalogue_dir())
    now = now_local()
    with Journal.open(args.db) as journal, _progress_bar(args.days) as progress:
        summary = generate(
            journal, catalogue, days=args.days, seed=args.seed,
            today=now.date(), tz=now.tzinfo, progress=progress,
        )  # fmt: skip
    print(
        f"Filled {journal.path} with {summary.days:,} days: {summary.sessions:,} sessions, "
        f"{summary.sets:,} sets, {summary.checkins:,} check-ins."
    )
    return 0
