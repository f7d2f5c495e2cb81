"""Where an export's rows go: files written aside (journal/store/files.py), a folder, or a
device or pipe (``-o /dev/stdout``, a named pipe) that is written into directly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from journal.errors import FileProblem
from journal.store import files


def make_folder(folder: Path) -> bool:
    """Create ``folder`` (0700) if needed; True when it was made now. Only the folder itself
    is made: the folder it goes in must exist (files.require_folder)."""
    if folder.exists() and not folder.is_dir():
        raise FileProblem(
            f"{folder} is a file; give a directory for the CSV files `export all` writes"
        )
    if folder.is_dir():
        return False
    files.require_folder(folder, create="create")
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return False
    except OSError as err:
        raise FileProblem(f"cannot create {folder} ({err.strerror})") from None
    return True


def writes_aside(target: Path) -> bool:
    """Whether :func:`atomic_file` writes ``target`` aside (not a device, pipe or socket)."""
    target = Path(target)
    return not (target.exists() and not target.is_file())


@contextmanager
def atomic_file(target: Path) -> Iterator[IO[str]]:
    """A new 0600 UTF-8 text file that appears at ``target`` only once it is complete."""
    target = Path(target)
    if target.is_dir():
        raise FileProblem(f"{target} is a directory")
    files.require_folder(target)
    if not writes_aside(target):
        # A device, pipe or socket (-o /dev/stdout, a named pipe): write into it. Renaming a
        # file over it would replace it — as root, even /dev/null.
        with _special_file(target) as out:
            yield out
        return
    with staged_files([target]) as (out,):
        yield out


@contextmanager
def _special_file(target: Path) -> Iterator[IO[str]]:
    try:
        fh = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as err:
        raise FileProblem(f"cannot write {target} ({err.strerror})") from None
    try:
        with fh:
            yield fh
            fh.flush()
    except OSError as err:
        raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None


@contextmanager
def staged_files(targets: list[Path]) -> Iterator[list[IO[str]]]:
    """New 0600 UTF-8 files that appear at ``targets`` only once every one is complete
    (unique exclusive temporary names; a killed export's leftovers are swept first)."""
    stage = files.Staged()
    try:
        outs = []
        for target in targets:
            if target.is_dir():
                raise FileProblem(f"{target} is a directory")
            try:
                outs.append(stage.open(target))
            except OSError as err:
                raise FileProblem(f"cannot write {target} ({err.strerror or err})") from None
        try:
            yield outs
        except OSError as err:  # a full disk while writing rows
            where = targets[0].parent
            raise FileProblem(f"cannot write into {where} ({err.strerror or err})") from None
        try:
            stage.publish()
        except OSError as err:
            raise FileProblem(f"cannot write into {targets[0].parent} ({err.strerror or err})") from None
    finally:
        stage.discard()
