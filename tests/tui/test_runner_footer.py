"""The runner's footer in every state: only keys that do something there (no `< >` on mobility
work, no `u` before a set is logged), the keys that matter in the state first and whole at
80×24, and the footer following the clock (get ready → tempo → set done, rest over)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import FakeClock, make_app, settle, until
from tests.tui.test_footer import check_footer
from tui.runner import flow as F
from tui.runner.reach import FOOTER_ORDER
from tui.runner.screen import RunnerScreen
from tui.screens.checkin import CheckinScreen
from tui.screens.choice import ChoiceScreen
from tui.widgets.footer import KeyFooter

ROUTINE = """
[[routine]]
id = "footer"
name = "Footer"
rrule = "FREQ=DAILY"
steps = [{ exercise = "wrist-flexion-curl", sets = 2, rest_s = 60 }, { exercise = "neck-rotation", sets = 2, rest_s = 30 }]
"""
ACTION = {b.id: b.action for b in RunnerScreen.BINDINGS}
LOAD = {"key('lighter')", "key('heavier')"}
REPS = {"key('reps', 1)", "key('reps', -1)"}
REPS_ORDER = ["key('reps', 1)", "key('reps', -1)"]
#: State → the keys that must be in the footer there at 80×24 (the wrist curl has a load).
MUST = {
    F.READY: {"key('guide')", "key('log')", *REPS, "key('early')", "key('skip')", *LOAD},
    F.GET_READY: {"key('guide')", "key('early')", "key('skip')"},
    F.TEMPO: {"key('guide')", "key('log')", "key('early')", *REPS},
    F.PAUSED_STATE: {"key('guide')", "key('log')", "key('early')", *REPS},
    F.SET_DONE: {"key('log')", *REPS, "key('early')", "key('skip')"},
    F.SWITCH: {"key('guide')", "key('log')", *REPS, "key('early')", "key('skip')", "key('undo')"},
    F.REST: {"key('end_rest')", "key('skip')", "key('undo')", *LOAD},
    F.ENDED: {"key('next')", "key('skip')", "key('end')", "key('undo')"},
    F.EFFORT: {"key('effort_skip')", "key('undo')"},
}
#: Keys that do nothing in a state (so are not offered there).
NEVER = {
    F.READY: {"key('undo')", "key('end_rest')"},
    F.GET_READY: {"key('log')", "key('end_rest')"},
    F.SET_DONE: {"key('guide')", "key('end_rest')"},
    F.REST: {"key('guide')", "key('log')", *REPS, "key('early')"},
}


def journal(tmp_path, *, effort: bool = False):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
        j.update_profile(NOW, affected_side="right", effort_prompt=effort)
    config = tmp_path / "config"
    (config / "catalogue").mkdir(parents=True)
    (config / "catalogue" / "footer.toml").write_text(ROUTINE)
    return db, config


def footer_actions(app) -> list[str]:
    return [k.action for k in app.screen.query_one(KeyFooter).query(FooterKey)]


async def start(app, pilot) -> RunnerScreen:
    await settle(app, pilot)
    app.runflow.start("footer")
    await until(pilot, lambda: isinstance(app.screen, CheckinScreen))
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.stage == "set")
    return app.screen


async def test_at_80x24_each_state_shows_its_own_keys_first_and_whole(tmp_path):
    db, config = journal(tmp_path, effort=True)
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        r = await start(app, pilot)
        seen = []

        async def at(state: str, *keys: str, advance: float = 0.0, must: set | None = None, never: set | None = None) -> None:
            if keys:
                await pilot.press(*keys)
            clock.advance(advance)  # the clock alone moves the state on: the footer follows it
            await until(pilot, lambda: r.flow.state() == state and not r.flow.saving)
            must = MUST[state] if must is None else must
            never = NEVER.get(state, set()) if never is None else never
            try:
                await until(pilot, lambda: must <= set(footer_actions(app)) and not never & set(footer_actions(app)))
            except AssertionError:
                raise AssertionError((state, footer_actions(app))) from None
            actions = footer_actions(app)
            check_footer(app, must, 80)
            # The runner's keys in the order they matter here, the most important first.
            order = [ACTION[i] for i in FOOTER_ORDER[state]]
            ours = [a for a in actions if a in order]
            assert ours == sorted(ours, key=order.index), (state, ours)
            assert ours[0] == next(a for a in order if a in must), (state, ours)
            seen.append(state)

        await at(F.READY)
        await at(F.GET_READY, "space")
        await at(F.TEMPO, advance=3.5)
        await at(F.PAUSED_STATE, "space")
        await at(F.SET_DONE, "space", advance=100)  # the guide finished the set by itself
        await at(F.SWITCH, "enter")
        await at(F.REST, "plus", "enter")
        await at(F.SWITCH, "space")  # set 2 starts on the right again
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await at(F.ENDED, "p")
        neck = (MUST[F.READY] - LOAD) | {"key('undo')"}  # no load; a set to take back
        await at(F.READY, "enter", must=neck, never=LOAD)
        await at(F.REST, "plus", "enter", must=MUST[F.REST] - LOAD, never=NEVER[F.REST] | LOAD)
        await at(F.READY, advance=31, must=neck, never=LOAD)  # the rest ran out: the set's keys again
        await at(F.EFFORT, "plus", "enter")
        assert seen[-1] == F.EFFORT


async def test_set_done_by_the_clock_offers_log_set(tmp_path):
    db, config = journal(tmp_path)
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        r = await start(app, pilot)
        await pilot.press("space")
        clock.advance(200)
        await until(pilot, lambda: r.flow.state() == F.SET_DONE)
        await until(pilot, lambda: "key('log')" in footer_actions(app))
        keys = {k.action: k for k in app.screen.query_one(KeyFooter).query(FooterKey)}
        assert "Log set" in str(keys["key('log')"].render())
        assert footer_actions(app)[0] == "key('log')"
        await pilot.press("enter")
        await until(pilot, lambda: len(r.logged) == 1)
        assert r.logged[0].reps == r.logged[0].target_reps


async def test_lighter_heavier_and_undo_only_where_they_do_something(tmp_path):
    db, config = journal(tmp_path)
    clock = FakeClock()
    app = make_app(db, config, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        r = await start(app, pilot)

        async def footer() -> set[str]:
            await pilot.pause(0.1)
            return set(footer_actions(app))

        assert r.current.exercise.id == "wrist-flexion-curl"
        assert LOAD <= await footer() and "key('undo')" not in await footer()  # nothing to take back
        await pilot.press("less_than_sign")  # 0.5 → 0.25 kg, the lightest step
        await until(pilot, lambda: "key('lighter')" not in footer_actions(app))
        assert "key('heavier')" in await footer()
        await pilot.press("less_than_sign")  # hidden, and still says why
        assert "No lighter step" in str(r.query_one("#run-cue").content)
        await pilot.press("s")  # on to neck rotation: no load, no ladder level
        await until(pilot, lambda: r.current.exercise.id == "neck-rotation")
        assert not LOAD & await footer()
        await pilot.press("greater_than_sign")
        assert "has no load or level" in str(r.query_one("#run-cue").content)
        assert r.current.dose.load is None and r.flow.adjust.get("neck-rotation", 0) == 0
        await pilot.press("plus", "enter")
        await until(pilot, lambda: r.flow.state() == F.REST)
        actions = await footer()
        assert "key('undo')" in actions and not LOAD & actions  # resting before neck rotation


async def test_pain_above_5_puts_ending_the_set_and_skipping_first(tmp_path):
    """The cue says "end this set (x) … skip the exercise (s)": at 80 columns those keys lead."""
    db, config = journal(tmp_path)
    app = make_app(db, config, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        r = await start(app, pilot)
        assert footer_actions(app)[:5] == ["key('guide')", "key('log')", *REPS_ORDER, "key('early')"]  # x stays at 80
        await pilot.press("8")
        await until(pilot, lambda: footer_actions(app)[:2] == ["key('early')", "key('skip')"])
        assert "above 5" in str(r.query_one("#run-cue").content)
        check_footer(app, {"key('early')", "key('skip')", "key('guide')", "key('log')"}, 80)
        await pilot.press("2")
        await until(pilot, lambda: footer_actions(app)[0] == "key('guide')")


def test_help_says_what_enter_really_does_before_anything_was_counted():
    """Help once said enter logs "the target": in the ready state it logs nothing until + or the guide."""
    from catalogue import load_catalogue
    from catalogue.models import Routine, RoutineStep
    from journal.records import ProfileRec
    from journal.rules.plan import build_plan

    tip = next(b.tooltip for b in RunnerScreen.BINDINGS if b.id == "runner.log")
    assert "as shown" not in tip and "the reps the guide counted" in tip and "first + is the target" in tip
    assert tip.endswith("before either, nothing")
    profile = ProfileRec("right", None, False, "kg", 1.0, False, None, frozenset())
    plan = build_plan(Routine("r", "R", "FREQ=DAILY", (RoutineStep("wrist-flexion-curl", sets=1),)), load_catalogue(), {}, profile)
    flow = F.make_flow(plan, FakeClock())
    flow.go_to(0)
    assert flow.press("log").log is None  # as the help says
    flow.press("reps", 1)
    assert flow.press("log").log["reps"] == 8
