"""The app starts on an empty and on a demo journal and shows Today, Catalogue and help."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from tests.conftest import NOW
from tui.app import RehabApp
from tui.screens.catalogue import CatalogueScreen
from tui.screens.checkin import CheckinScreen
from tui.screens.help import HelpScreen
from tui.screens.safety import SafetyNotice
from tui.screens.today import TodayScreen


def make_app(db: Path) -> RehabApp:
    return RehabApp(db_path=db, clock=lambda: NOW)


async def wait_ready(app: RehabApp, pilot) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if app.is_idle():
            break
    await pilot.pause()


async def past_morning_prompt(app: RehabApp, pilot) -> None:
    """A demo journal ends with yesterday's session, so the app opens on the next-morning
    check-in; put it off (escape) to reach the screen under it."""
    from tui.screens.checkin import CheckinScreen

    await wait_ready(app, pilot)
    if isinstance(app.screen, CheckinScreen):
        await pilot.press("escape")
        await wait_ready(app, pilot)


def static_text(app: RehabApp, selector: str) -> str:
    """The text a Static shows, whether it holds a string or a Rich renderable."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def test_first_run_shows_safety_notice_then_today(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SafetyNotice)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        from tests.helpers.setup_helpers import skip_setup

        await skip_setup(app, pilot)  # the setup questions follow the notice (tests/tui/test_setup.py)
        assert isinstance(app.screen, TodayScreen)
        due = app.screen.query_one("#due-list", OptionList)
        names = [str(due.get_option_at_index(i).prompt).split("  ")[0] for i in range(due.option_count)]
        # Tuesday: the daily warm-up and the Tue/Thu/Sat neck routine, not the Mon/Wed/Fri one.
        assert names == ["Gentle mobility", "Neck & shoulder strength"]
        assert "No check-ins yet" in static_text(app, "#symptoms")
    assert app.journal is not None
    assert app.journal.profile().safety_ack_at is not None


async def test_safety_notice_not_shown_again(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_demo_journal_today_catalogue_help_and_quit(tmp_path):
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo.generator import generate

    db = tmp_path / "demo.db"
    with Journal.open(db) as j:
        generate(j, load_catalogue(), days=30, seed=3, today=NOW.date())
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        # The demo ends with yesterday's session, so the next-morning check-in is asked first.
        assert isinstance(app.screen, CheckinScreen) and app.screen.context == "next_morning"
        await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Right hand" in static_text(app, "#symptoms")
        await pilot.press("c")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, CatalogueScreen)
        detail = static_text(app, "#detail")
        assert "How to do it" in detail and "Your dose" in detail
        await pilot.press("down", "down")
        assert "How to do it" in static_text(app, "#detail")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_optional_sliders_can_be_shown_and_enabled(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await wait_ready(app, pilot)
        options = app.screen.query_one("#exercise-list", OptionList)
        ids = lambda: [o.id for o in options.options if o.id]  # noqa: E731
        assert "median-nerve-slider" not in ids()
        await pilot.press("o")
        await pilot.pause()
        assert "median-nerve-slider" in ids()
        options.highlighted = options.get_option_index("median-nerve-slider")
        await pilot.press("e")
        await wait_ready(app, pilot)
    with Journal.open(db_path) as j:
        assert "median-nerve-slider" in j.profile().enabled_exercises


async def test_first_frame_before_sqlalchemy(db_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui.app import RehabApp\n"
        f"app = RehabApp(db_path=Path({str(db_path)!r}))\n"
        "async def main():\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause(0.5)\n"
        "asyncio.run(main())\n"
        "print(app.sqlalchemy_at_first_frame)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


async def test_bad_journal_in_app_worker_exits_with_message(tmp_path):
    path = tmp_path / "x.db"
    path.write_text("not a journal")
    app = make_app(path)
    async with app.run_test() as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 1 and "not a rehab-tui journal" in (app.error_message or "")
