"""Helpers shared by the read-only subcommands (``suggest``, ``report``). No Textual here."""

from __future__ import annotations

import errno
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

    from journal.store import files

    path = Path(target).expanduser()
    try:
        if path.is_dir() or (path.exists() and not path.is_file()):  # a pipe, a device
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:  # aside, then renamed: a full disk or a kill never leaves half a report
            files.write_private(path, text.encode("utf-8"))
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and path.parent.is_dir():
            raise JournalUnavailable(
                f"{path.parent} is read-only, so {path.name} cannot be written there; "
                "fix its permissions or choose another -o path"
            ) from None
        raise JournalUnavailable(f"cannot write {path}: {err.strerror or err}") from None
    return path
