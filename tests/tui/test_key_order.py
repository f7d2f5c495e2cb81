"""Keys typed in one burst apply in the order typed: a digit after an arrow, tab or backspace
lands where that key left the cursor (the check-in grid, grip and the activities ratings).

Two ways of sending a burst: ``pilot.press`` of all the keys, and every key posted to the app
before any is handled (as when a terminal hands over a whole line of type-ahead at once).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.test_app_shell import past_morning_prompt
from tests.tui.test_history_screen import demo_master  # noqa: F401 - a fixture
from tests.tui.test_outcomes_screens import _settle, demo_db, fresh_db, make_app  # noqa: F401 - fixtures


def _post_all(app, keys) -> None:  # noqa: ANN001
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def _press(app, pilot, keys, how: str) -> None:  # noqa: ANN001
    if how == "queued":
        _post_all(app, keys)
    else:
        await pilot.press(*keys)
    await _settle(app, pilot)


async def _checkin(app, pilot):  # noqa: ANN001, ANN202
    from tui.screens.checkin import CheckinScreen
    from tui.widgets.checkin_grid import CheckinGrid

    await past_morning_prompt(app, pilot)
    screen = CheckinScreen("ad_hoc", ["neck", "left_hand", "right_hand"])
    screen.regions = ["neck", "left_hand", "right_hand"]  # whatever the profile asks
    app.push_screen(screen)
    await _settle(app, pilot)
    return app.screen.query_one(CheckinGrid)


@pytest.mark.parametrize("how", ["pressed", "queued"])
async def test_check_in_digits_land_where_the_arrows_put_the_cursor(fresh_db: Path, how: str):
    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await _checkin(app, pilot)
        await _press(app, pilot, ["down", "5"], how)
        assert grid.values["neck"]["pain"] == 0 and grid.values["left_hand"]["pain"] == 5
        assert grid.cursor == (1, 1)
        # "down 0 0 2 0 3 1 4 1" from the top left of a fresh grid: one row per four digits.
        await _press(app, pilot, ["up", "left", "0", "0", "0", "0", "2", "0", "3", "1", "4", "1"], how)
        assert [list(grid.values[r].values()) for r in grid.regions] == [[0, 0, 0, 0], [2, 0, 3, 1], [4, 1, 0, 0]]
        # +, ←, → and a digit in between: each where the one before left the cursor.
        await _press(app, pilot, ["up", "plus", "right", "7", "left", "left", "minus", "up", "9"], how)
        assert [list(grid.values[r].values()) for r in grid.regions] == [[0, 0, 9, 0], [2, 0, 3, 7], [4, 1, 0, 0]]


async def test_check_in_enter_after_digits_saves_them_all(fresh_db: Path):
    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await _checkin(app, pilot)
        screen = app.screen
        results = []
        screen.dismiss = lambda result=None: results.append(result)  # type: ignore[method-assign]
        _post_all(app, ["3", "down", "4", "enter", "9"])
        await _settle(app, pilot)
        assert results and [e["pain"] for e in results[0]][:2] == [3, 0]
        assert grid.values["neck"]["numbness"] == 0 and grid.values["left_hand"]["numbness"] == 4


@pytest.mark.parametrize("how", ["pressed", "queued"])
async def test_grip_tab_and_backspace_apply_in_the_order_typed(fresh_db: Path, how: str):
    from textual.widgets import Input

    from tui.screens.grip import GripScreen

    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        grip = app.screen
        assert isinstance(grip, GripScreen)
        keys = ["3", "3", "tab", "2", "2", "tab", "2", "1", "backspace", "4", "tab", "5", "shift+tab", "0"]
        await _press(app, pilot, keys, how)
        assert [f.value for f in grip.query(Input)] == ["33", "22", "0", "5", "", ""]  # shift+tab: the field comes back selected


@pytest.mark.parametrize("how", ["pressed", "queued"])
async def test_activity_ratings_follow_the_arrows(demo_db: Path, how: str):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        await _press(app, pilot, ["4", "up", "7", "down", "2"], how)
        assert [r.score for r in app.screen.rows] == [7, None, 2]
