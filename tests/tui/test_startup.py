"""Start-up order (issue 7): Today paints before the journal is open, and nothing is lost by it.

The first frame lists what is due from the catalogue alone; the journal opens in a worker after
that frame. A key pressed in between waits for the journal instead of being dropped, and the
pending next-morning check-in still comes first.
"""

from __future__ import annotations

import asyncio
import re
import threading
from datetime import timedelta

from textual.widgets import OptionList

from journal.api import Journal
from tests.conftest import NOW
from tests.tui.test_app_shell import make_app, wait_ready
from tui.app import RehabApp
from tui.screens.checkin import CheckinScreen
from tui.screens.picker import RoutinePicker
from tui.screens.today import TodayScreen


def slow_open(monkeypatch) -> threading.Event:  # noqa: ANN001
    """Journal.open waits until the returned event is set (the test decides when it opens)."""
    release = threading.Event()
    real_open = Journal.open.__func__

    def open_later(cls, *args, **kwargs):  # noqa: ANN001, ANN202
        release.wait(10)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Journal, "open", classmethod(open_later))
    return release


def app_past_safety(db_path):  # noqa: ANN001, ANN201
    """An app on a journal whose safety notice was read (it opens on Today)."""
    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
    return make_app(db_path)


def app_opening_slowly(db_path, monkeypatch):  # noqa: ANN001, ANN201
    """An app on a journal past the safety notice, whose journal opens only once released."""
    return app_past_safety(db_path), slow_open(monkeypatch)


def watch_gc(monkeypatch) -> list[str]:  # noqa: ANN001
    """Record gc.freeze / gc.collect calls instead of making them (a frozen test process
    would keep every later test's garbage)."""
    import gc

    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("collect") or 0)
    return calls


async def test_today_lists_what_is_due_before_the_journal_opens(db_path, monkeypatch):
    app, release = app_opening_slowly(db_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert app.journal is None
        due = app.screen.query_one("#due-list", OptionList)
        ids = [due.get_option_at_index(i).id for i in range(due.option_count)]
        assert ids == ["gentle-mobility", "neck-shoulder-strength"]  # a Tuesday
        release.set()
        await wait_ready(app, pilot)
        assert app.journal is not None
        assert [due.get_option_at_index(i).id for i in range(due.option_count)] == ids


async def test_a_key_pressed_while_the_journal_opens_waits_for_it(db_path, monkeypatch):
    app, release = app_opening_slowly(db_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        await pilot.press("r")
        await pilot.pause(0.1)
        assert app.journal is None and not isinstance(app.screen, RoutinePicker)
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, RoutinePicker):
                break
        assert isinstance(app.screen, RoutinePicker)
        await pilot.pause(0.1)  # let the picker finish mounting before the app shuts down


async def test_the_morning_check_in_still_comes_first(db_path, monkeypatch):
    yesterday = NOW - timedelta(days=1)
    with Journal.open(db_path) as j:
        j.acknowledge_safety(yesterday)
        s = j.start_session("gentle-mobility", "Gentle mobility", yesterday)
        j.finish_session(s.id, yesterday + timedelta(minutes=10))
    release = slow_open(monkeypatch)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        await pilot.press("r")
        release.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, CheckinScreen):
                break
        assert isinstance(app.screen, CheckinScreen)  # the pending morning check-in
        await pilot.press("escape")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, RoutinePicker):
                break
        assert isinstance(app.screen, RoutinePicker)  # then what the key asked for


async def test_a_journal_that_cannot_open_ends_a_waiting_key(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("not a journal")
    app = make_app(bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await asyncio.sleep(0.5)
        await pilot.pause()
    assert app.return_code == 1 and "not a rehab-tui journal" in (app.error_message or "")


async def test_the_first_frame_goes_out_before_the_rest_of_today(db_path, monkeypatch):
    """Textual draws a mode's first screen while it still holds back start-up output, and drops
    that frame. The app writes it when start-up ends; what is meant for "after the first frame"
    (the rest of Today, the footer's keys, opening the journal) comes only after it."""
    app, release = app_opening_slowly(db_path, monkeypatch)
    seen: list[tuple[str, str, object]] = []
    real_display, real_rest, real_open = RehabApp._display, TodayScreen._compose_rest, RehabApp.open_journal

    def display(self, screen, renderable):  # noqa: ANN001, ANN202
        if renderable is not None:
            text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", renderable.render_segments(self.console))
            seen.append(("held" if self._batch_count else "out", text, renderable))
        real_display(self, screen, renderable)

    def compose_rest(self):  # noqa: ANN001, ANN202
        seen.append(("rest", "", None))
        real_rest(self)

    def open_journal(self):  # noqa: ANN001, ANN202
        seen.append(("journal", "", None))
        return real_open(self)

    monkeypatch.setattr(RehabApp, "_display", display)
    monkeypatch.setattr(TodayScreen, "_compose_rest", compose_rest)
    monkeypatch.setattr(RehabApp, "open_journal", open_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        kinds = [kind for kind, _, _ in seen]
        first_out = kinds.index("out")
        held = [frame for kind, _, frame in seen[:first_out] if kind == "held"]
        assert held and seen[first_out][2] is held[0]  # the frame drawn during start-up ...
        first = seen[first_out][1]
        assert "Today  ·" in first and "Gentle mobility" in first  # ... is the one written
        assert "Last symptoms" not in first and "Run" not in first  # (panels and keys later)
        assert kinds.index("rest") > first_out and kinds.index("journal") > first_out
        assert app.painted
        release.set()
        await wait_ready(app, pilot)
        footer = app.screen.query_one("KeyFooter")
        assert footer.query("FooterKey")  # the keys came a frame later


async def test_what_waits_for_a_frame_runs_even_if_none_comes(db_path):
    """after_paint is for "once this is on screen"; when nothing changes there is no frame, and
    the callback still runs (after PAINT_WAIT), rather than never."""
    from tui.frames import PAINT_WAIT

    app = app_past_safety(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        ran: list[float] = []
        loop = asyncio.get_running_loop()
        asked = loop.time()
        app.after_paint(lambda: ran.append(loop.time()))  # nothing on screen changes
        await pilot.pause(PAINT_WAIT / 2)
        assert not ran
        await pilot.pause(PAINT_WAIT)
        assert ran and ran[0] - asked >= PAINT_WAIT * 0.9
        app.after_paint(lambda: ran.append(loop.time()))
        app.screen.query_one("#today-title").refresh()  # a frame: at once
        await pilot.pause(0.1)
        assert len(ran) == 2 and ran[1] - ran[0] < PAINT_WAIT


async def test_the_journal_opens_even_if_frames_cannot_be_watched(db_path, monkeypatch):
    """tui.frames leans on Textual internals; were they renamed, start-up is half a second
    slower, not stuck."""
    from textual.app import App

    from tui.frames import FrameWatch

    monkeypatch.setattr(FrameWatch, "_display", App._display)
    monkeypatch.setattr(FrameWatch, "_end_batch", App._end_batch)
    app = app_past_safety(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert app.journal is not None and app.screen.query("#symptoms")
        assert app.screen.query_one("KeyFooter").query("FooterKey")


async def test_memory_is_settled_once_after_the_first_read(db_path, monkeypatch):
    """As tui.launch runs the app (the collector paused for start-up): what start-up made is
    frozen after the first frame; once the journal's first read is in memory (Today, History
    worked out), one collection and another freeze, so the first full collection does not land
    on the user's first key press. Later reloads do not repeat it."""
    import gc

    calls = watch_gc(monkeypatch)
    app = app_past_safety(db_path)
    gc.disable()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(app, pilot)
            assert calls == ["freeze", "collect", "freeze"] and gc.isenabled()
            app.data_version += 1  # the journal changed: Today reloads, History is worked out
            await wait_ready(app, pilot)
            assert calls == ["freeze", "collect", "freeze"]
    finally:
        gc.enable()


async def test_under_tests_the_collector_is_left_alone(db_path, monkeypatch):
    calls = watch_gc(monkeypatch)
    app = app_past_safety(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
    assert calls == []
