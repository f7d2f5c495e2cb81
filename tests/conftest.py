"""Shared fixtures: a fixed clock, temp journals, and no access to the user's real data dirs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

TZ = timezone(timedelta(hours=1))
#: The fixed "now" of every test: Tuesday 24 November 2026, 08:30 at UTC+1.
NOW = datetime(2026, 11, 24, 8, 30, tzinfo=TZ)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user location at temp dirs, so no test touches the user's real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("REHAB_TUI_CONFIG", str(home / "config" / "rehab-tui"))
    monkeypatch.delenv("REHAB_TUI_DB", raising=False)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db_path: Path):
    from journal.api import Journal

    j = Journal.open(db_path)
    yield j
    j.close()
