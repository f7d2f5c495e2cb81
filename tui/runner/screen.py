"""The routine runner's screen: draws the flow's state (``tui.runner.flow``) and forwards keys.

Every decision — what a key does in which state, what gets logged — is the flow's; this
screen paints :func:`tui.runner.draw.panel`, writes what the flow asks for in thread workers
(committed before the flow moves on), asks the questions it asks (why a set ended, take back
the last set?) and speaks or rings the cues. The check-ins around the sets and the summary are
in :mod:`tui.runner.stages`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from journal.rules.plan import PlannedSet
from tui.runner import draw, reach
from tui.runner import flow as F
from tui.runner.cues import Cues
from tui.runner.stop import StopWatcher
from tui.runner.host import host
from tui.runner.summary import last_time_text, set_line, side_label
from tui.screens.choice import Choice, ChoiceScreen
from tui.screens.help import shown_key, with_keys
from tui.theme import MIN_CONTRAST, palette
from tui.widgets.big_digits import BigDigits
from tui.widgets.footer import KeyFooter
from tui.widgets.stop_banner import StopBanner

if TYPE_CHECKING:
    from catalogue.models import Routine
    from journal.records import SessionRec, SetRec
    from journal.rules.redflags import Stop
    from tui.runner.tempo import Clock

REPS = Binding.Group("reps", compact=True)
LOAD = Binding.Group("load", compact=True)


class RunnerScreen(StopWatcher, Screen[None]):
    CSS_PATH = "runner.tcss"
    BINDINGS = [
        Binding("space", "key('guide')", "Guide", tooltip="Start, pause or resume the tempo guide", id="runner.guide"),
        Binding("space", "key('end_rest')", "End rest", tooltip="End the rest (the guide waits for space)", id="runner.end_rest"),
        Binding("enter", "key('log')", "Log set", tooltip="Log the set: the reps the guide counted, or what + − set (the first + is the target); before either, nothing", id="runner.log"),
        Binding("enter", "key('next')", "Next exercise", tooltip="After a set ended early: go on with the next exercise", id="runner.next"),
        Binding("enter", "key('effort_skip')", "No rating", tooltip="Skip the effort rating", id="runner.effort_skip"),
        Binding("e", "key('end')", "End session", tooltip="After a set ended early: end the session here", id="runner.end"),
        Binding("plus,equals_sign", "key('reps', 1)", "+1 rep", key_display="+", tooltip="One rep more", group=REPS, id="runner.more"),
        Binding("minus", "key('reps', -1)", "−1 rep", key_display="-", tooltip="One rep fewer", group=REPS, id="runner.fewer"),
        Binding("x", "key('early')", "End early", tooltip="The set ended early, with the reason (pain, tingling, numbness, fatigue)", id="runner.early"),
        Binding("s", "key('skip')", "Skip", tooltip="Skip the rest of this exercise (after a set ended early: the next one too)", id="runner.skip"),
        Binding("u", "key('undo')", "Undo", tooltip="Take back the last set of this session (asks first)", id="runner.undo"),
        Binding("less_than_sign", "key('lighter')", "Lighter", key_display="<", tooltip="One step lighter for this exercise today (the dose is unchanged)", group=LOAD, id="runner.lighter"),
        Binding("greater_than_sign", "key('heavier')", "Heavier", key_display=">", tooltip="One step heavier for this exercise today (the dose is unchanged)", group=LOAD, id="runner.heavier"),
        Binding("v", "voice", "Voice", tooltip="Spoken cues on or off", show=False, id="runner.voice"),
        Binding("b", "bell", "Bell", tooltip="Turn the bell at each phase change on or off", show=False, id="runner.bell"),
        Binding("escape", "leave", "Leave", tooltip="Leave; the session stays in progress and r resumes it", id="runner.leave"),
    ]
    HELP_EXTRA = [
        ("0–9", "Pain during this set (prefilled from this exercise's last set today, else 0); after an exercise's last set, effort"),
        ("p t n f", "After x: the set ended for pain, tingling, numbness or fatigue"),
        ("↑ ↓", "Scroll the instructions"),
        ("enter", "On the summary: back to Today"),
    ]

    def __init__(
        self,
        *,
        session: "SessionRec",
        routine: "Routine",
        plan: Sequence[PlannedSet],
        start_index: int,
        fresh: bool,
        clock: "Clock",
        regions: Sequence[str],
        logged: Sequence["SetRec"] = (),
        stop: "Stop | None" = None,
        ladders: Any = None,
    ) -> None:
        super().__init__()
        self.session, self.routine, self.fresh, self.clock = session, routine, fresh, clock
        self.regions = list(regions)
        self.logged: list[SetRec] = [s for s in logged]
        self.stop = stop
        self.started_despite_stop = stop is not None and fresh
        self.flow = F.make_flow(plan, clock, ladders=ladders or {})
        self.flow.index = start_index
        self.steps = sorted({p.step for p in plan})
        self.message = ""
        self.before: dict[str, dict[str, int]] = {}
        self.after: dict[str, dict[str, int]] = {}
        self.cues = Cues(self)
        self._painted: tuple | None = None
        self._shown_step: int | None = None
        self._started = False  # the before check-in is over
        self._colours: tuple[str, Any] | None = None
        self._keys_for = ""  # the flow state the footer's keys were last worked out for
        self.show_summary: Any = None  # draws the summary for a width (set once it is shown)

    # ---- compatibility names used by the app and tests ----------------------------------
    @property
    def plan(self) -> list[PlannedSet]:
        return self.flow.plan

    @property
    def index(self) -> int:
        return self.flow.index

    @property
    def current(self) -> PlannedSet | None:
        return self.flow.current

    @property
    def stage(self) -> str:
        state = self.flow.state()
        return {F.FINISHING: "after", F.SUMMARY: "summary"}.get(state, "set" if self._started else "start")

    @property
    def rest(self) -> Any:
        return self.flow.rest if self.flow.state() == F.REST else None

    @property
    def colours(self) -> Any:
        """The theme's colours, warnings lifted to 4.5:1; worked out once per theme (the clock
        repaints 20 times a second)."""
        if self._colours is None or self._colours[0] != self.app.theme:
            self._colours = (self.app.theme, palette(self.app, MIN_CONTRAST))
        return self._colours[1]

    # ---- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.routine.name, id="run-head", classes="screen-title")
        yield StopBanner(id="run-stop")
        with Horizontal(id="run-body"):
            with Vertical(id="run-timer", classes="panel"):
                yield Static("", id="run-phase")
                yield BigDigits("", id="run-clock")
                yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="run-bar")
                yield Static("", id="run-cue")
                yield Static("", id="run-entry")
                yield Static("", id="run-logged")
            with VerticalScroll(id="run-info", classes="panel"):
                yield Static("", id="run-exercise")
                yield Static("", id="run-last", classes="muted")
                yield Static("", id="run-steps")
        with VerticalScroll(id="run-summary", classes="panel"):
            yield Static("", id="summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        from tui.runner.stages import begin

        profile = host(self).profile
        self.flow.effort_prompt = bool(profile and profile.effort_prompt)
        self.query_one("#run-summary").display = False
        self._show_stop_banner()
        self.watch(self.app, "data_version", self._journal_changed, init=False)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if profile is not None and profile.voice:
            self.cues.voice_on()
        self.set_interval(0.05, self.tick)
        self.query_one("#run-info", VerticalScroll).focus()  # ↑ ↓ scroll the instructions
        self.run_worker(begin(self), group="runner-flow", exit_on_error=False)

    def on_unmount(self) -> None:
        self.cues.voice_off()

    def on_screen_suspend(self) -> None:
        """Another screen on top (a modal, or Today via `t`): the guide waits for `space`."""
        if self.flow.guide is not None and self.flow.guide.running:
            self.flow.guide.pause()

    def on_resize(self, event: Resize) -> None:
        """A big timer when the terminal has room for it; the face shrinks to fit its panel."""
        clock = self.query_one("#run-clock", BigDigits)
        width, height = self.size
        big, huge = width >= 60 and height >= 24, width >= 100 and height >= 36
        if big != clock.has_class("-big") or huge != clock.has_class("-huge"):
            clock.set_class(big, "-big")
            clock.set_class(huge, "-huge")
            clock.refresh(layout=True)
        if self._started:  # "ex" or "exercise" in the head; the set lines folded to the new width
            self._show_head()
            self.call_after_refresh(self._refold)
        elif self.show_summary is not None and self.flow.state() == F.SUMMARY:
            self.show_summary(width < 100)

    def _refold(self) -> None:
        self._show_logged()
        self.tick(force=True)

    # ---- moving through the plan --------------------------------------------------------
    def started(self, resumed: Sequence[tuple] = ()) -> None:
        """The before check-in is over: show the first set (or where a resume left off)."""
        self._started = True
        if resumed:
            self.flow.resume(resumed, self.flow.index)
        else:
            self.flow.go_to(self.flow.index)
        self.changed()

    def changed(self) -> None:
        """Something moved: new exercise text, bindings, and a repaint now."""
        planned = self.flow.current
        if planned is not None and planned.step != self._shown_step and self.flow.state() != F.ENDED:
            self._shown_step = planned.step
            self._show_exercise(planned)
            self._load_last(planned.exercise.id)
            self.cues.prepare(planned)
        self._show_head()
        self._show_logged()
        self.refresh_bindings()
        self.tick(force=True)
        if self.flow.state() == F.FINISHING and self._started:
            from tui.runner.stages import wrap_up

            self._started = False  # once
            self.query_one("#run-phase", Static).update(Text("ALL SETS DONE", style="bold"))
            for name in ("#run-cue", "#run-entry"):
                self.query_one(name, Static).update("")
            self.query_one("#run-clock", BigDigits).update("")  # not the last set's reps
            self.run_worker(wrap_up(self), group="runner-flow", exit_on_error=False)

    def _show_head(self) -> None:
        planned = self.flow.current
        if self.flow.state() == F.ENDED and self.flow.done:  # still about the exercise that ended
            planned = self.flow.plan[self.flow.done[-1].index]
        if planned is None:
            return
        profile = host(self).profile
        affected = profile.affected_side if profile else "right"
        narrow = self.size.width < 100
        head = Text.assemble(
            (self.routine.name, "bold"),
            f"  ·  {'ex' if narrow else 'exercise'} {self.steps.index(planned.step) + 1} of {len(self.steps)}",
            f"  ·  set {planned.set_number} of {planned.sets}",
            ("  ·  " + side_label(planned.side, affected), "bold" if planned.side != "both" else ""),
        )
        self.query_one("#run-head", Static).update(head)

    def _show_exercise(self, planned: PlannedSet) -> None:
        about, steps = draw.exercise_text(planned, self.colours)
        self.query_one("#run-exercise", Static).update(about)
        self.query_one("#run-last", Static).update("")
        self.query_one("#run-steps", Static).update(steps)
        self.query_one("#run-info", VerticalScroll).scroll_home(animate=False)

    @work(thread=True, group="runner-last", exclusive=True, exit_on_error=False)
    def _load_last(self, exercise_id: str) -> None:
        from journal.errors import JournalError

        journal = host(self).journal
        if journal is None:
            return
        try:
            sets = journal.last_sets(exercise_id, before_session=self.session.id)
        except JournalError:
            return
        self.app.call_from_thread(self._show_last, exercise_id, sets)

    def _show_last(self, exercise_id: str, sets: list["SetRec"]) -> None:
        if self.flow.current is not None and self.flow.current.exercise.id == exercise_id:
            self.query_one("#run-last", Static).update(last_time_text(sets, host(self).today(), getattr(host(self).profile, "units", None)))

    def _show_logged(self) -> None:
        planned, units = self.flow.current, getattr(host(self).profile, "units", None)  # loads in the user's unit
        lines: list[str] = []
        ours = [s for s in self.logged if s.session_id == self.session.id]
        if planned is not None:
            mine = [s for s in ours if s.exercise_id == planned.exercise.id]
            lines = [set_line(s, units) for s in mine[-4:]]
            if not mine and ours:
                lines = [f"logged {ours[-1].exercise_name}, {set_line(ours[-1], units)}"]
        logged = self.query_one("#run-logged", Static)
        width = logged.content_size.width or self.query_one("#run-entry").content_size.width
        folded = [draw.fold(Text("✓ "), [Text(part) for part in line.split(" · ")], width) for line in lines]
        logged.update(Text("\n").join(folded))
        logged.display = bool(lines)

    # ---- the clock ----------------------------------------------------------------------
    def tick(self, force: bool = False) -> None:
        if not self._started and not force:
            return
        state = self.flow.state()
        if state != self._keys_for:  # the clock moved it on (get ready → tempo → set done, rest over)
            self._keys_for = state
            self.refresh_bindings()
        if state in (F.FINISHING, F.SUMMARY):
            return
        self.cues.tick()
        colours = self.colours
        profile = host(self).profile
        shown = draw.panel(self.flow, colours, profile.affected_side if profile else "right")
        if state == F.ENDED:
            keys = [shown_key(self.app, i) for i in ("app.redflags", "runner.next", "runner.end", "runner.skip")]
            cue = draw.ended_text(self.flow, colours, *keys)
        else:
            cue = draw.cue(self.flow, colours, self.message, shown.hint, lambda hint: with_keys(self.app, hint))
        entry = draw.entry(self.flow, colours, saving=self.flow.saving, width=self.query_one("#run-entry").content_size.width)
        key = (state, shown.big, str(shown.label), str(cue), str(entry), round(shown.progress[1], 2))
        if key == self._painted and not force:
            return
        self._painted = key
        self.query_one("#run-phase", Static).update(shown.label)
        clock = self.query_one("#run-clock", BigDigits)
        clock.update(shown.big)
        for name in ("ready", "rest", "done", "stop"):
            clock.set_class(shown.tone == name, f"-{name}")
        self.query_one("#run-bar", ProgressBar).update(total=shown.progress[0], progress=shown.progress[1])
        self.query_one("#run-cue", Static).update(cue)
        self.query_one("#run-entry", Static).update(entry)

    # ---- keys ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "key":
            return self._started and reach.offered(self.flow, str(parameters[0]) if parameters else "")
        if action == "leave":
            return self.flow.state() != F.FINISHING or not self._started
        return True

    def footer_order(self) -> tuple[str, ...]:
        """The runner's keys in the order they matter in this state (``tui.runner.reach``)."""
        return reach.footer_order(self.flow)

    def on_key(self, event: Key) -> None:
        state = self.flow.state()
        if not self._started and state != F.SUMMARY:
            return
        mine = next((b for node, b in self._binding_chain if node is self), self._bindings)  # keys as mapped
        quiet = reach.quiet_action(self.flow, mine.key_to_bindings.get(event.key, ()))
        if quiet is not None:  # a key left out of the footer here still says why it does nothing
            event.stop()
            self.message = self.flow.press(quiet).message
            self.changed()
            return
        if event.character and event.character.isdecimal():  # not "²"; another script's 7 is a 7
            event.stop()
            self.action_key("digit", int(event.character))
        elif state == F.EFFORT and event.key in ("plus", "equals_sign"):
            event.stop()
            self.action_key("digit", 10)
        elif state == F.SUMMARY and event.key == "enter":
            event.stop()
            self.action_leave()

    def action_key(self, name: str, arg: Any = None) -> None:
        from tui.runner.stages import ask_early, ask_undo, save_effort, save_set

        out = self.flow.press(name, arg)
        if out.message or out.changed:
            self.message = out.message
        if out.log is not None:
            self.run_worker(save_set(self, out.log), group="runner-save", exit_on_error=False)
        if out.effort is not None:
            save_effort(self, *out.effort)
        if out.ask == "early":
            self.run_worker(ask_early(self), group="runner-ask", exit_on_error=False)
        elif out.ask == "undo":
            self.run_worker(ask_undo(self), group="runner-ask", exit_on_error=False)
        self.changed()

    def action_bell(self) -> None:
        self.cues.toggle("bell")

    def action_voice(self) -> None:
        self.cues.toggle("voice")

    def action_leave(self) -> None:
        if self.flow.saving:
            self.notify("Saving the set…", timeout=2)
            return
        if self.flow.state() != F.SUMMARY:
            self.notify(with_keys(self.app, "Session kept in progress — press {app.run} to resume it."), timeout=6)
        host(self).runflow.leave_runner()

    def _theme_changed(self, _theme: object) -> None:
        self._colours = None
        self.call_after_refresh(self._redraw)  # once the new theme's variables are in place

    def _redraw(self) -> None:
        self._colours = None
        if self.flow.current is not None and self._started:
            self._show_exercise(self.flow.current)
            self._load_last(self.flow.current.exercise.id)
            self.tick(force=True)
