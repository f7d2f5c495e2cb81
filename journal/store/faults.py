"""What went wrong with a journal file, in one line that names it and says what to do.

Standard library only: ``rehab-tui status`` and the app's pre-flight checks use it before
SQLAlchemy or Textual are loaded.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

#: C0 and C1 controls (a terminal takes \x9b as the start of an escape sequence, and \x85
#: as a new line), and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str, limit: int = 160) -> str:
    """``text`` with line breaks and other control characters folded into spaces, shortened."""
    flat = _CONTROL.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def printable(text: str) -> str:
    """``text`` for one terminal line: control characters shown as escapes (``\\n``, ``\\x1b``),
    so a file name with a line break or an escape sequence cannot split or repaint the line."""
    return _CONTROL.sub(lambda m: "".join(repr(c)[1:-1] for c in m.group()), text)


def latest_backup(path: Path) -> Path | None:
    """The newest ``journal.db.bak-*`` beside ``path`` (made before each schema upgrade)."""
    try:
        found = [p for p in path.parent.glob(f"{glob_escape(path.name)}.bak-*") if p.is_file()]
        return max(found, key=lambda p: (p.stat().st_mtime, p.name)) if found else None
    except OSError:
        return None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def restore_hint(path: Path) -> str:
    bak = latest_backup(path)
    if bak is not None:
        return f"the last backup is {bak} (copy it over the journal to go back to it)"
    return (
        "no backup is beside it; restore one of your own backups, or salvage what is left "
        f"with: sqlite3 {_shell_quote(path)} .recover"
    )


def _shell_quote(path: Path) -> str:
    import shlex  # only when a message needs it

    return shlex.quote(str(path))


def damaged(path: Path, detail: str) -> str:
    detail = re.sub(r"\*\*\* in database \w+ \*\*\*\s*", "", detail)
    return (
        f"{path} is damaged ({one_line(detail, 60)}); it was left as it is — {restore_hint(path)}"
    )


def describe_error(err: BaseException, path: Path) -> str:
    """Turn an SQLite failure into one line that names the journal and what to do."""
    raw = str(getattr(err, "orig", None) or err)
    text = raw.lower()
    if "locked" in text or "busy" in text:
        return f"{path} is busy: another program held it too long; try again in a moment"
    if "readonly" in text or "read-only" in text:
        return read_only(path)
    if (
        "disk is full" in text
        or "database or disk is full" in text
        or ("disk i/o error" in text and disk_nearly_full(path))
    ):
        return (
            f"the disk holding {path} is full; free some space — nothing was saved from this step"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged(path, raw)
    if "unable to open" in text:
        return f"cannot open {path}; check that its directory exists and is writable"
    if "disk i/o error" in text:
        return f"{path} could not be read or written (disk I/O error); check the disk — nothing was saved from this step"
    return f"{path}: {one_line(raw)}"


def read_only(path: Path) -> str:
    """Which is read-only: the journal's folder (SQLite makes its -wal and -shm files there),
    the journal itself, or one of those files."""
    import os

    parent = path.parent
    if parent.is_dir() and not os.access(parent, os.W_OK | os.X_OK):
        return (
            f"{parent} is read-only, so the journal's -wal and -shm files cannot be made there; "
            f"fix the folder's permissions (chmod 700 {parent}) or pass another --db path"
        )
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if p.exists() and not os.access(p, os.W_OK):
            return f"{p} is read-only; fix its permissions (chmod 600 {p}) or pass another --db path"
    return f"{path} cannot be written (read-only file system?); check the disk or pass another --db path"


def describe_os_error(err: OSError, path: Path) -> str:
    """A file-system failure while creating a journal or a backup beside it."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk holding {path} is full; free some space — nothing was saved from this step"
        )
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path.parent} is read-only, so {path.name} cannot be written; fix its permissions or pass another --db path"
    where = f" ({err.filename})" if err.filename and str(err.filename) != str(path) else ""
    return f"cannot write {path}{where}: {err.strerror or err}"


def disk_nearly_full(path: Path, margin: int = 1 << 20) -> bool:
    """SQLite reports a full disk while creating the -shm/-wal files only as an I/O error."""
    try:
        import shutil  # only on this error path (status and the app start without it)

        return shutil.disk_usage(path.parent).free < margin
    except OSError:
        return False


def as_journal_error(err: BaseException, path: Path) -> Exception:
    """The JournalError to raise for an SQLite failure: a damaged file only when SQLite says
    so (SQLITE_CORRUPT / NOTADB) — a full disk, I/O error or lock is never called damage."""
    from journal.errors import JournalUnavailable, NotAJournal

    orig = getattr(err, "orig", None) or err
    # SQLITE_CORRUPT and SQLITE_NOTADB arrive as the bare DatabaseError class.
    import sqlite3  # not at import: the app's first frame does not need it

    if is_damage(orig) or type(orig) is sqlite3.DatabaseError:
        return NotAJournal(damaged(path, str(orig)))
    return JournalUnavailable(describe_error(orig, path))


def is_damage(err: BaseException) -> bool:
    text = str(getattr(err, "orig", None) or err).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text
