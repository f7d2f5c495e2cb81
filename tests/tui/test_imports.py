"""Import hygiene, checked in fresh subprocesses: the arrows point tui → journal → catalogue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def loaded_after(code: str, env_extra: dict[str, str] | None = None) -> set[str]:
    script = f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return {name.split(".")[0] for name in json.loads(out.strip().splitlines()[-1])}


@pytest.mark.parametrize(
    "module",
    ["catalogue", "catalogue.loader", "journal", "journal.api", "journal.status", "journal.store.paths",
     "journal.rules.history", "journal.rules.progression", "journal.store.gather", "journal.exchange.report"],
)
def test_journal_and_catalogue_never_import_textual(module):
    assert "textual" not in loaded_after(f"import {module}")


def test_catalogue_imports_nothing_of_ours():
    mods = loaded_after("import catalogue; catalogue.load_catalogue()")
    assert not {"journal", "tui", "sqlalchemy", "textual"} & mods


def test_status_imports_neither_textual_nor_sqlalchemy(tmp_path):
    db = tmp_path / "j.db"
    subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--days", "10", "--db", str(db)],
                   check=True, cwd=ROOT, capture_output=True)  # fmt: skip
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"rc = main(['status', '--db', {str(db)!r}])\nassert rc == 0, rc"
    )
    mods = loaded_after(code)
    assert "textual" not in mods and "sqlalchemy" not in mods and "alembic" not in mods


@pytest.mark.parametrize("command", [["suggest", "--json"], ["report"]])
def test_suggest_and_report_never_import_textual(tmp_path, command):
    db = tmp_path / "j.db"
    subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--days", "20", "--db", str(db)],
                   check=True, cwd=ROOT, capture_output=True)  # fmt: skip
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"rc = main({[*command, '--db', str(db)]!r})\nassert rc == 0, rc"
    )
    assert "textual" not in loaded_after(code)


def test_cli_parser_is_light():
    """Building the parser (every subcommand's options) loads no heavy library."""
    mods = loaded_after("from tui.cli import build_parser; build_parser()")
    assert not {"textual", "sqlalchemy", "alembic", "rich"} & mods


def test_app_module_does_not_import_sqlalchemy():
    """The first frame paints before SQLAlchemy loads: tui.app must not pull it in."""
    mods = loaded_after("import tui.app")
    assert "textual" in mods and "sqlalchemy" not in mods


def test_export_imports_neither_textual_nor_sqlalchemy(tmp_path):
    """`export` streams with sqlite3 alone: no Textual, no SQLAlchemy (so no ORM), no Alembic."""
    db = tmp_path / "j.db"
    subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--days", "10", "--db", str(db)],
                   check=True, cwd=ROOT, capture_output=True)  # fmt: skip
    code = (
        "from tui.cli import main\n"
        f"assert main(['export', '--db', {str(db)!r}, '-o', {str(tmp_path / 'e')!r}]) == 0\n"
        f"assert main(['export', 'sets', '--format', 'strong', '--db', {str(db)!r}, "
        f"'-o', {str(tmp_path / 's.csv')!r}]) == 0"
    )
    mods = loaded_after(code)
    assert not {"textual", "sqlalchemy", "alembic"} & mods
    code = (
        "from tui.cli import main\n"
        f"assert main(['import', {str(tmp_path / 'e')!r}, '--db', {str(tmp_path / 'n.db')!r}]) == 0"
    )
    assert "textual" not in loaded_after(code)


def test_runner_modules_never_import_the_app():
    """tui/runner/ reaches the app only through tui/runner/host.py (not even for type hints)."""
    import ast

    from tests.conftest import ROOT

    for path in sorted((ROOT / "tui" / "runner").glob("*.py")):
        tree = ast.parse(path.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n == "tui.app" or n.startswith("tui.app.")], path.name
