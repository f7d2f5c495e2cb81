"""Every file rehab-tui writes (exports, the report, backups, caches): private and whole.

A file is written to a temporary name in the target's own folder and renamed over the target
only once complete and on disk. The temporary name is unpredictable (process id plus random
bytes) and created with ``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600: in a shared folder
nobody else can own it, swap in a symlink, or read it half-written. Renaming replaces a
symlink at the target with the new file; the file the link pointed at is never written.

Temporary files of a writer that was killed (their process is gone) are removed by the next
writer into the same folder. Standard library only: ``status`` and the app's start use this.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: Between the target's name and the writer's process id in a temporary name.
MARK = ".part-"
_TEMP = re.compile(r"^\..+\.part-(\d+)-[0-9a-f]{12}$")
_FLAGS = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def refuse_precious(target: Path) -> None:
    """Refuse to write over a journal: an SQLite file, or a -wal/-shm/-journal beside one.

    A typo such as ``export -o journal.db`` must never turn a journal into a CSV file. Raises
    FileProblem naming the file; a symlink at ``target`` is replaced, never followed, so only
    what sits at the name itself counts."""
    from journal.errors import FileProblem

    target = Path(target)
    if target.name.endswith(_SQLITE_SIDECARS):
        raise FileProblem(f"{target} is named like a file SQLite keeps beside a journal; rehab-tui will not write over it: choose another name")
    try:
        st = os.lstat(target)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size < len(SQLITE_MAGIC):
        return
    try:
        with open(target, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError:
        return
    if head == SQLITE_MAGIC:
        raise FileProblem(
            f"{target} is an SQLite database (a journal?); rehab-tui will not write over it: "
            "choose another name"
        )


def require_folder(target: Path, *, create: str = "write") -> None:
    """The folder an output goes into must exist: a folder the user named (``-o``) is never
    created along the way, so a typo in it is refused instead of growing a new tree.
    Raises FileProblem naming the folder. ``create``: the verb for the message."""
    from journal.errors import FileProblem

    target = Path(target)
    folder = target.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise FileProblem(
            f"cannot {create} {target}: {folder} is a file, not a folder; choose another -o path"
        )
    raise FileProblem(
        f"cannot {create} {target}: the folder {folder} does not exist; create it first or "
        "choose another -o path"
    )


def temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{MARK}{os.getpid()}-{secrets.token_hex(6)}")


def create_temp(target: Path) -> tuple[int, Path]:
    """A new, empty, 0600 file beside ``target``: (descriptor, its path). Raises OSError."""
    for _ in range(8):
        tmp = temp_path(target)
        try:
            fd = os.open(tmp, _FLAGS, 0o600)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, 0o600)  # whatever the umask
        except OSError:
            pass
        return fd, tmp
    raise FileExistsError(f"cannot make a temporary file beside {target}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove our temporary files in ``folder`` whose writer is dead; returns what went."""
    gone: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return gone
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        m = _TEMP.match(entry.name)
        if not m or _alive(int(m.group(1))):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue
            os.unlink(entry.path)
            gone.append(Path(entry.path))
        except OSError:
            continue
    return gone


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Staged:
    """Files written aside, put in place together by :meth:`publish` (or all removed)."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, Path, IO]] = []

    def open(self, target: Path, *, binary: bool = False) -> IO:
        target = Path(target)
        refuse_precious(target)
        if not self.items or self.items[-1][0].parent != target.parent:
            sweep(target.parent)
        fd, tmp = create_temp(target)
        try:
            fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            raise
        self.items.append((target, tmp, fh))
        return fh

    def publish(self) -> None:
        for _target, _tmp, fh in self.items:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for target, tmp, _fh in self.items:
            os.replace(tmp, target)
        for folder in {t.parent for t, _tmp, _fh in self.items}:
            _sync_folder(folder)
        self.items = []

    def discard(self) -> None:
        for _target, tmp, fh in self.items:
            try:
                fh.close()
            except OSError:
                pass
            try:
                tmp.unlink()
            except OSError:
                pass
        self.items = []


@contextmanager
def staged() -> Iterator[Staged]:
    """``with staged() as s: out = s.open(target) ...``: published on success, else removed."""
    s = Staged()
    try:
        yield s
        s.publish()
    finally:
        s.discard()


@contextmanager
def private_file(target: Path, *, binary: bool = False) -> Iterator[IO]:
    """One new 0600 file that appears at ``target`` only once it is complete."""
    with staged() as s:
        yield s.open(Path(target), binary=binary)


def write_private(target: Path, data: str | bytes) -> Path:
    """``data`` into ``target`` (0600), whole or not at all. Raises OSError."""
    with private_file(target, binary=isinstance(data, bytes)) as fh:
        fh.write(data)
    return Path(target)
