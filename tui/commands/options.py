"""Options every subcommand takes. Standard library only: ``status`` imports this."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Every subcommand also takes ``--db`` after its name."""
    import argparse

    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="journal file")
