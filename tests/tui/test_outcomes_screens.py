"""PSFS prompt and grip entry (modals from Today and History), the Outcomes panel in History,
and the History fixes (legend, whole-number rep ticks, the current month in the heat map)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.tui.test_app_shell import past_morning_prompt, static_text, wait_ready
from tests.tui.test_history_screen import demo_master  # noqa: F401 - a fixture
from tui.app import RehabApp

TODAY = NOW.date()


def make_app(db: Path) -> RehabApp:
    return RehabApp(db_path=db, clock=lambda: NOW, config_dir=db.parent / "config")


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:  # noqa: F811
    path = tmp_path / "demo.db"
    shutil.copy(demo_master, path)
    return path


@pytest.fixture
def fresh_db(tmp_path: Path, now) -> Path:  # noqa: ANN001
    """A journal with one check-in (so it has data) and the safety notice read."""
    from journal.api import Journal

    path = tmp_path / "journal.db"
    with Journal.open(path) as j:
        j.update_profile(now, safety_ack_at="2026-11-01T08:00:00+01:00")
        j.record_checkins([{"region": "neck", "pain": 2}], context="ad_hoc", now=now - timedelta(days=1))
    return path


async def _settle(app: RehabApp, pilot) -> None:  # noqa: ANN001
    await wait_ready(app, pilot)
    await pilot.pause(0.2)


async def test_today_asks_weekly_and_psfs_names_then_rates(fresh_db: Path):
    from journal.api import Journal
    from tui.screens.psfs import PsfsScreen

    app = make_app(fresh_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        assert "This week's activities" in static_text(app, "#today-prompts")
        await pilot.press("f")
        await _settle(app, pilot)
        assert isinstance(app.screen, PsfsScreen)
        assert app.focused is not None and app.focused.id == "psfs-name"  # none yet: name one
        await pilot.press("enter")  # an empty name
        assert "needs a name" in static_text(app, "#psfs-error")
        app.focused.value = "x" * 300
        await pilot.press("enter")
        assert "too long (300 characters, at most 80)" in static_text(app, "#psfs-error")
        with Journal.open(fresh_db) as j:
            assert j.psfs_activities() == []  # nothing stored on a bad name
        app.focused.value = "typing for an hour"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is None
        await pilot.press("enter")  # not rated yet: refused
        assert "Nothing rated yet" in static_text(app, "#psfs-error")
        await pilot.press("7", "enter")
        await _settle(app, pilot)
        assert not isinstance(app.screen, PsfsScreen)
        assert "This week's activities" not in static_text(app, "#today-prompts")
    with Journal.open(fresh_db) as j:
        (activity,) = j.psfs_activities()
        assert activity.name == "typing for an hour"
        assert [(r.activity_id, r.score, r.local_day) for r in j.psfs_ratings()] == [(activity.id, 7, TODAY)]


async def test_one_key_per_rating_and_plus_is_ten(demo_db: Path):
    from journal.api import Journal

    with Journal.open(demo_db) as j:
        before = len(j.psfs_ratings())
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        await pilot.press("7", "plus", "0")
        assert [r.score for r in app.screen.rows] == [7, 10, 0]
        await pilot.press("escape")  # skip: nothing saved
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        await pilot.press("4", "5", "6", "enter")
        await _settle(app, pilot)
    with Journal.open(demo_db) as j:
        ratings = j.psfs_ratings()
        assert len(ratings) == before + 3 and [r.score for r in ratings[-3:]] == [4, 5, 6]


async def test_grip_refuses_bad_values_and_stores_the_best_of_three(fresh_db: Path):
    from textual.widgets import Input

    from journal.api import Journal
    from tui.screens.grip import GripScreen

    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        assert isinstance(app.screen, GripScreen)
        field = app.screen.query_one("#grip-left-1", Input)
        for bad, message in (("-1", "above 0"), ("200", "at most 150 kg")):
            field.value = bad
            await pilot.press("s")
            await _settle(app, pilot)
            assert message in static_text(app, "#grip-error")
            assert isinstance(app.screen, GripScreen)
        with Journal.open(fresh_db) as j:
            assert j.grip_readings() == []
        field.value = "31.5"
        app.screen.query_one("#grip-left-2", Input).value = "33"
        app.screen.query_one("#grip-right-1", Input).value = "40"
        await pilot.press("s")
        await _settle(app, pilot)
        assert not isinstance(app.screen, GripScreen)
    with Journal.open(fresh_db) as j:
        assert [(g.side, g.value, g.trials) for g in j.grip_readings()] == [("left", 33, "31.5,33"), ("right", 40, "40")]


GRIP_TYPED = ("3", "2", "enter", "3", "0", "enter", "3", "1", "enter", "4", "0", "enter", "4", "1", "enter", "3", "9", "enter")


async def test_grip_enter_moves_to_the_next_trial_and_the_last_one_saves(fresh_db: Path):
    """The user's own sequence, pressed without a pause: each number in its own trial."""
    from textual.widgets import Input

    from journal.api import Journal
    from tui.screens.grip import GripScreen
    from tui.widgets.footer import KeyFooter

    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        grip = app.screen
        assert isinstance(grip, GripScreen)
        await pilot.press(*GRIP_TYPED[:9])  # the left hand: 32 enter 30 enter 31 enter
        values = [grip.query_one(f"#grip-{side}-{n}", Input).value for side in ("left", "right") for n in (1, 2, 3)]
        assert values == ["32", "30", "31", "", "", ""]
        assert app.focused is grip.query_one("#grip-right-1", Input)  # then the right hand
        await pilot.pause()
        footer = " ".join(str(k.render()) for k in grip.query_one(KeyFooter).children)
        assert "Next trial" in footer and "Save" in footer
        await pilot.press(*GRIP_TYPED[9:])  # the last field's enter saves
        await _settle(app, pilot)
        assert not isinstance(app.screen, GripScreen)
    with Journal.open(fresh_db) as j:
        readings = [(g.side, g.value, g.trials) for g in j.grip_readings()]
    assert readings == [("left", 32, "32,30,31"), ("right", 41, "40,41,39")]


async def test_grip_keys_sent_in_one_burst_land_in_their_own_trials(fresh_db: Path):
    """Faster than any pause: every key is queued before the first is handled (as when a
    terminal hands over a whole line of type-ahead at once), then `s` saves the left hand only."""
    from textual import events
    from textual.widgets import Input

    from journal.api import Journal
    from tui.screens.grip import GripScreen

    app = make_app(fresh_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        grip = app.screen
        assert isinstance(grip, GripScreen)
        for key in (*GRIP_TYPED[:8], "s"):  # "32 enter 30 enter 31 s"
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await _settle(app, pilot)
        assert not isinstance(app.screen, GripScreen), [f.value for f in grip.query(Input)]
    with Journal.open(fresh_db) as j:
        assert [(g.side, g.value, g.trials) for g in j.grip_readings()] == [("left", 32, "32,30,31")]


async def test_a_grip_drop_opens_the_red_flag_check_with_weakness_ticked(fresh_db: Path, now):  # noqa: ANN001
    from textual.widgets import Input

    from journal.api import Journal
    from tui.screens.redflags import Checklist, RedFlagScreen

    with Journal.open(fresh_db) as j:
        j.record_grip("right", [40], "kg", now - timedelta(days=10))
    app = make_app(fresh_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        await pilot.press("g")
        await _settle(app, pilot)
        app.screen.query_one("#grip-right-1", Input).value = "33"
        await pilot.press("s")
        await _settle(app, pilot)
        assert isinstance(app.screen, RedFlagScreen)
        assert app.screen.query_one(Checklist).ticked == ["spreading-weakness"]
        assert "7 kg below its best" in static_text(app, "#redflag-open")
        await pilot.press("escape")


async def test_history_outcomes_panel_at_120x40_and_80x24(demo_db: Path):
    for size in ((120, 40), (80, 24)):
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await past_morning_prompt(app, pilot)
            await pilot.press("h")
            await _settle(app, pilot)
            text = static_text(app, "#outcomes")
            assert "typing for an hour" in text and "Right hand" in text and "Left hand" in text
            assert "better" in text
            panel = app.screen.query_one("#outcomes")
            assert panel.region.width <= size[0]
            assert all(len(line.rstrip()) <= panel.content_region.width for line in text.splitlines())
            if size == (120, 40):  # no panel cut at the fold: top, suggestions and charts fit
                charts = app.screen.query_one("#history-charts")
                assert charts.region.bottom <= 39


def test_heat_map_names_the_current_month_before_its_first_monday():
    from journal.rules.history import Day
    from tui.theme import Palette
    from tui.widgets.history_panels import heatmap

    colours = Palette("green", "yellow", "red", "blue", "cyan", "grey50")
    start = date(2026, 8, 17)  # a Monday; today Thursday 3 December 2026
    days = [Day(start + timedelta(days=i), "done") for i in range((date(2026, 12, 3) - start).days + 1)]
    header = heatmap(days, colours).plain.splitlines()[0]
    assert header.split() == ["Aug", "Sep", "Oct", "Nov", "Dec"]


def test_rep_ticks_are_whole_numbers():
    from tui.widgets.history_charts import legend_markup, nice_ticks

    assert nice_ticks(7, 9, whole=True) == [7, 8, 9]
    assert all(t == int(t) for t in nice_ticks(3, 27, whole=True))
    assert nice_ticks(1.0, 1.25, whole=False)[-1] >= 1.25
    assert "L " not in legend_markup([("reps R", "#ff0000"), ("kg R (right axis)", "#00ff00")])
