"""The footer shows the keys in reach: the screen's own first, help always, nothing cut off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets._footer import FooterKey

from tests.tui.test_app_shell import make_app, wait_ready
from tests.tui.test_journal_screen import build
from tui.screens.catalogue import CatalogueScreen
from tui.screens.history import HistoryScreen
from tui.screens.journal import JournalScreen
from tui.runner.screen import RunnerScreen
from tui.screens.session_sets import SessionScreen
from tui.screens.today import TodayScreen
from tui.widgets.footer import BARE, HIDDEN, LABEL, Item, KeyFooter, fit, row_width


def item(key: str, description: str, id: str, is_global: bool = True) -> Item:
    return Item(Binding(key, key, description, id=id), True, "", key, is_global)


GLOBAL = [
    item("t", "Today", "app.today"), item("r", "Run", "app.run"), item("j", "Journal", "app.journal"),
    item("h", "History", "app.history"), item("c", "Catalogue", "app.catalogue"),
    item("!", "Red flags", "app.redflags"), item("?", "Help", "app.help"), item("q", "Quit", "app.quit"),
]  # fmt: skip


def test_everything_fits_on_a_wide_footer():
    local = [item("m", "Morning check-in", "today.morning", is_global=False)]
    shown, compact, palette = fit(local + GLOBAL, 120, "^p")
    assert [i.binding.id for i in shown] == ["today.morning"] + [i.binding.id for i in GLOBAL]
    assert not compact and palette == LABEL


def test_narrow_footer_packs_then_drops_places_first_and_keeps_help():
    local = [item(k, d, f"x.{k}", is_global=False) for k, d in (("a", "Accept"), ("d", "Decline"))]
    shown, compact, _ = fit(local + GLOBAL, 60, "^p")
    ids = [i.binding.id for i in shown]
    assert compact
    assert ids[:2] == ["x.a", "x.d"] and "app.help" in ids
    assert "app.catalogue" not in ids and "app.history" not in ids  # the places go first
    assert row_width(shown, True) + 11 <= 60
    # Narrower: the palette loses its label, then the palette key goes, then the screen's keys
    # from the end (the bare ^p back where one left room for it); red flags and help always stay.
    for width, own, palette_shown in (
        (45, ["x.a", "x.d"], BARE), (40, ["x.a", "x.d"], HIDDEN), (35, ["x.a"], BARE), (30, ["x.a"], HIDDEN), (26, [], BARE),
    ):  # fmt: skip
        shown, _, palette = fit(local + GLOBAL, width, "^p")
        assert [i.binding.id for i in shown] == [*own, "app.redflags", "app.help"]
        assert palette == palette_shown
        assert row_width(shown, True) + (3 if palette == BARE else 0) <= width - 1


def test_the_screens_own_keys_go_before_the_palette_key_and_a_group_goes_whole():
    """At 80 columns the runner's keys matter more than the ``^p`` hint (ctrl+p still works);
    when one must go, ``< >`` goes as a pair, not half of it."""
    more = Binding.Group("reps", compact=True)
    load = Binding.Group("load", compact=True)

    def own(key: str, description: str, id: str, group=None) -> Item:
        return Item(Binding(key, id, description, id=id, group=group), True, "", key, False)

    local = [
        own("space", "Guide", "r.guide"), own("⏎", "Log set", "r.log"), own("+", "+1", "r.more", more),
        own("-", "-1", "r.fewer", more), own("x", "Ended early", "r.early"), own("s", "Skip", "r.skip"),
        own("u", "Undo", "r.undo"), own("<", "Lighter", "r.lighter", load), own(">", "Heavier", "r.heavier", load),
    ]  # fmt: skip
    everything = row_width(local + GLOBAL[5:7], True)
    shown, _, palette = fit(local + GLOBAL, everything + 1, "^p")  # room for all but the palette
    assert [i.binding.id for i in shown] == [i.binding.id for i in local] + ["app.redflags", "app.help"]
    assert palette == HIDDEN
    shown, _, palette = fit(local + GLOBAL, everything, "^p")
    ids = [i.binding.id for i in shown]
    assert "r.lighter" not in ids and "r.heavier" not in ids and "r.undo" in ids  # the pair together
    assert palette == BARE  # and with that room, the bare ^p comes back


def test_a_key_the_screen_keeps_stays_and_its_own_keys_give_way_from_the_end():
    """Today at 80 columns with the morning check-in pending: ``r`` Run stays; f and g go."""
    local = [
        item("m", "Morning check-in", "today.morning", is_global=False),
        item("f", "Activities", "today.psfs", is_global=False), item("g", "Grip", "today.grip", is_global=False),
    ]  # fmt: skip
    without = [i.binding.id for i in fit(local + GLOBAL, 80, "^p")[0]]
    assert "app.run" not in without  # what went wrong: Run went with the other places
    shown, _, _ = fit(local + GLOBAL, 80, "^p", keep=("app.run",))
    ids = [i.binding.id for i in shown]
    assert {"today.morning", "app.run", "app.redflags", "app.help"} <= set(ids)
    assert row_width(shown, True) < 80
    assert "today.grip" not in ids or "today.psfs" in ids  # from the end: g before f


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("footer") / "demo.db")


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


def check_footer(app, own_actions: set[str], width: int) -> set[str]:
    """Nothing overlaps or runs off the edge; the screen's own keys and help are shown."""
    keys = footer_keys(app)
    spans = sorted((k.region.x, k.region.right) for k in keys)
    assert spans[0][0] >= 0 and spans[-1][1] <= width, spans
    for (_, right), (left, _) in zip(spans, spans[1:]):
        assert right <= left, spans
    actions = {k.action for k in keys}
    assert own_actions <= actions, (type(app.screen).__name__, actions)
    assert "help" in actions and "red_flags" in actions  # always: help, and reporting a warning sign
    return actions


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_screen_footer_fits(demo_template, tmp_path, size):
    db = Path(shutil.copy(demo_template, tmp_path / "demo.db"))
    app = make_app(db)
    width = size[0]
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        actions = check_footer(
            app, {"morning"} if app.screen.data and app.screen.data.morning else set(), width
        )
        assert "go('today')" not in actions  # you are already there
        assert "run" in actions  # r starts the day's work: it stays (f and g give way first)
        for key, screen, own in (
            ("j", JournalScreen, {"open", "export"}),
            ("enter", SessionScreen, {"edit", "delete", "back"}),
            ("escape", JournalScreen, {"open", "export"}),
            ("h", HistoryScreen, {"accept", "decline"}),
            ("c", CatalogueScreen, {"toggle_optional"}),
        ):
            await pilot.press(key)
            await wait_ready(app, pilot)
            assert isinstance(app.screen, screen)
            check_footer(app, own, width)
        # `e` (enable) is in reach only on an optional exercise, and this one is not.
        assert "toggle_enabled" not in {k.action for k in footer_keys(app)}
        if width >= 120:
            assert "go('today')" in {k.action for k in footer_keys(app)}
        await pilot.press("r")
        await wait_ready(app, pilot)
        await pilot.press("enter")  # the first routine
        await wait_ready(app, pilot)
        await pilot.press("enter")  # the before check-in as filled in
        await wait_ready(app, pilot)
        assert isinstance(app.screen, RunnerScreen)
        own = {"key('guide')", "key('log')", "key('reps', 1)", "key('reps', -1)", "key('early')", "key('skip')"}
        # At 80 columns `esc` (leave) gives way to `!`: escape is the key every screen leaves by.
        actions = check_footer(app, own if width < 100 else own | {"leave"}, width)
        assert "run" not in actions  # the runner is where `r` goes
