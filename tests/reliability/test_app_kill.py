"""The app itself SIGKILLed at five points of a routine (SPEC §3): nothing it showed as logged
is lost, the journal stays whole, and each next start offers to resume at the right set.

One journal, six starts of the real app on a pseudo-terminal. Each start resumes the session
the last one was killed in, checks the offer names what was logged, does a little more and is
killed: during the before check-in, right after the screen said a set was logged, during a
rest, with the tempo guide running, and during the after check-in. The sixth start finishes
the routine. A set counts as "shown as logged" when the runner painted its ✓ line, which it
does only after the commit returned; the test kills as soon as it sees that line.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from journal.api import Journal
from tests.helpers import procs
from tests.conftest import NOW
from tests.helpers.pty_app import PtyApp, at_runner, count, evidence, wait_for

#: Gentle mobility as the runner walks it (one set each; the wrist stretch on both sides,
#: the affected right side first).
PLAN = [
    ("neck-rotation", "both"),
    ("neck-flexion-extension", "both"),
    ("finger-flex-stretch", "both"),
    ("wrist-table-stretch", "right"),
    ("wrist-table-stretch", "left"),
]
#: How the runner's line for each set of PLAN begins once it is committed (the rest of the
#: line may wrap in the narrow timer panel).
LOGGED_LINE = [
    "✓ logged Neck rotation,",
    "✓ logged Neck flexion",
    "✓ logged Finger flex",
    "✓ right set 1:",
    None,  # the last set: the after check-in follows at once
]
KILLS: list[str] = []
STARTED: list[PtyApp] = []


@pytest.fixture(autouse=True)
def _no_app_left_running():
    yield
    for app in STARTED:  # a failed step leaves its app running: end it
        app.kill()
    STARTED.clear()


def start(db: Path) -> PtyApp:
    app = PtyApp(db)
    STARTED.append(app)
    return app


def sets(db: Path) -> list[tuple[str, str]]:
    with Journal.open(db) as j:
        session = j.in_progress()
        assert session is not None, "the session should still be in progress"
        return [(s.exercise_id, s.side) for s in j.sets_for_session(session.id)]


def killed(app: PtyApp, db: Path, point: str, logged: int) -> None:
    """SIGKILL now; then the journal is whole and holds exactly the sets logged so far."""
    why = "" if count(db, "sets") == logged else evidence(db, app)  # while the app still runs
    app.kill()
    assert app.proc.returncode == -signal.SIGKILL
    assert procs.integrity(db) == ["ok"], point
    assert sets(db) == PLAN[:logged], f"{point}: {why}"
    KILLS.append(point)


def resumed(db: Path, logged: int) -> PtyApp:
    """Start the app again: it offers the session with ``logged`` sets, and `enter` resumes."""
    app = start(db)
    noun = "set" if logged == 1 else "sets"
    wait_for(
        f"the resume offer with {logged} {noun}",
        lambda: "still in progress" in app.text() and f"{logged} {noun} logged" in app.text(),
        timeout=30,
    )
    mark = app.mark()
    app.press("enter")
    # Today's plan panel names the exercises too, so wait for the runner itself.
    shown = ("READY", "REST", "After the session")  # a set to do, a rest, or the after check-in
    wait_for("the runner", lambda: any(word in app.text(mark) for word in shown), timeout=30)
    return app


def log_and_see(app: PtyApp, db: Path, n: int) -> None:
    """Press `+` (done: the target) and `enter` on set ``n`` (0-based) and wait until the
    screen says it is logged."""
    mark = app.mark()
    app.press("+", "enter")
    line = LOGGED_LINE[n]
    if line is None:
        wait_for(f"set {n + 1} in the journal", lambda: count(db, "sets") == n + 1)
    else:
        wait_for(f"the screen showing set {n + 1} logged", lambda: line in app.text(mark))


@pytest.mark.slow
def test_app_killed_at_five_points_of_a_routine_loses_nothing_and_resumes(tmp_path):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)  # affected side: right (the default)
    started = time.monotonic()
    KILLS.clear()

    # 1. During the before check-in, ratings half typed: the session exists, nothing else.
    app = start(db)
    wait_for("Today", lambda: "Due today" in app.text() and "Gentle mobility" in app.text(), 30)
    app.press("r")
    wait_for("the routine picker", lambda: "Run a routine" in app.text())
    app.press("enter")
    wait_for("the before check-in", lambda: "Before you start" in app.text())
    app.press("3", "1")
    time.sleep(0.2)
    killed(app, db, "before check-in", 0)
    assert count(db, "checkins") == 0  # not saved: it was still being typed

    # 2. Right after `enter`: killed the moment the screen shows the set as logged.
    app = resumed(db, 0)
    wait_for(
        "the runner at the first set",
        lambda: "Neck rotation" in app.text() and "READY" in app.text(),
    )
    log_and_see(app, db, 0)
    killed(app, db, "right after a set was logged", 1)

    # 3. During the rest after a set: the countdown has been running for a while.
    app = resumed(db, 1)
    wait_for("the runner at set 2", lambda: at_runner(app, "Neck flexion and extension"))
    log_and_see(app, db, 1)
    wait_for("the rest", lambda: "REST" in app.text())
    time.sleep(1.2)
    assert count(db, "sets") == 2, evidence(db, app)
    killed(app, db, "during a rest", 2)

    # 4. Mid-set with the tempo guide running, a pain rating typed: that set is not logged yet.
    app = resumed(db, 2)
    wait_for("the runner at set 3", lambda: at_runner(app, "Finger flex and stretch"))
    mark = app.mark()
    app.press("space")
    wait_for("the guide", lambda: "GET READY" in app.text(mark))
    app.press("2")
    time.sleep(1.5)
    assert "SET DONE" not in app.text(mark)
    killed(app, db, "mid-set, guide running", 2)

    # 5. During the after check-in: every set is logged, the session not yet closed.
    app = resumed(db, 2)
    wait_for("the runner at set 3 again", lambda: at_runner(app, "Finger flex and stretch"))
    for n in (2, 3, 4):
        if n == 3:  # a rest first: space ends it (enter logs nothing during a rest)
            mark = app.mark()
            app.press(" ")
            wait_for("the rest ended", lambda: "starts the guide" in app.text(mark))
        log_and_see(app, db, n)
    wait_for("the after check-in", lambda: "After the session" in app.text())
    app.press("4")
    time.sleep(0.2)
    killed(app, db, "after check-in", 5)

    # 6. The next start resumes at the after check-in; saving it completes the session.
    app = resumed(db, 5)
    wait_for("the after check-in again", lambda: "After the session" in app.text())
    app.press("1", "enter")
    wait_for(
        "the session completed", lambda: count(db, "sessions", "WHERE status = 'completed'") == 1
    )
    wait_for("the summary", lambda: "summary" in app.text())
    app.kill()
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert session.status == "completed"
        assert [(s.exercise_id, s.side, s.set_number) for s in j.sets_for_session(session.id)] == [
            (ex, side, 1) for ex, side in PLAN
        ]
        after = j.checkins(session_id=session.id)
        assert [(c.context, c.region, c.pain) for c in after] == [
            ("after", "neck", 1), ("after", "left_hand", 0), ("after", "right_hand", 0),
            ("after", "left_arm", 0), ("after", "right_arm", 0),  # watched by the hand and neck work
        ]  # fmt: skip
    assert procs.integrity(db) == ["ok"]
    assert len(KILLS) == 5
    print(f"\napp SIGKILLed {len(KILLS)} times ({', '.join(KILLS)}) in "
          f"{time.monotonic() - started:.1f} s: 5 sets shown as logged, 5 in the journal, 0 lost")  # fmt: skip
