"""The runner's flow: a pure state machine over the session plan, the tempo guide and the rest.

No Textual, no journal, no wall clock: time comes from the injected monotonic ``clock`` (through
:class:`~tui.runner.tempo.Guidance` and :class:`~tui.runner.tempo.Countdown`). The screen draws
:meth:`RunFlowState.state` and forwards each key to :meth:`RunFlowState.press`, which answers with
an :class:`Outcome`: a set to log, a question to ask, or one line saying why nothing happened.
The screen writes what it is told to and reports back (:meth:`saved`, :meth:`undone`).

States: ready, switch (ready, the side just changed), get-ready, tempo, paused, set-done, rest,
ended (for pain, tingling or numbness), effort, finishing, summary. README.md: key × state.

Rules: no key logs a set during a rest or the get-ready count; a guided set with no reps
counted is never logged as done (``+`` sets the reps, ``x`` ends it early); ``space`` during a
rest only ends the rest; pain during is always an explicit rating (prefilled from the last set of
the same exercise this session, 0 on its first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from catalogue.models import Dose, Ladder
from tui.runner.loads import TodayLoads
from journal.rules.plan import PlannedSet, next_exercise_index, rest_after, set_values, switches_side, tempo_steps
from tui.runner.tempo import DONE, IDLE, PAUSED, READY as READY_BEAT, Clock, Countdown, Guidance, GuideState

from tui.runner.states import (  # noqa: F401 - the states are read as flow.REST etc.
    ENDED, EFFORT, FINISHING, GET_READY, IN_SET, PAUSED_STATE, READY, REST, SET_DONE, STATES, STOP_REASONS, SUMMARY,
    SWITCH, SYMPTOM_STOPS, TEMPO, Done, Outcome,
)


@dataclass(slots=True)
class RunFlowState(TodayLoads):
    plan: list[PlannedSet]
    clock: Clock
    count_seconds: float = 1.0
    ladders: Mapping[str, Ladder] = field(default_factory=dict)
    effort_prompt: bool = False
    index: int = 0
    mode: str = "set"  # set | ended | effort | finishing | summary
    guide: Guidance | None = None
    rest: Countdown | None = None
    reps_override: int | None = None
    pain: int = 0
    switch: bool = False
    saving: bool = False
    done: list[Done] = field(default_factory=list)
    #: Routine step → why its remaining sets were not done ("skipped", "ended early: tingling").
    skipped: dict[int, str] = field(default_factory=dict)
    #: Exercise id → steps lighter (<0) or heavier (>0) than the dose, for today only.
    adjust: dict[str, int] = field(default_factory=dict)
    ended_reason: str = ""
    #: The rest ran out by itself (not ended with space): the next set is announced.
    rest_over: bool = False
    _after_effort: tuple[int, int] | None = None  # (next index, rest seconds)
    _bases: dict[str, Dose] = field(default_factory=dict)  # each exercise's dose before `<` / `>`

    # ---- where we are -------------------------------------------------------------------
    @property
    def current(self) -> PlannedSet | None:
        return self.plan[self.index] if 0 <= self.index < len(self.plan) else None

    def state(self) -> str:
        if self.mode == "summary":
            return SUMMARY
        if self.mode == "finishing":
            return FINISHING
        if self.mode == "ended":
            return ENDED
        if self.mode == "effort":
            return EFFORT
        if self.rest is not None:
            if self.rest.remaining() > 0:
                return REST
            self.rest_over = not self.rest.skipped
            self.rest = None
        status = self.guide.state().status if self.guide else IDLE
        if status == IDLE:
            return SWITCH if self.switch else READY
        if status == DONE:
            return SET_DONE
        if status == PAUSED:
            return PAUSED_STATE
        beat = self.guide.state().beat if self.guide else None
        return GET_READY if beat is not None and beat.name == READY_BEAT else TEMPO

    def guide_state(self) -> GuideState | None:
        return self.guide.state() if self.guide else None

    def shown_reps(self) -> int | None:
        """The reps the set would be logged with: the user's, the guide's count, or None when
        the guide has not run and the user has not said (nothing is logged then)."""
        if self.reps_override is not None:
            return self.reps_override
        state = self.guide_state()
        if state is not None and state.status != IDLE:
            return state.reps_done
        return None

    def shown_hold(self) -> float | None:
        planned = self.current
        if planned is None or planned.target_hold_s is None:
            return None
        state = self.guide_state()
        if state is not None and state.status != IDLE and state.hold_s is not None:
            return round(state.hold_s, 1)
        return planned.target_hold_s

    def pain_before(self, index: int) -> int:
        """Pain during, prefilled: the last set of the same exercise this session (either
        side), 0 on an exercise's first set (another exercise's pain is not this one's)."""
        planned = self.plan[index] if 0 <= index < len(self.plan) else None
        if planned is None:
            return 0
        same = [d.pain for d in self.done if d.exercise_id == planned.exercise.id and d.pain is not None]
        return same[-1] if same else 0

    def last_of_exercise(self, index: int) -> bool:
        return next_exercise_index(self.plan, index) == index + 1 or index + 1 >= len(self.plan)

    # ---- moving -------------------------------------------------------------------------
    def go_to(self, index: int, *, rest: int = 0) -> None:
        self.index = index
        self.reps_override = None
        self.rest = None
        self.rest_over = False
        self.guide = None
        self.switch = switches_side(self.plan, index)
        self.pain = self.pain_before(index)
        if self.current is None:
            self.mode = "finishing"
            return
        self.mode = "set"
        planned = self.current
        steps = tempo_steps(planned.exercise, planned.dose, self.count_seconds)
        holds = [i for i, (name, _, _) in enumerate(steps) if name.strip().lower() == "hold"]
        self.guide = Guidance(steps, planned.target_reps, self.clock, count_seconds=self.count_seconds, hold_phases=holds)
        if rest > 0:
            self.rest = Countdown(rest, self.clock)

    def _skip_exercise(self, why: str) -> None:
        planned = self.current
        assert planned is not None
        self.skipped.setdefault(planned.step, why)
        self.go_to(next_exercise_index(self.plan, self.index))

    # ---- keys ---------------------------------------------------------------------------
    def press(self, action: str, arg: int | str | None = None) -> Outcome:
        """One key. ``action`` is the binding's action name (guide, log, reps, early, skip,
        undo, lighter, heavier, digit, next, end)."""
        state = self.state()
        if self.saving and action not in ("guide",):
            return Outcome(message="Saving the set…")
        handler = getattr(self, f"_on_{action}", None)
        if handler is None:
            return Outcome()
        return handler(state, arg)

    def _on_guide(self, state: str, _arg: object) -> Outcome:
        if state == REST:
            assert self.rest is not None
            self.rest.skip()
            self.rest = None
            return Outcome(changed=True)  # only ends the rest: the guide waits for the next space
        if state in (READY, SWITCH, GET_READY, TEMPO, PAUSED_STATE) and self.guide is not None:
            self.rest_over = False
            self.guide.toggle()
            self.switch = False
            return Outcome(changed=True)
        return Outcome()

    def _on_end_rest(self, state: str, _arg: object) -> Outcome:
        return self._on_guide(state, None) if state == REST else Outcome()

    def _on_effort_skip(self, state: str, _arg: object) -> Outcome:
        return self._answer_effort(None) if state == EFFORT else Outcome()

    def _on_log(self, state: str, _arg: object) -> Outcome:
        if state == REST:
            return Outcome(message="Resting: nothing to log yet. Space ends the rest.")
        if state == GET_READY:
            return Outcome(message="Get ready: nothing to log yet.")
        if state == ENDED:
            return self._on_next(state, None)
        if state == EFFORT:
            return self._answer_effort(None)
        if state not in IN_SET:
            return Outcome()
        reps = self.shown_reps()
        if reps is None:
            return Outcome(message="Nothing counted yet: space starts the guide, or + says you did the target (+ − adjust), then enter.")
        if reps <= 0:
            return Outcome(message="No reps counted: + sets the reps you did, x ends the set early.")
        return self._log("none")

    def _log(self, stop_reason: str) -> Outcome:
        planned = self.current
        assert planned is not None
        if self.guide is not None:
            self.guide.pause()
        reps = self.shown_reps() or 0  # ended before anything was counted: 0
        hold = self.shown_hold()
        state = self.guide_state()
        if reps == 0 and hold is not None and (state is None or state.status == IDLE):
            hold = 0.0  # nothing was held either
        values = set_values(planned, reps=reps, hold_s=hold, pain=self.pain, stop_reason=stop_reason)
        self.saving = True
        return Outcome(log=values, changed=True)

    def _on_reps(self, state: str, delta: object) -> Outcome:
        if state not in IN_SET:
            return Outcome()
        step = int(delta or 0)
        shown = self.shown_reps()
        if shown is None:  # not counted yet: the first + is "I did the target"
            target = self.current.target_reps if self.current else 0
            shown, step = (target, 0) if step > 0 else (target, step)
        self.reps_override = max(0, min(500, shown + step))
        return Outcome(changed=True)

    def _on_digit(self, state: str, value: object) -> Outcome:
        n = int(value or 0)
        if state == EFFORT:
            return self._answer_effort(n)
        if state in IN_SET:
            self.pain = n
            return Outcome(changed=True)
        return Outcome()

    def _on_early(self, state: str, _arg: object) -> Outcome:
        if state not in IN_SET:
            return Outcome(message="Resting: no set to end." if state == REST else "")
        if self.guide is not None:
            self.guide.pause()
        return Outcome(ask="early", changed=True)

    def ended_early(self, reason: str | None) -> Outcome:
        """The answer to "why did the set end?" (None: back to the set)."""
        if reason not in STOP_REASONS or self.state() not in IN_SET:
            return Outcome(changed=True)
        return self._log(reason)

    def _on_skip(self, state: str, _arg: object) -> Outcome:
        if state == ENDED:  # after a symptom stop: the next exercise too, the user's choice
            if self.current is None:
                return Outcome(message="Nothing left to skip: enter finishes.")
            name = self.current.exercise.name
            self.skipped.setdefault(self.current.step, "skipped")
            self.index = next_exercise_index(self.plan, self.index)
            return Outcome(message=f"Skipped {name} too.", changed=True)
        if state not in IN_SET + (REST,):
            return Outcome()
        name = self.current.exercise.name if self.current else ""
        self._skip_exercise("skipped")
        following = self.current.exercise.name if self.current else "the end"
        return Outcome(message=f"Skipped {name}. Next: {following}.", changed=True)

    def _on_next(self, state: str, _arg: object) -> Outcome:
        if state != ENDED:
            return Outcome()
        self.go_to(self.index)  # the exercise's other sets are already skipped
        return Outcome(changed=True, finish=self.mode == "finishing")

    def _on_end(self, state: str, _arg: object) -> Outcome:
        if state != ENDED:
            return Outcome()
        for p in self.plan[self.index :]:
            self.skipped.setdefault(p.step, "not done: the session ended early")
        self.index = len(self.plan)
        self.mode = "finishing"
        return Outcome(changed=True, finish=True)

    def _on_undo(self, state: str, _arg: object) -> Outcome:
        if state in (FINISHING, SUMMARY):
            return Outcome()
        if not self.done:
            return Outcome(message="No set of this session to take back.")
        if self.guide is not None:
            self.guide.pause()
        return Outcome(ask="undo")

    # ---- reports from the screen --------------------------------------------------------
    def saved(self, set_id: int, values: Mapping) -> None:
        """The set the last Outcome asked for is on disk."""
        self.saving = False
        index = self.index
        reason = values.get("stop_reason", "none")
        self.done.append(Done(set_id, index, values["exercise_id"], values.get("pain_during"), reason))
        if reason in SYMPTOM_STOPS:
            planned = self.plan[index]
            self.skipped[planned.step] = f"ended early: {reason}"
            self.ended_reason = reason
            self.index = next_exercise_index(self.plan, index)
            self.mode = "ended"
            self.guide = None
            return
        following, rest = index + 1, rest_after(self.plan, index)
        if self.effort_prompt and self.last_of_exercise(index):
            self.mode = "effort"
            self._after_effort = (following, rest)
            return
        self.go_to(following, rest=rest)

    def save_failed(self) -> None:
        self.saving = False

    def _answer_effort(self, value: int | None) -> Outcome:
        following, rest = self._after_effort or (self.index + 1, 0)
        last = self.done[-1] if self.done else None
        self._after_effort = None
        self.go_to(following, rest=rest)
        if value is None or last is None:
            return Outcome(changed=True, finish=self.mode == "finishing")
        return Outcome(effort=(last.id, value), changed=True, finish=self.mode == "finishing")

    def undone(self, set_id: int) -> None:
        """The set ``set_id`` was deleted: go back to it, as if it had never been logged."""
        at = next((i for i, d in enumerate(self.done) if d.id == set_id), None)
        if at is None:
            return
        gone = self.done.pop(at)
        step = self.plan[gone.index].step
        self.skipped = {s: why for s, why in self.skipped.items() if s < step}
        self._after_effort = None
        self.go_to(gone.index)
        self.pain = gone.pain if gone.pain is not None else self.pain  # the set as it was

    def resume(self, logged: Sequence[tuple[int, int, str, int | None, str]], start: int) -> None:
        """Sets logged before a resume: (id, plan index, exercise id, pain, stop reason)."""
        self.done = [Done(*row) for row in logged]  # go_to prefills pain from them
        for d in self.done:  # an exercise stopped for a symptom stays stopped for today
            if d.stop_reason in SYMPTOM_STOPS and d.index < len(self.plan):
                self.skipped[self.plan[d.index].step] = f"ended early: {d.stop_reason}"
        # Skips are not journal rows: a step passed over before the resume point with no set
        # logged was skipped, and the summary says so.
        done_steps = {self.plan[d.index].step for d in self.done if d.index < len(self.plan)}
        for p in self.plan[:start]:
            if p.step not in done_steps:
                self.skipped.setdefault(p.step, "skipped")
        while start < len(self.plan) and self.plan[start].step in self.skipped:
            start = next_exercise_index(self.plan, start)
        self.go_to(start)

    def finished(self) -> None:
        self.mode = "summary"



def make_flow(
    plan: Sequence[PlannedSet],
    clock: Clock,
    *,
    count_seconds: float = 1.0,
    ladders: Mapping[str, Ladder] | None = None,
    effort_prompt: bool = False,
) -> RunFlowState:
    flow = RunFlowState(list(plan), clock, count_seconds, dict(ladders or {}), effort_prompt)
    flow.remember_base()
    return flow

