"""The command line: one-line errors (exit 1, or 2 for usage), files left untouched, no tracebacks."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=120,
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rehab-tui: ")
    return lines[0]


def test_version():
    from tui import __version__

    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"rehab-tui {__version__}"


def test_text_file_as_db_exits_1_and_is_unchanged(tmp_path):
    path = tmp_path / "some.txt"
    path.write_text("dear diary\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    line = one_line_error(cli("--db", str(path)))
    assert str(path) in line and "not a rehab-tui journal" in line
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(tmp_path)) == ["some.txt"]


def test_missing_directory_is_named(tmp_path):
    line = one_line_error(cli("demo", "--db", str(tmp_path / "nope" / "j.db")))
    assert str(tmp_path / "nope") in line and "does not exist" in line
    assert not (tmp_path / "nope").exists()


def test_usage_errors_exit_2():
    one_line_error(cli("frobnicate"), code=2)
    one_line_error(cli("demo", "--days", "abc"), code=2)


def test_demo_then_status_prints_one_sensible_line(tmp_path):
    db = tmp_path / "x.db"
    made = cli("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Filled {db} with 120 days")
    status = cli("status", "--db", str(db))
    assert status.returncode == 0 and status.stderr == ""
    out = status.stdout.strip()
    assert len(out.splitlines()) == 1
    assert out.startswith("rehab: last session ") and ("due today" in out or "rest day" in out or "done" in out)


def test_status_without_a_journal(tmp_path):
    result = cli("status", "--db", str(tmp_path / "j.db"))
    assert result.returncode == 0 and "no journal yet" in result.stdout
    assert not (tmp_path / "j.db").exists()


def test_db_from_environment(tmp_path):
    db = tmp_path / "env.db"
    assert cli("demo", "--days", "5", env={"REHAB_TUI_DB": str(db)}).returncode == 0
    assert db.exists()


def test_status_on_a_foreign_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"\x00" * 100)
    assert "not a rehab-tui journal" in one_line_error(cli("status", "--db", str(path)))


@pytest.mark.parametrize("name", ["catalogue", "journal"])
def test_a_shadowing_package_is_detected(tmp_path, name):
    """A foreign `catalogue` (spaCy's dependency) or `journal` first on sys.path is named."""
    fake = tmp_path / "site" / name
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path / 'site')!r})\n"
        "from tui.cli import main\n"
        "sys.exit(main(['status']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    line = one_line_error(result)
    assert f"'{name}'" in line and "virtualenv" in line and str(fake) in line


def test_unexpected_errors_are_one_line_with_a_log(tmp_path, monkeypatch):
    code = (
        "import sys\n"
        "import tui.commands.status as s\n"
        "def boom(args): raise RuntimeError('kaboom')\n"
        "s.run = boom\n"
        "from tui.cli import main\n"
        "sys.exit(main(['status']))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    line = one_line_error(result)
    assert "kaboom" in line and "crash.log" in line
    assert "RuntimeError" in (tmp_path / "state" / "rehab-tui" / "crash.log").read_text()
