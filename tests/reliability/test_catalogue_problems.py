"""Issue 15, item 8: a user catalogue with thousands of problems loads fast, and the app
says so in ONE notification whose list opens from the palette; the CLI prints one line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journal.api import Journal
from tests.cli.test_cli_bad_args import run_main
from tests.conftest import NOW


def _broken_catalogue(folder: Path, problems: int = 10_000) -> None:
    """Exercises missing their required keys: five problems each (region, kind, tempo, …)."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = 500
    for f in range(problems // 5 // per_file):
        body = "".join(
            f'[[exercise]]\nid = "bad-{f}-{i}"\nname = "x"\n\n' for i in range(per_file)
        )
        (folder / f"broken-{f}.toml").write_text(body, encoding="utf-8")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    _broken_catalogue(config / "catalogue")
    monkeypatch.setenv("REHAB_TUI_CONFIG", str(config))
    return config


def test_ten_thousand_problems_load_in_under_two_seconds(config):
    from catalogue import load_catalogue

    start = time.perf_counter()
    catalogue = load_catalogue(config / "catalogue")
    elapsed = time.perf_counter() - start
    assert len(catalogue.problems) >= 10_000
    assert elapsed < 2.0, elapsed


async def test_the_app_shows_one_notification_and_opens_the_list(config, tmp_path):
    from tests.helpers.app_probe import ProbeApp
    from tui.screens.problems import ProblemList

    db = tmp_path / "journal.db"
    with Journal.open(db) as journal:
        journal.acknowledge_safety(NOW)
    app = ProbeApp(db_path=db, clock=lambda: NOW, config_dir=config)
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.journal is not None:
                break
        await pilot.pause()
        opened = time.perf_counter() - start
        warnings = [m for severity, _, m in app.seen if severity == "warning"]
        assert len(warnings) == 1 and "10,000 problems" in warnings[0], warnings
        assert opened < 10, opened  # 5,000 notifications took 134 s
        app.action_catalogue_problems()
        await pilot.pause()
        assert isinstance(app.screen, ProblemList)
        text = str(app.screen.query_one("#problems-text Static").render())
        assert "broken-0.toml: exercise[1]" in text and "more" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemList)


def test_the_cli_says_so_in_one_line(config, tmp_path):
    db = tmp_path / "journal.db"
    Journal.open(db).close()
    code, _out, err = run_main(["suggest", "--db", str(db)])
    assert code == 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rehab-tui: 10,000 problems"), lines
    assert "broken-0.toml" in lines[0]
