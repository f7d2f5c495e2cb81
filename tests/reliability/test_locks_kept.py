"""A journal open in the app is never opened and closed again by hand in the same process.

Closing any descriptor of a file drops every POSIX lock the process holds on it — SQLite's
too. The in-app export did exactly that (it read the journal's header with a plain open and
close): afterwards the app held no lock, so the next program to close its connection to the
journal (`rehab-tui status` in a tmux status bar, every few seconds) took it for unused and
deleted its -wal and -shm files. Every set the app logged after that went into a deleted
file — gone if the app was then killed. Here the app is a forked child that exports, lets
`rehab-tui status` run, logs a set, and is SIGKILLed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journal.api import Journal
from journal.exchange.csv_export import export_all
from tests.helpers import procs
from tests.conftest import NOW


def _app_like(path: Path, go_fd: int, second: str):
    """Open the journal, log a set, then touch the journal again in this process the way
    ``second`` says; wait for the parent, log another set and report both ids."""

    def body(out) -> None:
        journal = Journal.open(path)
        session = journal.start_session("gentle-mobility", "Gentle mobility", NOW)
        first = journal.log_set(session.id, exercise_id="neck-rotation", exercise_name="Neck rotation",
                                set_number=1, now=NOW, reps=5)  # fmt: skip
        if second == "in-app export":
            export_all(path, path.parent / "export")
        else:  # another journal object on the same file (as a second screen might open)
            Journal.open(path).close()
        out.write("ready\n")
        os.read(go_fd, 1)  # meanwhile another program opens and closes the journal
        then = journal.log_set(session.id, exercise_id="neck-flexion-extension",
                               exercise_name="Neck flexion and extension", set_number=1, now=NOW,
                               reps=5)  # fmt: skip
        out.write(f"{first.id} {then.id}\n")
        os.read(go_fd, 1)  # killed while waiting here, the journal still open

    return body


@pytest.mark.parametrize("second", ["in-app export", "second journal"])
def test_sets_logged_after_touching_the_journal_again_survive_a_kill(tmp_path, second):
    path = tmp_path / "journal.db"
    Journal.open(path).close()
    go_read, go_write = os.pipe()
    child = procs.fork(_app_like(path, go_read, second))
    os.close(go_read)
    try:
        assert child.reader.readline().strip() == "ready"
        status = procs.cli("status", "--db", str(path))  # opens and closes the journal
        assert status.code == 0, status
        assert path.with_name("journal.db-wal").exists(), "the app's -wal file was deleted"
        os.write(go_write, b"x")
        ids = {int(i) for i in child.reader.readline().split()}
    finally:
        child.kill()
        os.close(go_write)
    assert len(ids) == 2
    assert procs.integrity(path) == ["ok"]
    assert ids <= procs.ids(path, "sets")  # the second set is on disk after the kill
