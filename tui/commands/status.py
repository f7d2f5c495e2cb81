"""``rehab-tui status``: one line, for a shell prompt or tmux status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: `status` runs without argparse (tui/cli.py)
    import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser("status", help="one line: last session, what is due today")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from journal.store import paths
    from journal.clock import now_local
    from journal.status import status_line
    from tui.config import user_catalogue_dir
    from tui.due_today import due_today

    path = paths.resolve(args.db)
    if not paths.is_default(args.db):  # the default's directory appears on the first start
        paths.require_parent(path)
    today = now_local().date()
    due = [(r.name, r.covered_by) for r in due_today(user_catalogue_dir(), today)]
    print(status_line(path, due, today))
    return 0
