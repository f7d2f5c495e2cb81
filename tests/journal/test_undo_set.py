"""The runner's `u`: ``Journal.undo_last_set`` takes back the newest set of one session only."""

from __future__ import annotations


def _log(journal, session_id, number, now, reps=5):
    return journal.log_set(
        session_id, exercise_id="grip-squeeze", exercise_name="Grip squeeze", set_number=number, now=now, reps=reps
    )


def test_undo_takes_back_the_newest_set_of_that_session_only(journal, now):
    a = journal.start_session("r", "R", now)
    first = _log(journal, a.id, 1, now)
    second = _log(journal, a.id, 2, now, reps=7)
    b = journal.start_session("r", "R", now)
    other = _log(journal, b.id, 1, now)

    gone = journal.undo_last_set(a.id)
    assert gone == second
    assert [s.id for s in journal.sets_for_session(a.id)] == [first.id]
    assert [s.id for s in journal.sets_for_session(b.id)] == [other.id]  # another session untouched
    assert journal.undo_last_set(a.id) == first
    assert journal.undo_last_set(a.id) is None  # nothing left: nothing changes
    assert journal.sets_for_session(a.id) == [] and len(journal.sets_for_session(b.id)) == 1
