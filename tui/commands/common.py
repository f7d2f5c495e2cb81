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
    from journal.store import paths
    from journal.api import Journal
    from journal.errors import JournalUnavailable

    path = paths.resolve(db)
    if not paths.check_file(path):
        raise JournalUnavailable(f"no journal at {path} yet; run rehab-tui to start one")
    catalogue = user_catalogue()
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


def user_catalogue() -> "Catalogue":
    """The built-in and the user's catalogue; problems in the user's files are one line on
    stderr (the faulty entries are left out, the rest loads)."""
    import sys

    from catalogue import load_catalogue
    from tui.config import user_catalogue_dir

    folder = user_catalogue_dir()
    catalogue = load_catalogue(folder)
    problems = catalogue.problems
    if problems:
        from journal.store.faults import printable

        files = sorted({p.split(": ", 1)[0] for p in problems})
        first = printable(problems[0])
        more = f" (and {len(problems) - 1:,} more)" if len(problems) > 1 else ""
        print(
            f"rehab-tui: {len(problems):,} problem{'s' if len(problems) != 1 else ''} in your "
            f"catalogue files in {printable(str(folder))} ({', '.join(printable(f) for f in files[:3])}"
            f"{', …' if len(files) > 3 else ''}); those entries were left out — first: {first}{more}",
            file=sys.stderr,
        )
    return catalogue
