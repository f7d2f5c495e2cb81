"""A second copy of the app on a journal in use (SPEC §8): it works, and says so clearly when
the session it would offer to resume is being run in the other window right now. Once that
copy is gone — even SIGKILLed — the session is offered for resuming as usual.
"""

from __future__ import annotations

import signal
import time

import pytest

from journal.api import Journal
from journal.store.locks import RunLocks
from tests.helpers import procs
from tests.conftest import NOW
from tests.helpers.pty_app import PtyApp, at_runner, count, press_until, wait_for


def test_a_session_run_by_another_process_is_seen_until_that_process_dies(tmp_path):
    db = tmp_path / "journal.db"
    here = RunLocks(db)

    def runner(out) -> None:
        locks = RunLocks(db)
        assert locks.hold(7)
        out.write("holding\n")
        time.sleep(60)

    child = procs.fork(runner)
    try:
        assert child.reader.readline().strip() == "holding"
        assert here.running_elsewhere(7)
        assert not here.running_elsewhere(8)
        assert not here.hold(7)  # the other copy has it
        assert here.hold(8) and not here.running_elsewhere(8)  # our own is not "elsewhere"
    finally:
        child.kill()  # SIGKILL: the lock goes with the process
    assert not here.running_elsewhere(7)
    assert here.hold(7)
    here.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db.running"]


@pytest.mark.slow
def test_second_app_says_the_session_runs_elsewhere_then_resumes_it_after_a_kill(tmp_path):
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
    first = PtyApp(db)
    second = None
    try:
        wait_for(
            "Today", lambda: "Due today" in first.text() and "Gentle mobility" in first.text(), 30
        )
        first.press("r")
        wait_for("the routine picker", lambda: "Run a routine" in first.text())
        first.press("enter")
        wait_for("the before check-in", lambda: "Before you start" in first.text())
        first.press("escape")
        wait_for("the runner", lambda: "READY" in first.text())
        first.press("+", "enter")
        wait_for("set 1", lambda: count(db, "sets") == 1)

        second = PtyApp(db)  # a second window on the same journal, mid-routine in the first
        wait_for(
            "the second copy's message",
            lambda: (
                "running in another window" in second.text() and "1 set logged" in second.text()
            ),
            30,
        )
        assert "Resume" not in second.text() and "Mark abandoned" not in second.text()
        second.press("enter")  # OK
        # Asking to run: told again, and no second runner on the session. (An `r` that lands
        # while the OK dialog is still closing is not a request to run: ask again then.)
        press_until(second, ("r", "r", "r"), "the message again",
                    lambda mark: "running in another window" in second.text(mark))  # fmt: skip
        second.press("enter")
        first.press("space", "+", "enter")  # the first copy carries on undisturbed (space ends the rest)
        wait_for("set 2", lambda: count(db, "sets") == 2)

        first.kill()  # gone without a word, mid-routine
        assert first.proc.returncode == -signal.SIGKILL
        # Now the session is offered as usual, and resumes at set 3. (Under load an extra `r`
        # above may have left the "another window" dialog up once more: enter closes it, and
        # on Today enter starts the highlighted routine, which offers the session too.)
        mark = press_until(second, ("r", "enter", "enter"), "the resume offer",
                           lambda mark: "still in progress" in second.text(mark), 10)  # fmt: skip
        assert "2 sets logged" in second.text(mark)
        second.press("enter")
        wait_for("the runner at set 3", lambda: at_runner(second, "Finger flex and stretch", mark))
        second.press("+", "enter")
        wait_for("set 3", lambda: count(db, "sets") == 3)
    finally:
        first.kill()
        if second is not None:
            second.kill()
    with Journal.open(db) as j:
        (session,) = j.sessions()
        assert [s.exercise_id for s in j.sets_for_session(session.id)] == [
            "neck-rotation",
            "neck-flexion-extension",
            "finger-flex-stretch",
        ]
    assert procs.integrity(db) == ["ok"]
