"""The Journal screen: sessions a page at a time, a session's sets, fixing and deleting a set,
exporting from the app, and how it looks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from tests.conftest import NOW
from tests.tui.test_app_shell import make_app, static_text, wait_ready
from tui.screens.confirm import ConfirmScreen
from tui.screens.journal import JournalScreen
from tui.screens.session_sets import SessionScreen
from tui.screens.set_edit import SetEditor


def build(db: Path, days: int = 30) -> Path:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo.generator import generate

    with Journal.open(db) as j:
        generate(j, load_catalogue(), days=days, seed=3, today=NOW.date(), tz=NOW.tzinfo)
        j.acknowledge_safety(NOW)
        # Answer this morning's check-in, so the app opens on Today rather than asking for it.
        pending = j.pending_morning_checkin(NOW.date())
        if pending:
            j.record_checkins([{"region": "neck"}], context="next_morning", now=NOW, session_id=pending.id)
    return db


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("template") / "demo.db")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A fresh copy of a 30-day demo journal for each test (built once per module)."""
    import shutil

    return Path(shutil.copy(demo_template, tmp_path / "demo.db"))


def table(app, selector: str) -> DataTable:
    return app.screen.query_one(selector, DataTable)


def keys(t: DataTable) -> list[int]:
    return [int(row.key.value) for row in t.ordered_rows]


async def open_journal(app, pilot) -> DataTable:
    await wait_ready(app, pilot)
    await pilot.press("j")
    await wait_ready(app, pilot)
    assert isinstance(app.screen, JournalScreen)
    return table(app, "#sessions-table")


async def test_sessions_newest_first_with_counts_and_pain(demo_db):
    from journal.api import Journal

    with Journal.open(demo_db) as j:
        sessions = j.sessions(newest_first=True)
        newest_sets = len(j.sets_for_session(sessions[0].id))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        t = await open_journal(app, pilot)
        assert keys(t) == [s.id for s in sessions]
        first = [str(c) for c in t.get_row_at(0)]
        assert first[0] == f"{sessions[0].local_day:%a} {sessions[0].local_day.isoformat()}"
        assert first[1] == sessions[0].routine_name and first[2] == str(newest_sets)
        assert "→" in first[4] and first[5] == "completed"
        assert f"{len(sessions)} sessions" in static_text(app, "#journal-title")


async def test_large_journal_loads_in_pages(tmp_path, monkeypatch):
    import tui.screens.journal as journal_screen
    from journal.api import Journal

    monkeypatch.setattr(journal_screen, "PAGE", 30)
    monkeypatch.setattr(journal_screen, "FIRST_PAGE", 30)
    monkeypatch.setattr(journal_screen, "NEAR_END", 5)
    db = build(tmp_path / "long.db", days=60)
    with Journal.open(db) as j:
        all_ids = [s.id for s in j.sessions(newest_first=True)]
    assert len(all_ids) > 60
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        t = await open_journal(app, pilot)
        assert keys(t) == all_ids[:30]  # one page: more than a screenful, not the whole journal
        assert "newest 30 shown" in static_text(app, "#journal-title")
        for _ in range(10):
            await pilot.press("down")
        await wait_ready(app, pilot)
        assert keys(t) == all_ids[:30]  # not near the end yet
        await pilot.press("end")  # the last loaded row: the next page (only) loads
        await wait_ready(app, pilot)
        assert keys(t) == all_ids[:60]
        await pilot.press("end")  # the bottom of what is loaded, again and again
        for _ in range(10):
            await wait_ready(app, pilot)
            await pilot.press("end")
        await wait_ready(app, pilot)
        assert keys(t) == all_ids  # every session once, in order, no duplicates
        assert "shown" not in static_text(app, "#journal-title")


async def test_open_a_session_fix_a_set_with_validation(demo_db):
    from journal.api import Journal

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        t = await open_journal(app, pilot)
        session_id = keys(t)[0]
        await pilot.press("enter")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        sets = table(app, "#sets-table")
        with Journal.open(demo_db) as j:
            logged = j.sets_for_session(session_id)
        assert keys(sets) == [s.id for s in logged]
        target = logged[0]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SetEditor)
        reps = app.screen.query_one("#f-reps", Input)
        reps.value = "abc"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetEditor)  # refused, still editing
        assert "reps must be a whole number from 0 to 500 (got 'abc')" in str(
            app.screen.query_one("#edit-error", Static).content
        )
        app.screen.query_one("#f-pain_during", Input).value = "11"
        reps.value = "7"
        await pilot.press("enter")
        await pilot.pause()
        assert "pain during must be from 0 to 10 (got '11')" in str(
            app.screen.query_one("#edit-error", Static).content
        )
        assert app.screen.focused is app.screen.query_one("#f-pain_during", Input)
        with Journal.open(demo_db) as j:
            assert j.set(target.id) == target  # nothing stored while the form is wrong
        app.screen.query_one("#f-pain_during", Input).value = "4"
        app.screen.query_one("#f-note", Input).value = "=miscounted, really 7"
        await pilot.press("enter")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        with Journal.open(demo_db) as j:
            fixed = j.set(target.id)
        assert (fixed.reps, fixed.pain_during, fixed.note) == (7, 4, "=miscounted, really 7")
        assert fixed.load == target.load and fixed.effort == target.effort
        row = [str(c) for c in table(app, "#sets-table").get_row_at(0)]
        assert row[3].startswith("7") and row[7].strip() == "4"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


async def test_escape_cancels_an_edit(demo_db):
    from journal.api import Journal

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        first = keys(table(app, "#sets-table"))[0]
        with Journal.open(demo_db) as j:
            before = j.set(first)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-reps", Input).value = "1"
        await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        with Journal.open(demo_db) as j:
            assert j.set(first) == before


async def test_delete_a_set_after_confirming(demo_db):
    from journal.api import Journal

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        t = await open_journal(app, pilot)
        session_id = keys(t)[0]
        await pilot.press("enter")
        await wait_ready(app, pilot)
        await pilot.press("down")
        doomed = keys(table(app, "#sets-table"))[1]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await wait_ready(app, pilot)
        with Journal.open(demo_db) as j:
            assert doomed in [s.id for s in j.sets_for_session(session_id)]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SessionScreen)
        with Journal.open(demo_db) as j:
            remaining = [s.id for s in j.sets_for_session(session_id)]
        assert doomed not in remaining
        assert keys(table(app, "#sets-table")) == remaining
        assert table(app, "#sets-table").cursor_row == 1  # the cursor stays in place, not at the top
        await pilot.press("escape")
        await wait_ready(app, pilot)
        row = [str(c) for c in table(app, "#sessions-table").get_row_at(0)]
        assert row[2] == str(len(remaining))  # the journal's set count follows


async def test_x_exports_and_says_where(demo_db):
    import os

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("x")
        for _ in range(40):
            await wait_ready(app, pilot)
            if app.screen.last_export:
                break
        folder = app.screen.last_export
        assert folder is not None and folder.parent == Path(os.environ["HOME"])
        assert folder.name == "rehab-tui-export-2026-11-24"
        assert sorted(p.name for p in folder.iterdir()) == [  # the complete export (issue 15)
            "decisions.csv", "doses.csv", "outcomes.csv", "profile.csv", "red_flags.csv",
            "sessions.csv", "sets.csv", "symptoms.csv",
        ]  # fmt: skip
        assert str(folder) in static_text(app, "#session-detail")
        messages = [n.message for n in app._notifications]
        assert any(str(folder) in m and "sets" in m for m in messages)
        await pilot.press("x")  # a second export the same day goes next to the first
        for _ in range(40):
            await wait_ready(app, pilot)
            if app.screen.last_export != folder:
                break
        assert app.screen.last_export.name == "rehab-tui-export-2026-11-24-2"


async def test_empty_journal_says_so(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        t = await open_journal(app, pilot)
        assert t.row_count == 0
        assert "No sessions yet" in static_text(app, "#session-detail")
        await pilot.press("enter")  # nothing to open: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


async def test_help_lists_the_journal_keys(demo_db):
    from tui.screens.help import HelpScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        import io

        from rich.console import Console

        console = Console(file=io.StringIO(), width=200, record=True)
        for widget in app.screen.query(Static):
            console.print(widget.content)
        text = console.export_text()
        for expected in (
            "Journal",
            "Export the journal as CSV",
            "Fix the highlighted set",
            "Delete the highlighted set",
        ):
            assert expected in text


async def _to_journal(pilot) -> None:
    await wait_ready(pilot.app, pilot)
    await pilot.press("j")
    await wait_ready(pilot.app, pilot)


async def _to_sets(pilot) -> None:
    await _to_journal(pilot)
    await pilot.press("enter")
    await wait_ready(pilot.app, pilot)


def test_snapshot_journal(snap_compare, demo_db):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_to_journal)


def test_snapshot_journal_80x24(snap_compare, demo_db):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_to_journal)


def test_snapshot_session_sets(snap_compare, demo_db):
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_to_sets)


async def test_the_first_page_is_a_screenful_and_the_next_follows_at_once(tmp_path, monkeypatch):
    import tui.screens.journal as journal_screen
    from journal.api import Journal

    from tui.app import RehabApp

    monkeypatch.setattr(journal_screen, "FIRST_PAGE", 20)
    monkeypatch.setattr(journal_screen, "PAGE", 25)
    # What happened, in order: frames that reached the terminal, pages shown, pages asked for.
    events: list[str] = []
    real_display, real_show, real_more = RehabApp._display, JournalScreen.show, JournalScreen._load_more

    def display(self, screen, renderable):  # noqa: ANN001, ANN202
        if renderable is not None and not self._batch_count:
            events.append("frame")
        real_display(self, screen, renderable)

    monkeypatch.setattr(RehabApp, "_display", display)
    monkeypatch.setattr(JournalScreen, "show", lambda self, data: events.append("show") or real_show(self, data))
    monkeypatch.setattr(JournalScreen, "_load_more", lambda self, after: events.append("more") or real_more(self, after))
    db = build(tmp_path / "long.db", days=60)
    with Journal.open(db) as j:
        all_ids = [s.id for s in j.sessions(newest_first=True)]
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        t = await open_journal(app, pilot)
        for _ in range(20):  # the view is within NEAR_END rows of the end: the next page loads
            if len(keys(t)) >= 45:
                break
            await pilot.pause(0.05)
        assert keys(t) == all_ids[: len(keys(t))] and len(keys(t)) >= 45
    # The first page was painted before the next was asked for (not drawn a frame late).
    after_show = events[events.index("show") :]
    assert "frame" in after_show[: after_show.index("more")]
