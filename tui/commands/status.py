"""``rehab-tui status``: one line, for a shell prompt or tmux status bar."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.cli import add_db_option

    p = sub.add_parser("status", help="one line: last session, what is due today")
    add_db_option(p)


def run(args: argparse.Namespace) -> int:
    from catalogue import load_catalogue
    from journal import paths
    from journal.clock import now_local
    from journal.status import status_line
    from tui.config import user_catalogue_dir

    path = paths.resolve(args.db)
    if not paths.is_default(args.db):  # the default's directory appears on the first start
        paths.require_parent(path)
    catalogue = load_catalogue(user_catalogue_dir())
    print(status_line(path, catalogue, now_local().date()))
    return 0
