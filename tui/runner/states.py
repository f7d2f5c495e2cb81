"""The runner's states and what a key answers (:class:`Outcome`); the machine is ``flow.py``."""

from __future__ import annotations

from dataclasses import dataclass

READY, SWITCH, GET_READY, TEMPO, PAUSED_STATE, SET_DONE = "ready", "switch", "get-ready", "tempo", "paused", "set-done"
REST, ENDED, EFFORT, FINISHING, SUMMARY = "rest", "ended", "effort", "finishing", "summary"
STATES = (READY, SWITCH, GET_READY, TEMPO, PAUSED_STATE, SET_DONE, REST, ENDED, EFFORT, FINISHING, SUMMARY)
#: A set ended for one of these stops the exercise for today (SPEC §5).
SYMPTOM_STOPS = ("pain", "tingling", "numbness")
STOP_REASONS = ("pain", "tingling", "numbness", "fatigue")
IN_SET = (READY, SWITCH, GET_READY, TEMPO, PAUSED_STATE, SET_DONE)  # the set in hand can change


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a key did. ``log``: keyword arguments for ``Journal.log_set``; ``ask``: a question
    for the screen ("early", "undo"); ``effort``: (set id, 0–10) to store; ``message``: one line."""

    log: dict | None = None
    ask: str | None = None
    effort: tuple[int, int] | None = None
    message: str = ""
    changed: bool = False
    finish: bool = False


@dataclass(slots=True)
class Done:
    """A set this session logged, and where it sits in the plan."""

    id: int
    index: int
    exercise_id: str
    pain: int | None
    stop_reason: str
