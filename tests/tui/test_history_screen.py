"""The History screen on a demo journal: it shows real data, a/d decide, it works at 80×24."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.conftest import NOW, TZ
from tests.tui.test_app_shell import past_morning_prompt, static_text, wait_ready
from tui.app import RehabApp

TODAY = NOW.date()


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo.generator import generate

    path = tmp_path_factory.mktemp("history-screen") / "demo.db"
    with Journal.open(path) as journal:
        generate(journal, load_catalogue(), days=120, seed=3, today=TODAY, tz=TZ)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_master, path)
    return path


def make_app(db: Path) -> RehabApp:
    return RehabApp(db_path=db, clock=lambda: NOW, config_dir=db.parent / "config")


async def open_history(app: RehabApp, pilot) -> None:  # noqa: ANN001
    await past_morning_prompt(app, pilot)
    await pilot.press("h")
    await wait_ready(app, pilot)


def prompts(app: RehabApp) -> list[str]:
    options = app.screen.query_one("#suggestions", OptionList)
    return [o.id or "" for o in options.options]


async def test_history_shows_streaks_heat_map_sides_and_suggestions(demo_db):
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.store.gather import history_view
    from tui.screens.history import HistoryScreen

    with Journal.open(demo_db) as journal:
        view = history_view(journal, load_catalogue(), TODAY)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        streaks = static_text(app, "#streaks")
        assert f"{view.day_streak.current} days" in streaks and "Week streak" in streaks
        assert "24 Nov" not in streaks and "23 Nov" in streaks  # weeks are labelled by Monday
        heat = static_text(app, "#heatmap")
        assert heat.count("Mon ") == 1 and "○" in heat  # today still to do
        sides = static_text(app, "#sides")
        assert "Wrist flexion curl" in sides and "Right ÷ left" in sides
        ids = prompts(app)
        # Issue 12: the seed-3 demo now ends with three REGRESS (a right-hand tingling rise the
        # morning of 21 Nov) and no PROGRESS; the most urgent come first.
        from journal.rules.progression import by_urgency

        assert len(ids) == 12 and ids == [s.exercise_id for s in by_urgency(view.suggestions)]
        assert ids[:3] == ["grip-squeeze", "finger-band-extension", "wrist-extension-curl"]
        chart = app.screen.query_one("#progress-chart")
        assert "Progress since" in str(chart.border_title)


def _first_pending(db: Path):  # noqa: ANN202
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.rules.progression import by_urgency
    from journal.store.gather import history_view

    with Journal.open(db) as journal:
        return by_urgency(history_view(journal, load_catalogue(), TODAY).suggestions)[0]


async def test_accept_writes_a_dose_row_with_the_reason(demo_db):
    from journal.api import Journal
    from journal.rules.dosing import dose_key

    first = _first_pending(demo_db)  # issue 12: the grip squeeze's REGRESS (was the shrug's PROGRESS)
    assert (first.exercise_id, first.decision, first.status) == ("grip-squeeze", "REGRESS", "pending")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        await pilot.press("a")
        await wait_ready(app, pilot)
        await wait_ready(app, pilot)
        after = app.screen.data.suggestions  # reloaded after the write
        grip = next(s for s in after if s.exercise_id == "grip-squeeze")
        assert (grip.decision, grip.rule) == ("HOLD", "hold.regressed")
        await pilot.press("t")  # Today's line was hidden during the write; it catches up
        await wait_ready(app, pilot)
        assert "2 suggestions waiting" in static_text(app, "#today-history")
    with Journal.open(demo_db) as journal:
        dose = journal.current_doses()["grip-squeeze"]
        (decision,) = journal.decisions()
    assert (dose.reps, dose.level) == (first.proposed.reps, first.proposed.level)
    assert dose.reason.startswith("REGRESS: right-hand tingling was 5")
    assert (decision.decision, decision.rule, decision.exercise_id) == ("accepted", first.rule, "grip-squeeze")
    assert decision.from_dose == dose_key(first.current)


async def test_decline_is_remembered_and_hold_cannot_be_accepted(demo_db):
    from journal.api import Journal

    first = _first_pending(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        await pilot.press("d")
        await wait_ready(app, pilot)
        await wait_ready(app, pilot)
        again = next(s for s in app.screen.data.suggestions if s.exercise_id == first.exercise_id)
        assert again.status == "declined"
        await pilot.press("a")  # still highlighted: already declined, nothing to write
        await pilot.press("end", "a")  # the last one is a HOLD: nothing to accept
        await wait_ready(app, pilot)
    with Journal.open(demo_db) as journal:
        assert [d.decision for d in journal.decisions()] == ["declined"]
        assert journal.current_doses()[first.exercise_id].reps == first.current.reps


async def test_highlighting_a_suggestion_charts_its_exercise(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        chart = app.screen.query_one("#progress-chart")
        first = chart.plt._active.monitor.title  # the plot's title names the exercise
        await pilot.press("down")
        await pilot.pause()
        assert first == "Grip squeeze" and chart.plt._active.monitor.title != first


async def test_history_works_at_80x24_and_scrolls(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert app.screen.has_class("-narrow")
        body = app.screen.query_one("#history-body")
        assert body.max_scroll_y > 20  # everything is reachable by scrolling
        assert isinstance(app.focused, OptionList)  # the suggestions have the keys ...
        await pilot.press("pagedown")  # ... yet the page scrolls without a tab first
        await pilot.pause()
        assert body.scroll_y > 0 and isinstance(app.focused, OptionList)
        await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("tab", "end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "Wrist flexion curl" in static_text(app, "#sides")


async def test_today_shows_streak_week_and_waiting_suggestions(demo_db):
    from textual.widgets import Static

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await past_morning_prompt(app, pilot)
        await wait_ready(app, pilot)
        line = static_text(app, "#today-history")
        assert "Streak" in line and "This week 2/2 routines (100 %)" in line
        assert "3 suggestions waiting (h)" in line
        assert isinstance(app.screen.query_one("#today-history"), Static)


async def test_help_lists_the_history_keys(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.screens.help import HelpScreen, rows_for
        from tui.screens.history import HistoryScreen

        assert isinstance(app.screen, HelpScreen)
        keys = dict(rows_for(HistoryScreen))
        assert "a" in keys and "d" in keys and "History" in dict(RehabApp.HELP_SECTIONS)


def _history(pilot):  # noqa: ANN001, ANN202
    async def run() -> None:
        await open_history(pilot.app, pilot)
        await pilot.pause(0.2)

    return run()


def test_snapshot_history(snap_compare, demo_db):  # noqa: ANN001
    assert snap_compare(make_app(demo_db), terminal_size=(120, 40), run_before=_history)


def test_snapshot_history_80x24(snap_compare, demo_db):  # noqa: ANN001
    assert snap_compare(make_app(demo_db), terminal_size=(80, 24), run_before=_history)


async def test_a_hidden_history_waits_and_reloads_when_shown(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        history = app.screen
        shown: list[object] = []
        real_show = history.show
        history.show = lambda data: shown.append(data) or real_show(data)
        await pilot.press("t")
        await wait_ready(app, pilot)
        app.data_version += 1  # e.g. the runner logged a set
        await wait_ready(app, pilot)
        assert not shown and history._stale
        await pilot.press("h")
        await wait_ready(app, pilot)
        assert len(shown) == 1 and not history._stale


async def test_at_80x24_moving_through_suggestions_brings_them_into_view(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        body = app.screen.query_one("#history-body")
        assert body.scroll_y == 0  # the page opens at the top: streaks first
        await pilot.press("down")
        await pilot.pause()
        options = app.screen.query_one("#suggestions")
        assert body.scroll_y > 0
        assert body.scroll_y <= options.virtual_region.y < body.scroll_y + body.size.height


def test_the_summary_line_on_a_new_journal_and_before_anything_counts():
    from datetime import timedelta

    from journal.store.gather import TodayView
    from journal.rules.history import Streak, Week
    from tui.theme import Palette
    from tui.widgets.history_summary import summary_text

    colours = Palette(*["white"] * 6)
    monday = NOW.date() - timedelta(days=NOW.date().weekday())
    view = TodayView(Streak(0, 0), Week(monday, 0, 0, complete=False, before=True), [], False)
    assert "This week counts once you start" in summary_text(view, colours).plain
    view = TodayView(Streak(0, 0), Week(monday, 0, 0, complete=False), [], False)
    assert "This week no sessions counted yet" in summary_text(view, colours).plain


async def test_history_is_worked_out_while_today_shows(demo_db, monkeypatch):
    """Today warms History in the background: `h` then opens it without another scan."""
    from journal.store import gather
    from tui.screens.history import HistoryScreen

    passes: list[int] = []
    real = gather.compute_history_view
    monkeypatch.setattr(gather, "compute_history_view", lambda *a: passes.append(1) or real(*a))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        await wait_ready(app, pilot)
        warmed = len(passes)
        assert warmed >= 1
        await pilot.press("h")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and "Week streak" in static_text(app, "#streaks")
        assert len(passes) == warmed


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_history_charts_draw_under_ansi_themes(demo_db, theme):
    """ANSI themes name terminal colours (``bright_black``) that Textual's colour parser refuses;
    moving through the suggestions redraws the chart and must not crash the app (a new-user
    trial found a traceback here)."""
    from tui.screens.history import HistoryScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await open_history(app, pilot)
        for _ in range(3):
            await pilot.press("down")
            await wait_ready(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and app.is_running
        assert app.return_code in (None, 0)
