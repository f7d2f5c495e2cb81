"""The three key sequences reported in issue 14, typed on a real terminal: none logs a set.

1. `enter` during a rest (it used to log the next set three seconds after the last);
2. `space` during a rest, then `enter` (it used to skip the rest, start the 3-2-1 and log
   "0 reps · hold 0 s");
3. `space` to end the rest, `space` to start the guide, `enter` during the get-ready count.
The journal is read by a separate process (``count``), as any other program would.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import NOW
from tests.helpers.pty_app import PtyApp, count, wait_for


@pytest.mark.slow
def test_reported_key_sequences_log_nothing(tmp_path):
    from journal.api import Journal

    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
    app = PtyApp(db)
    try:
        wait_for("Today", lambda: "Due today" in app.text() and "Gentle mobility" in app.text(), 30)
        app.press("r")
        wait_for("the routine picker", lambda: "Run a routine" in app.text())
        app.press("enter")  # Gentle mobility: neck rotation, then 30 s rest before the next
        wait_for("the before check-in", lambda: "Before you start" in app.text())
        app.press("escape")
        wait_for("the runner", lambda: "READY" in app.text() and "starts the guide" in app.text())
        app.press("+", "enter")
        wait_for("set 1", lambda: count(db, "sets") == 1)
        wait_for("the rest", lambda: "REST" in app.text())

        # 1. enter during the rest
        mark = app.mark()
        app.press("enter", "enter")
        time.sleep(1.0)
        assert count(db, "sets") == 1
        assert "REST" in app.text(mark) or "End rest" in app.text(mark)

        # 2. space during the rest (ends it, nothing more), then enter
        mark = app.mark()
        app.press(" ")
        wait_for("the rest ended", lambda: "starts the guide" in app.text(mark))
        app.press("enter")
        wait_for("the reason nothing was logged", lambda: "Nothing counted yet" in app.text(mark))
        time.sleep(0.5)
        assert count(db, "sets") == 1
        assert "GET READY" not in app.text(mark)  # space in a rest does not start the guide

        # 3. space starts the guide; enter during the get-ready count
        mark = app.mark()
        app.press(" ")
        wait_for("the get-ready count", lambda: "GET READY" in app.text(mark))
        app.press("enter")
        time.sleep(0.8)
        assert count(db, "sets") == 1
    finally:
        app.kill()
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert [(s.exercise_id, s.reps) for s in j.sets_for_session(session.id)] == [("neck-rotation", 5)]
