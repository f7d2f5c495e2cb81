"""Which of the runner's keys are in reach in each state of the flow, and in what order they
matter there (the footer shows them in that order and, on a narrow terminal, leaves out the
last first). README.md: key × state.

A key is offered where it can do something: `space` guides a set but not a set the guide has
finished, `<` `>` only where there is a lighter or heavier step (not on mobility work, not at a
ladder's end), `u` only once this session has a set to take back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from tui.runner import flow as F

if TYPE_CHECKING:
    from textual.binding import Binding

    from tui.runner.flow import RunFlowState

IN_SET = F.IN_SET  # the states of a set in hand (tui/runner/states.py)
#: action → the flow states in which its key is offered.
OFFERED = {
    "guide": (F.READY, F.SWITCH, F.GET_READY, F.TEMPO, F.PAUSED_STATE),  # set done: nothing to guide
    "end_rest": (F.REST,),
    "log": (F.READY, F.SWITCH, F.TEMPO, F.PAUSED_STATE, F.SET_DONE),
    "reps": IN_SET,
    "early": IN_SET,
    "skip": IN_SET + (F.REST, F.ENDED),  # ended early: skip the next exercise too
    "undo": IN_SET + (F.REST, F.ENDED, F.EFFORT),
    "lighter": IN_SET + (F.REST,),
    "heavier": IN_SET + (F.REST,),
    "next": (F.ENDED,),
    "end": (F.ENDED,),
    "effort_skip": (F.EFFORT,),
}
#: Offered in their states only where they do something (else hidden, but they still say why).
QUIET = ("lighter", "heavier", "undo", "skip")

_LOAD = ("runner.lighter", "runner.heavier")
_REPS = ("runner.more", "runner.fewer")
#: Before a set: `x` (a set that ended at once, for pain or tingling) stays at 80 columns; `< >`,
#: also in reach during the rest before, give way first.
_SET = ("runner.guide", "runner.log", *_REPS, "runner.early", "runner.skip", "runner.undo", *_LOAD)
_GUIDED = ("runner.guide", "runner.log", "runner.early", *_REPS, "runner.skip", "runner.undo", *_LOAD)
#: Flow state → the runner's binding ids, what matters most there first. On a narrow terminal
#: the footer leaves keys out from the end of this list (`esc`, not in it, goes before them).
FOOTER_ORDER = {
    F.READY: _SET,
    F.SWITCH: _SET,
    F.GET_READY: ("runner.guide", "runner.early", "runner.skip", "runner.undo", *_REPS, *_LOAD),
    F.TEMPO: _GUIDED,
    F.PAUSED_STATE: _GUIDED,
    F.SET_DONE: ("runner.log", *_REPS, "runner.early", "runner.undo", "runner.skip", *_LOAD),
    F.REST: ("runner.end_rest", "runner.skip", "runner.undo", *_LOAD),
    F.ENDED: ("runner.next", "runner.skip", "runner.end", "runner.undo"),
    F.EFFORT: ("runner.effort_skip", "runner.undo"),
}


def does_something(flow: "RunFlowState", name: str) -> bool:
    if name in ("lighter", "heavier"):
        return flow.load_step(-1 if name == "lighter" else 1) is not None
    if name == "undo":
        return bool(flow.done)
    if name == "skip":
        return flow.state() != F.ENDED or flow.current is not None
    return True


def offered(flow: "RunFlowState", name: str) -> bool:
    """The key of action ``name`` is in reach (and in the footer) now."""
    return flow.state() in OFFERED.get(name, ()) and does_something(flow, name)


def footer_order(flow: "RunFlowState") -> tuple[str, ...]:
    """The runner's keys in the order they matter now; with pain above 5, ending the set and
    skipping the exercise first (what the cue says to do)."""
    state = flow.state()
    order = FOOTER_ORDER.get(state, ())
    if state in IN_SET and flow.pain > 5:
        first = ("runner.early", "runner.skip")
        order = first + tuple(i for i in order if i not in first)
    return order


def quiet_action(flow: "RunFlowState", bindings: Iterable["Binding"]) -> str | None:
    """The action of one of ``bindings`` (a pressed key's) that belongs to this state but is
    hidden because it would do nothing, so the flow can say why; None for any other key."""
    state = flow.state()
    for binding in bindings:
        name = binding.action.removeprefix("key('").partition("'")[0]
        if name in QUIET and state in OFFERED[name] and not does_something(flow, name):
            return name
    return None
