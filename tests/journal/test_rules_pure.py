"""journal/rules/* (and catalogue/watched.py) stay pure: no database, no journal.store, no clock."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

RULE_FILES = sorted((ROOT / "journal" / "rules").glob("*.py")) + [ROOT / "catalogue" / "watched.py"]
FORBIDDEN_MODULES = ("sqlalchemy", "sqlite3", "alembic", "journal.store", "textual")
CLOCK_ATTRS = {"now", "today", "utcnow", "now_local", "monotonic", "perf_counter", "time_ns"}
CLOCK_NAMES = {"now_local", "monotonic", "perf_counter"}


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_modules_import_no_storage_and_read_no_clock(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert not name.startswith(FORBIDDEN_MODULES), f"{path.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            module_time = f.attr == "time" and isinstance(f.value, ast.Name) and f.value.id == "time"
            assert f.attr not in CLOCK_ATTRS and not module_time, f"{path.name}:{node.lineno} reads the clock"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in CLOCK_NAMES, f"{path.name}:{node.lineno} reads the clock"
    assert path.stat().st_size and len(path.read_text().splitlines()) <= 400, f"{path.name} is over 400 lines"


def test_importing_every_rule_module_loads_no_database_library():
    names = [f"journal.rules.{p.stem}" for p in RULE_FILES if p.parent.name == "rules" and p.stem != "__init__"]
    code = "import " + ", ".join(names + ["catalogue.watched"]) + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    loaded = set(json.loads(out.strip().splitlines()[-1]))
    assert not {"sqlalchemy", "sqlite3", "alembic", "journal.store", "textual"} & loaded
