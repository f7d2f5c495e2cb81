"""Backups: made with SQLite's online backup API, checked, 0600, kept 7 daily + 4 weekly.

* :func:`copy_checked` copies a live journal (its -wal included) to a new file beside the
  target under a unique exclusive name, checks the copy (``quick_check`` and our schema)
  and only then renames it into place: a backup that exists is whole and sound.
* :func:`daily` is what the app (on close) and the writing CLI commands call: at most one
  backup a day into ``<journal's folder>/backups/`` as ``<stem>-YYYY-MM-DD.db``, then old ones
  pruned by :func:`to_keep` (a pure function: the newest 7 days, and the newest of each of
  the 4 weeks before them). Other files in the folder (a manual ``rehab-tui backup``) are
  never pruned.
* :func:`restore` puts a checked copy of a backup into the journal with the backup API, in
  one write transaction: other connections (another window) see either the old journal or
  the restored one, never a mix, and a kill mid-way leaves the old one. No file is renamed
  over the journal, so no -wal or -shm can be left that does not belong to it.

Standard library only.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from journal.errors import JournalError, JournalUnavailable, NotAJournal
from journal.store import faults, files, paths, sound

DAILY = 7
WEEKLY = 4
BUSY_MS = 10_000
FOLDER = "backups"


def folder_for(journal: Path) -> Path:
    return journal.parent / FOLDER


def daily_name(journal: Path, day: date) -> str:
    return f"{journal.stem}-{day.isoformat()}.db"


def _daily_pattern(journal: Path) -> re.Pattern[str]:
    return re.compile(re.escape(journal.stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def to_keep(days: Iterable[date], daily: int = DAILY, weekly: int = WEEKLY) -> set[date]:
    """Of the days that have a backup: the newest ``daily``, then the newest backup of each
    of the ``weekly`` ISO weeks before the oldest of those."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:daily])
    weeks = {d.isocalendar()[:2] for d in keep}
    extra = 0
    for day in ordered[daily:]:  # newest first, so the first of a week met is its newest
        week = day.isocalendar()[:2]
        if week in weeks:
            continue
        if extra == weekly:
            break
        weeks.add(week)
        keep.add(day)
        extra += 1
    return keep


def check_copy(path: Path, shown: Path | None = None, *, thorough: bool = False) -> str | None:
    """Check a journal file no one else has open: its revision (returned), every page
    (``quick_check``, as on open; ``integrity_check`` when ``thorough``: also every index
    against its table, for a file from elsewhere), our schema only. Raises NotAJournal
    naming ``shown``."""
    shown = shown or path
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        check = "integrity_check" if thorough else "quick_check"
        problems = [str(r[0]) for r in con.execute(f"PRAGMA {check}(3)")]
        if problems != ["ok"]:
            raise NotAJournal(f"{shown} is damaged ({faults.one_line(' '.join(problems), 80)})")
        revision = paths.read_revision(con, shown)
        paths.check_revision(revision, shown)
        sound.check_schema(con, shown, revision)
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if app_id != paths.APPLICATION_ID:
            raise NotAJournal(f"{shown} is not a rehab-tui journal")
        return revision
    except sqlite3.DatabaseError as err:
        raise NotAJournal(f"{shown} is not a sound rehab-tui journal ({faults.one_line(str(err), 80)})") from None
    finally:
        con.close()


def _copy_into(src_uri: str, dst: Path) -> None:
    src = sqlite3.connect(src_uri, uri=True)
    try:
        src.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        out = sqlite3.connect(dst)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            out.close()
    finally:
        src.close()


def copy_checked(journal: Path, target: Path, *, source_uri: str | None = None) -> Path:
    """A checked 0600 copy of ``journal`` at ``target`` (renamed into place when sound)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    files.sweep(target.parent)
    fd, tmp = files.create_temp(target)
    os.close(fd)
    try:
        try:
            _copy_into(source_uri or journal.resolve().as_uri(), tmp)
        except sqlite3.DatabaseError as err:
            raise faults.as_journal_error(err, journal) from None
        check_copy(tmp, journal)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def backup_to(journal: Path, target: Path, now: datetime) -> Path:
    """``rehab-tui backup -o FILE``: the journal checked first, then copied and checked."""
    if not paths.check_file(journal):
        raise JournalUnavailable(f"there is no journal at {journal}; nothing to back up")
    sound.check_wal(journal, open_here=paths.open_here(journal))
    if target.is_dir():
        target = target / f"{journal.stem}-{now.strftime('%Y-%m-%dT%H%M%S')}.db"
    files.require_folder(target)  # -o in a folder that does not exist: refused, not created
    _refuse_target(journal, target)
    try:
        return copy_checked(journal, target)
    except OSError as err:
        raise JournalUnavailable(f"cannot write {target}: {err.strerror or err}") from None


def _refuse_target(journal: Path, target: Path) -> None:
    """A backup never replaces the journal itself (or its -wal/-shm), nor a file that is not
    an SQLite database (someone's notes); an older backup may be replaced."""
    from journal.errors import FileProblem

    for own in (journal, Path(f"{journal}-wal"), Path(f"{journal}-shm")):
        if os.path.lexists(target) and own.exists() and os.path.samefile(target, own):
            raise FileProblem(f"{target} is the journal itself; give another file or a folder for the backup")
    if target.name.endswith(("-wal", "-shm", "-journal")) and os.path.lexists(target):
        raise FileProblem(f"{target} belongs to an SQLite journal; give another file for the backup")
    if target.is_file():
        with open(target, "rb") as fh:
            if fh.read(len(files.SQLITE_MAGIC)) != files.SQLITE_MAGIC:
                raise FileProblem(f"{target} exists and is not a backup; rehab-tui will not write over it: choose another name")


def daily(journal: Path, today: date) -> Path | None:
    """Today's automatic backup, if there is none yet; then prune. Best effort: returns the
    new file, or None (nothing to do, or it could not be made — never in the user's way)."""
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return None
        folder = folder_for(journal)
        target = folder / daily_name(journal, today)
        if target.exists():
            return None
        made_folder = not folder.exists()
        try:
            made = copy_checked(journal, target)
        except BaseException:
            if made_folder:
                try:
                    folder.rmdir()  # only if empty: nothing of anyone's is in it
                except OSError:
                    pass
            raise
        prune(journal)
        return made
    except (OSError, sqlite3.Error, JournalError):
        return None


def prune(journal: Path) -> list[Path]:
    folder = folder_for(journal)
    pattern = _daily_pattern(journal)
    found: dict[date, Path] = {}
    for entry in os.scandir(folder):
        m = pattern.fullmatch(entry.name)
        if m and entry.is_file(follow_symlinks=False):
            try:
                found[date.fromisoformat(m.group(1))] = Path(entry.path)
            except ValueError:
                continue
    keep = to_keep(found)
    gone = []
    for day, path in found.items():
        if day not in keep:
            path.unlink(missing_ok=True)
            gone.append(path)
    return gone


def before_restore_name(journal: Path, now: datetime) -> Path:
    return journal.with_name(f"{journal.name}.before-restore-{now.strftime('%Y-%m-%dT%H%M%S')}")


def restore(journal: Path, source: Path, now: datetime, running_elsewhere) -> Path | None:  # noqa: ANN001
    """Replace the journal's content with ``source`` (checked first). Returns where the
    journal as it was is kept (None if there was none). ``running_elsewhere()`` → a session
    id live in another window, or None."""
    source = Path(source)
    if not source.is_file():
        raise JournalUnavailable(f"{source} does not exist or is not a file; give a backup file")
    paths.check_file(source)  # a journal by its header, or refused
    sound.check_wal(source)  # a foreign -wal beside the backup is not taken in
    journal.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = journal.with_name(f".{journal.name}.restoring")
    files.sweep(journal.parent)
    fd, tmp = files.create_temp(staged)
    os.close(fd)
    try:
        try:
            _copy_into(source.resolve().as_uri() + "?mode=ro", tmp)
        except sqlite3.DatabaseError as err:
            raise NotAJournal(f"{source} is not a sound rehab-tui journal ({faults.one_line(str(err), 80)})") from None
        revision = check_copy(tmp, source, thorough=True)
        if revision != paths.HEAD:  # an older backup: upgraded in the copy, never in place
            from journal.store.engine import open_engine

            open_engine(tmp, create=False, create_dir=False).dispose()
            con = sqlite3.connect(tmp)
            con.execute("PRAGMA journal_mode=DELETE")
            con.close()
        if not paths.check_file(journal):
            os.link(tmp, journal)  # no journal yet: the checked copy becomes it
            return None
        live = running_elsewhere()
        if live is not None:
            raise JournalUnavailable(
                f"session {live} is running in another rehab-tui window on {journal}; finish "
                "or leave it there (or close that window), then restore"
            )
        sound.check_wal(journal, open_here=paths.open_here(journal))
        kept = before_restore_name(journal, now)
        copy_checked(journal, kept)
        src = sqlite3.connect(tmp.resolve().as_uri() + "?mode=ro", uri=True)
        dst = sqlite3.connect(journal)
        try:
            dst.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            src.backup(dst)  # one write transaction: the old journal or the restored one
            if dst.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                dst.execute("PRAGMA journal_mode=WAL")
            problems = [str(r[0]) for r in dst.execute("PRAGMA quick_check(3)")]
        finally:
            src.close()
            dst.close()
        if problems != ["ok"]:
            raise NotAJournal(faults.damaged(journal, " ".join(problems)))
        return kept
    finally:
        tmp.unlink(missing_ok=True)
