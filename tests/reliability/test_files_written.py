"""Issue 15, items 5 and 6: every file rehab-tui writes is made under a unique, exclusive,
no-follow temporary name in the target's folder, 0600, and renamed into place; a killed
writer's temporary files are removed by the next one; a symlink at the target is replaced,
never written through."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from journal.api import Journal
from journal.store import files
from tests.cli.test_cli_bad_args import run_main
from tests.helpers.csv_helpers import fill


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        fill(journal)
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_export_never_writes_through_a_planted_temp_name(db, tmp_path):
    """The old temp name was `.NAME.PID.tmp`, opened without O_EXCL: a symlink planted there
    sent the export (or O_TRUNC) into someone else's file."""
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    for name in ("sets.csv", "sessions.csv", "symptoms.csv"):
        (out / f".{name}.{os.getpid()}.tmp").symlink_to(victim)
    code, _out, err = run_main(["export", "all", "-o", str(out), "--db", str(db)])
    assert code == 0, err
    assert victim.read_text() == "keep me\n"
    for name in ("sets.csv", "sessions.csv", "symptoms.csv"):
        assert (out / name).is_file() and _mode(out / name) == 0o600


def test_a_dead_exports_temp_files_are_removed_by_the_next(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = 2**22 + 12345  # above any pid_max this machine uses by default: not running
    while True:
        try:
            os.kill(dead, 0)
        except ProcessLookupError:
            break
        dead += 1
    left = out / f".sets.csv{files.MARK}{dead}-0123456789ab"
    left.write_text("half an export")
    live = out / f".sets.csv{files.MARK}{os.getpid()}-0123456789ab"  # a writer still running
    live.write_text("in progress")
    code, _out, err = run_main(["export", "all", "-o", str(out), "--db", str(db)])
    assert code == 0, err
    assert not left.exists()
    assert live.exists()
    assert {"sessions.csv", "sets.csv", "symptoms.csv", "doses.csv"} <= {
        p.name for p in out.iterdir() if not p.name.startswith(".")
    }
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p != live]


def test_report_replaces_a_symlink_instead_of_rewriting_its_target(db, tmp_path):
    victim = tmp_path / "victim.md"
    victim.write_text("not yours\n")
    link = tmp_path / "report.md"
    link.symlink_to(victim)
    code, _out, err = run_main(["report", "-o", str(link), "--db", str(db)])
    assert code == 0, err
    assert victim.read_text() == "not yours\n"
    assert not link.is_symlink() and link.read_text().startswith("#")
    assert _mode(link) == 0o600


def test_report_over_a_world_readable_file_is_private(db, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o666)
    code, _out, err = run_main(["report", "-o", str(target), "--db", str(db)])
    assert code == 0, err
    assert _mode(target) == 0o600 and target.read_text() != "old"


def test_a_failed_write_leaves_neither_a_short_file_nor_a_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("the last good report")

    class Full(Exception):
        pass

    with pytest.raises(Full):
        with files.private_file(target) as fh:
            fh.write("half")
            raise Full
    assert target.read_text() == "the last good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_temp_names_are_unique_and_exclusive(tmp_path):
    target = tmp_path / "x.csv"
    made = [files.create_temp(target) for _ in range(50)]
    try:
        assert len({p for _fd, p in made}) == 50
        assert all(_mode(p) == 0o600 for _fd, p in made)
    finally:
        for fd, p in made:
            os.close(fd)
            p.unlink()
