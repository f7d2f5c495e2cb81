"""SVG snapshots of the screens the README shows, from the screenshots' own demo journal.

The same deterministic journal (fixed seed and clock) and the same keys as
``python -m tui.screenshots``, so a snapshot and its README picture show the same thing.
Other snapshots: the runner and a check-in (test_runner_snapshots), Journal and a session's
sets (test_journal_screen), History (test_history_screen).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.screenshots import RUNNER_HOLD, STOP_BANNER, build_demo, demo_app, play


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("look"))


@pytest.fixture
def app_for(demo_template, tmp_path):
    """An app on a fresh copy of the demo journal (with ``theme`` in its config file, if given)."""

    def make(theme: str | None = None):
        db = Path(shutil.copy(demo_template, tmp_path / "demo.db"))
        config = tmp_path / "config"
        config.mkdir(exist_ok=True)
        if theme:
            (config / "config.toml").write_text(f'theme = "{theme}"\n')
        return demo_app(db, config)

    return make


def keys(*pressed: str):
    return lambda pilot: play(pilot.app, pilot, pressed)


def test_today(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys("escape"))


def test_today_80x24(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=keys("escape"))


def test_today_light_theme(snap_compare, app_for):
    assert snap_compare(
        app_for("textual-light"), terminal_size=(120, 40), run_before=keys("escape")
    )


def test_runner_hold(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys(*RUNNER_HOLD))


def test_runner_hold_80x24(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=keys(*RUNNER_HOLD))


def test_catalogue(snap_compare, app_for):
    assert snap_compare(
        app_for(), terminal_size=(120, 40), run_before=keys("escape", "c", *("down",) * 7)
    )


def test_help(snap_compare, app_for):
    assert snap_compare(
        app_for(), terminal_size=(120, 40), run_before=keys("escape", "question_mark")
    )


def test_stop_banner(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys(*STOP_BANNER))


def test_readme_gallery_shows_every_screenshot():
    """Each picture the command makes is in screenshots/ and in the README; nothing stale."""
    from tui.screenshots import SHOTS

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text()
    names = {name for name, _size, _keys in SHOTS}
    assert {p.stem for p in (root / "screenshots").glob("*.svg")} == names
    for name in names:
        assert f"(screenshots/{name}.svg)" in readme, name


def test_outcomes_panel(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys("escape", "h", "tab", "end"))


def test_outcomes_panel_80x24(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=keys("escape", "h", "tab", "end"))


def test_psfs_prompt(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys("escape", "f", "7", "plus"))


def test_psfs_prompt_80x24(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=keys("escape", "f", "7", "plus"))


def test_grip_entry(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=keys("escape", "g"))
