"""Small things a new user met: esc closes the first-run notice; a screenshot without ~/Downloads."""

from __future__ import annotations

from tests.helpers.setup_helpers import prepare_profile, skip_setup
from tests.tui.test_app_shell import make_app, wait_ready
from tui.screen_capture import screenshot_folder
from tui.screens.safety import SafetyNotice
from tui.screens.setup import SetupScreen
from tui.screens.today import TodayScreen


async def test_esc_closes_the_first_run_notice_which_shows_again_next_time(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SafetyNotice)
        await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SetupScreen)  # the questions still follow
        await skip_setup(app, pilot)
        assert isinstance(app.screen, TodayScreen)
    assert app.journal.profile().safety_ack_at is None
    again = make_app(db_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_ready(again, pilot)
        assert isinstance(again.screen, SafetyNotice)


def test_screenshot_folder_falls_back_to_the_data_folder(tmp_path):
    data = tmp_path / "data"
    assert screenshot_folder(tmp_path / "Downloads", data) == data
    assert screenshot_folder(None, data) == data
    (tmp_path / "Downloads").mkdir()
    assert screenshot_folder(tmp_path / "Downloads", data) == tmp_path / "Downloads"


async def test_palette_screenshot_without_downloads_lands_beside_the_journal(db_path):
    prepare_profile(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.action_screenshot()
        for _ in range(50):
            await pilot.pause(0.05)
            if list(db_path.parent.glob("*.svg")):
                break
    (svg,) = db_path.parent.glob("*.svg")
    assert "<svg" in svg.read_text()[:2000]
