"""What the runner says, count by count: pure, over the flow's state (the voice speaks it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.runner.flow import GET_READY, READY, REST, SET_DONE, SWITCH, TEMPO
from tui.runner.tempo import READY as READY_BEAT

if TYPE_CHECKING:
    from tui.runner.flow import RunFlowState

NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
           "nineteen", "twenty")  # fmt: skip


def number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def announcement(flow: "RunFlowState") -> tuple[tuple, str] | None:
    """What to say now, keyed so that each is said once: counts, rest, switch, set done."""
    state = flow.state()
    planned = flow.current
    if state == REST:
        return ("rest", flow.index), "rest"
    if state == READY and flow.rest_over:
        return ("ready", flow.index), "rest over: next set"
    if state == SWITCH and planned is not None:
        return ("switch", flow.index), f"switch to your {planned.side} side"
    if state == SET_DONE:
        return ("done", flow.index), "set done"
    if state in (GET_READY, TEMPO):
        gs = flow.guide_state()
        assert gs is not None and gs.beat is not None
        beat = gs.beat
        nth = beat.counts - gs.count + 1  # 1-based count within the beat
        if beat.name == READY_BEAT:
            word = "get ready, three" if nth == 1 else number(beat.counts - nth + 1)
        else:
            word = beat.name if nth == 1 else number(nth)
        return ("beat", flow.index, beat.rep, beat.phase, nth), word
    return None
