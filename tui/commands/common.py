"""Helpers shared by the read-only subcommands (``suggest``, ``report``). No Textual here."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from catalogue import Catalogue
    from journal.api import Journal


@contextmanager
def open_existing(db: str | None) -> Iterator[tuple["Journal", "Catalogue"]]:
    """The journal at ``--db`` (or the default) and the catalogue; never creates a journal."""
    from catalogue import load_catalogue
    from journal.store import paths
    from journal.api import Journal
    from journal.errors import JournalUnavailable
    from tui.config import user_catalogue_dir

    path = paths.resolve(db)
    if not paths.check_file(path):
        raise JournalUnavailable(f"no journal at {path} yet; run rehab-tui to start one")
    catalogue = load_catalogue(user_catalogue_dir())
    with Journal.open(path, create=False) as journal:
        yield journal, catalogue


def write_text(target: str, text: str) -> Path:
    """Write ``text`` to ``target`` (0600, it is health data); raises JournalUnavailable on failure."""
    from journal.errors import JournalUnavailable

    path = Path(target).expanduser()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as err:
        raise JournalUnavailable(f"cannot write {path}: {err.strerror}") from None
    return path
