"""config.toml: remapped keys and the theme; help and the palette name every key and action."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from tests.conftest import NOW
from tests.tui.test_app_shell import wait_ready
from tui.app import RehabApp
from tui.screens.help import HelpScreen, key_scopes, own_bindings, rows_with_ids
from tui.screens.journal import JournalScreen
from tui.screens.today import TodayScreen
from tui.settings import clashes, key_problem, parse_keymap, read_settings, save_theme

KNOWN = {"app.help", "app.today", "runner.log"}


@pytest.mark.parametrize(
    "key", ["f1", "x", "?", "question_mark", "space", "enter", "ctrl+x", "shift+tab"]
)
def test_keys_textual_knows(key):
    assert key_problem(key) is None


@pytest.mark.parametrize("key", ["", "nokey", "hyper+x", "f99", " "])
def test_keys_it_does_not(key):
    assert key_problem(key)


def test_keymap_takes_dotted_or_quoted_ids_and_names_each_bad_entry():
    table = {
        "app": {"help": "f1"},
        "runner.log": "l, enter",
        "app.today": 3,
        "foo.bar": "x",
        "app.x": "y",
    }
    keymap, problems = parse_keymap(table, KNOWN | {"app.x"}, "cfg.toml")
    assert keymap == {"app.help": "f1", "runner.log": "l,enter", "app.x": "y"}
    assert any("keymap app.today" in p and "as text" in p for p in problems)
    assert any("keymap foo.bar" in p and "no key has this id" in p for p in problems)
    assert all(p.startswith("cfg.toml: ") for p in problems) and len(problems) == 2
    keymap, problems = parse_keymap({"app.help": "?,nokey"}, KNOWN, "cfg.toml")
    assert keymap == {} and "'nokey'" in problems[0]


def test_a_remapped_key_may_not_take_a_key_in_reach():
    scopes = [{"app.today": "t", "app.help": "question_mark"}, {"runner.log": "enter"}]
    assert clashes({"app.help": "t"}, scopes) == {"app.help": "app.today"}
    # Moving the other one away too is fine; so is a key used only on another screen.
    assert clashes({"app.help": "t", "app.today": "f2"}, scopes) == {}
    assert clashes({"app.help": "enter"}, scopes) == {}


def test_read_settings(tmp_path):
    path = tmp_path / "config.toml"
    assert read_settings(path, KNOWN).keymap == {}  # no file: the defaults
    path.write_text(
        'theme = "textual-light"\ncolour = 1\n[keymap]\n"app.help" = "f1"\n"app.today" = "f1"\n'
    )
    settings = read_settings(path, KNOWN, [{"app.help": "question_mark", "app.today": "t"}])
    assert settings.theme == "textual-light"
    assert settings.keymap == {"app.help": "f1"}
    assert any("'colour'" in p for p in settings.problems)
    assert any("keymap app.today" in p and "app.help" in p for p in settings.problems)
    path.write_text("theme = \n")
    broken = read_settings(path, KNOWN)
    assert (
        broken.theme is None and str(path) in broken.problems[0] and "line 1" in broken.problems[0]
    )


def test_save_theme_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_theme(path, "nord")
    assert path.read_text() == 'theme = "nord"\n'
    path.write_text('# mine\n\n[keymap]\n"app.help" = "f1"  # F1 like everywhere\n')
    save_theme(path, "textual-light")
    assert (
        path.read_text()
        == 'theme = "textual-light"\n# mine\n\n[keymap]\n"app.help" = "f1"  # F1 like everywhere\n'
    )
    save_theme(path, "gruvbox")
    assert path.read_text().count("theme =") == 1 and path.read_text().startswith(
        'theme = "gruvbox"'
    )
    assert read_settings(path, KNOWN).keymap == {"app.help": "f1"}


def all_screen_classes() -> list[type]:
    return [cls for _title, cls in RehabApp.HELP_SECTIONS]


def test_every_binding_has_an_id_and_a_row_in_help():
    bindings: dict[int, Binding] = {}  # a widget's keys show under each screen using it
    for cls in [RehabApp, *all_screen_classes()]:
        for binding in own_bindings(cls):
            assert binding.id, f"{cls.__name__} binds {binding.key} without an id"
            bindings[id(binding)] = binding
        listed = {binding_id for _k, _w, binding_id in rows_with_ids(cls)}
        assert {b.id for b in own_bindings(cls) if b.description} <= listed
    ids = [b.id for b in bindings.values()]
    assert len(ids) == len(set(ids)), "binding ids are unique"
    # The README documents every id a user can remap.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    missing = [i for i in ids if f"`{i}`" not in readme]
    assert not missing, missing
    # Every id can be remapped: the app checks keymaps against the same set.
    scopes = key_scopes(RehabApp, all_screen_classes())
    assert set(ids) == {i for scope in scopes for i in scope}


@pytest.fixture
def demo_db(tmp_path) -> Path:
    from tests.tui.test_journal_screen import build

    return build(tmp_path / "demo.db", days=10)


async def test_keymap_and_theme_from_config(demo_db, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '# my settings\ntheme = "textual-light"\n\n[keymap]\napp.help = "f1"\n"app.journal" = "nokey"\n'
    )
    app = RehabApp(db_path=demo_db, clock=lambda: NOW, config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert app.theme == "textual-light"
        warnings = [n.message for n in app._notifications]
        assert any(
            str(config / "config.toml") in w and "app.journal" in w and "'nokey'" in w
            for w in warnings
        )
        await pilot.press("question_mark")  # moved away: does nothing now
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("j")  # the bad entry was left out: j still works
        await wait_ready(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = rows_with_ids(RehabApp, app._keymap)
        assert ("f1", "This list of keys", "app.help") in rows
        await pilot.press("escape")
        await pilot.pause()
        # Picking another theme (the palette's "Theme" does this) is kept for next time.
        app.theme = "nord"
        await pilot.pause(0.2)
    text = (config / "config.toml").read_text()
    assert text.startswith('# my settings\ntheme = "nord"\n\n[keymap]\napp.help = "f1"\n')


async def test_a_theme_picked_is_saved_even_without_a_config_file(demo_db, tmp_path):
    config = tmp_path / "config"
    app = RehabApp(db_path=demo_db, clock=lambda: NOW, config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert not (config / "config.toml").exists()  # nothing written just by starting
        app.theme = "nord"
        await pilot.pause(0.2)
    assert (config / "config.toml").read_text() == 'theme = "nord"\n'
    before = (config / "config.toml").stat().st_mtime_ns
    again = RehabApp(db_path=demo_db, clock=lambda: NOW, config_dir=config)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_ready(again, pilot)
        assert again.theme == "nord"
    assert (config / "config.toml").stat().st_mtime_ns == before  # applying it does not rewrite it


async def test_palette_offers_the_screens_actions(demo_db):
    app = RehabApp(db_path=demo_db, clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for name in (
            "Today",
            "Run a routine",
            "Journal",
            "History",
            "Catalogue",
            "Red-flag check",
            "Help",
            "Quit",
        ):
            assert name in titles
        await pilot.press("j")
        await wait_ready(app, pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Journal: Sets", "Journal: Export CSV"} <= set(commands)
        assert "(key: x)" in commands["Journal: Export CSV"].help
        commands["Journal: Sets"].callback()  # what choosing it in the palette does
        await wait_ready(app, pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {
            "A session's sets: Edit set",
            "A session's sets: Delete set",
            "A session's sets: Back",
        } <= titles


def test_hints_name_the_keys_as_remapped(tmp_path):
    from tui.screens.help import shown_key, with_keys

    app = RehabApp(db_path=tmp_path / "j.db", clock=lambda: NOW)
    assert (
        with_keys(app, "{runner.guide} pauses · {runner.log} logs") == "space pauses · enter logs"
    )
    assert shown_key(app, "app.redflags") == "!" and shown_key(app, "runner.more") == "+"
    app._keymap = {"runner.guide": "g", "app.redflags": "f2,exclamation_mark"}
    assert with_keys(app, "{runner.guide} pauses · {runner.log} logs") == "g pauses · enter logs"
    assert shown_key(app, "app.redflags") == "f2"


async def test_today_prompt_names_a_remapped_key(tmp_path):
    from tui.screenshots import build_demo, demo_app, play

    db = build_demo(tmp_path)  # ends with yesterday's session: the morning check-in waits
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[keymap]\n"today.morning" = "n"\n')
    app = demo_app(db, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ("escape",))  # put off the check-in asked at start
        assert isinstance(app.screen, TodayScreen)
        prompt = str(app.screen.query_one("#today-prompts").content)
        assert "Press n." in prompt and "Press m" not in prompt
        await pilot.press("n")  # and n asks for it
        await wait_ready(app, pilot)
        assert not isinstance(app.screen, TodayScreen)
