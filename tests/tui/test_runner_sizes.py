"""Readable at every size: the runner's big clock fits its panel in every state, at 80×24,
100×30, 120×40, 160×50 and 220×60 — a smaller face when the big one would not fit, never a
clipped or wrapped clock."""

from __future__ import annotations

import pytest

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import FakeClock, make_app, settle, until
from tui.runner import flow as F
from tui.screens.checkin import CheckinScreen
from tui.screens.choice import ChoiceScreen
from tui.runner.screen import RunnerScreen

ROUTINE = """
[[routine]]
id = "sizes"
name = "Sizes"
rrule = "FREQ=DAILY"
steps = [{ exercise = "wrist-flexion-curl", sets = 2, rest_s = 90 }, { exercise = "grip-squeeze", sets = 1, rest_s = 0 }]
"""
SIZES = [(80, 24), (100, 30), (120, 40), (160, 50), (220, 60)]


def check_clock(app, state: str, size) -> None:
    screen = app.screen
    assert isinstance(screen, RunnerScreen)
    assert screen.flow.state() == state, (screen.flow.state(), state)
    clock = screen.query_one("#run-clock")
    panel = screen.query_one("#run-timer")
    where = f"{state} at {size[0]}×{size[1]}"
    if not clock.value:
        return
    width, height = clock.content_size
    lines = clock.face_lines(width)
    assert max(len(line) for line in lines) <= width, f"clock wider than its panel: {where}"
    rows = 3 if clock.face == 0 else len(lines)
    assert height >= rows, f"clock clipped ({height} rows for {rows}): {where}"
    assert clock.region.right <= panel.region.right and clock.region.bottom <= panel.region.bottom, where
    assert panel.region.bottom <= size[1] - 1, f"timer panel under the footer: {where}"
    if size[0] >= 100 and size[1] >= 30:
        assert clock.face >= 1, f"a terminal this big gets the block font: {where}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_runner_state_keeps_its_clock_whole(tmp_path, size):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
        j.update_profile(NOW, affected_side="left", effort_prompt=True)
    config = tmp_path / "config"
    (config / "catalogue").mkdir(parents=True)
    (config / "catalogue" / "sizes.toml").write_text(ROUTINE)
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.runflow.start("sizes")
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.stage == "set")
        r = app.screen

        async def at(state: str, *keys: str, advance: float = 0.0) -> None:
            if keys:
                await pilot.press(*keys)
            clock.advance(advance)
            try:
                await until(pilot, lambda: r.flow.state() == state and not r.flow.saving)
            except AssertionError:
                raise AssertionError((r.flow.state(), state, r.flow.guide.state() if r.flow.guide else None))
            await pilot.pause(0.12)
            check_clock(app, state, size)

        await at(F.READY)
        await at(F.GET_READY, "space")
        await at(F.TEMPO, advance=3.5)
        await at(F.PAUSED_STATE, "space")
        await at(F.SET_DONE, "space", advance=100)
        await at(F.SWITCH, "enter")
        await at(F.REST, "plus", "enter")
        assert r.query_one("#run-clock").value == "1:30"
        await at(F.REST, advance=-0.0)
        await pilot.press("space")
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await at(F.ENDED, "p")
        await at(F.READY, "enter")
        await pilot.press("plus", "enter")
        await until(pilot, lambda: r.flow.state() == F.SWITCH)
        await at(F.EFFORT, "plus", "enter")
