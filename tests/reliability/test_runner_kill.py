"""Durability on a real terminal: SIGKILL mid-routine loses nothing that was logged.

The app runs as a child process on a pseudo-terminal, driven by keystrokes written to the
master side. The test watches the journal file (plain sqlite3, read-only) to know when each
set is committed, kills the app with SIGKILL, and checks what survived; then it starts the
app again, which offers to resume, and resuming continues after the last logged set.
"""

from __future__ import annotations

import signal
import time

import pytest

from tests.conftest import NOW
from tests.helpers.pty_app import PtyApp, count, wait_for


@pytest.mark.slow
def test_sigkill_mid_routine_keeps_every_logged_set_and_offers_resume(tmp_path):
    from journal.api import Journal

    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)  # affected side: right (the default)

    app = PtyApp(db)
    try:
        wait_for("Today", lambda: "Due today" in app.text() and "Gentle mobility" in app.text())
        app.press("r")
        wait_for("the routine picker", lambda: "Run a routine" in app.text())
        app.press("enter")  # Gentle mobility: due every day, listed first
        wait_for("the session", lambda: count(db, "sessions") == 1)
        wait_for("the before check-in", lambda: "Before you start" in app.text())
        app.press("2", "enter")
        wait_for("check-ins", lambda: count(db, "checkins") == 5)  # neck, hands, arms
        for n in (1, 2, 3):
            if n > 1:  # a rest between the exercises: space ends it, enter logs nothing in one
                time.sleep(0.3)
                app.press("space")
            app.press("+", "enter")
            wait_for(f"set {n}", lambda n=n: count(db, "sets") == n)
        app.press("4")  # pain for the set being entered — the one thing a kill may lose
        time.sleep(0.2)
    finally:
        app.kill()
    assert app.proc.returncode == -signal.SIGKILL

    with Journal.open(db) as j:
        session = j.in_progress()
        assert session is not None and session.routine_id == "gentle-mobility"
        sets = [(s.exercise_id, s.side, s.set_number, s.reps) for s in j.sets_for_session(session.id)]
        assert sets == [
            ("neck-rotation", "both", 1, 5),
            ("neck-flexion-extension", "both", 1, 5),
            ("finger-flex-stretch", "both", 1, 5),
        ]
        assert [(c.context, c.region, c.pain) for c in j.checkins(session_id=session.id)] == [
            ("before", "neck", 2), ("before", "left_hand", 0), ("before", "right_hand", 0),
            ("before", "left_arm", 0), ("before", "right_arm", 0),
        ]

    again = PtyApp(db)
    try:
        wait_for("the resume offer", lambda: "still in progress" in again.text() and "3 sets logged" in again.text())
        again.press("enter")
        # Today's plan panel names the exercise too: wait for the runner's own hint.
        wait_for("the runner", lambda: "starts the guide" in again.text() and "Wrist stretch at a table edge" in again.text())
        again.press("+", "enter")  # the next set after the last logged one: the wrist stretch, right first
        wait_for("set 4", lambda: count(db, "sets") == 4)
    finally:
        again.kill()
    with Journal.open(db) as j:
        last = j.sets_for_session(session.id)[-1]
        assert (last.exercise_id, last.side, last.set_number) == ("wrist-table-stretch", "right", 1)
        assert j.in_progress().id == session.id
