"""The routine runner: one set at a time, guided by the tempo, logged with one key.

The screen walks a session plan (``journal.rules.plan``). For each set it shows the exercise, the
target and last session's numbers, and a big timer driven by ``tui.guidance`` — get ready
3-2-1, then each rep's phases with their counts. ``enter`` logs the set (the target, the
counted reps, or what ``+``/``-`` made of them) and the set is committed before the screen
calls it logged. Between sets a rest countdown runs (``space`` skips it). ``escape`` leaves
with the session still in progress. After the last set: the after-session check-in and a
summary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from catalogue.models import format_load
from journal.rules.plan import (
    PlannedSet,
    describe_target,
    next_exercise_index,
    rest_after,
    switches_side,
    tempo_steps,
)
from journal.records import STOP_REASONS
from tui.guidance import DONE, IDLE, PAUSED, READY, RUNNING, Countdown, Guidance, clock_text
from tui.widgets.hanging import hanging as _hanging
from tui.screens.choice import Choice, ChoiceScreen
from tui.screens.help import shown_key, with_keys
from tui.screens.runner_text import last_time_text, set_line, side_label, summary
from tui.theme import palette
from tui.widgets.big_digits import BigDigits
from tui.widgets.stop_banner import StopBanner
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from catalogue.models import Routine
    from journal.records import SessionRec, SetRec
    from journal.rules.redflags import Stop
    from tui.services import ServicesApp as RehabApp
    from tui.guidance import Clock, GuideState

SYMPTOM_STOPS = ("pain", "tingling", "numbness")
REPS = Binding.Group("reps", compact=True)


class RunnerScreen(Screen[None]):
    CSS_PATH = "runner.tcss"
    BINDINGS = [
        Binding("space", "guide", "Guide", tooltip="Start, pause or resume the tempo guide (during a rest: skip the rest and start)", id="runner.guide"),
        Binding("enter", "log", "Log set", tooltip="Log the set as shown: the target, or the reps counted", id="runner.log"),
        Binding("plus,equals_sign", "reps(1)", "+1 rep", key_display="+", tooltip="One rep more", group=REPS, id="runner.more"),
        Binding("minus", "reps(-1)", "−1 rep", key_display="-", tooltip="One rep fewer", group=REPS, id="runner.fewer"),
        Binding("x", "ended_early", "Ended early", tooltip="Log the set as ended early, with the reason (pain, tingling, numbness, fatigue)", id="runner.early"),
        Binding("s", "skip", "Skip", tooltip="Skip the rest of this exercise", id="runner.skip"),
        Binding("b", "bell", "Bell", tooltip="Turn the bell at each phase change on or off", show=False, id="runner.bell"),
        Binding("escape", "leave", "Leave", tooltip="Leave; the session stays in progress and r resumes it", id="runner.leave"),
    ]
    HELP_EXTRA = [
        ("0–9", "Pain during this set (0 none … 9 very bad)"),
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
    ) -> None:
        super().__init__()
        self.session = session
        self.routine = routine
        self.plan = list(plan)
        self.index = start_index
        self.fresh = fresh
        self.clock = clock
        self.regions = list(regions)
        self.logged: list[SetRec] = list(logged)
        self.stop = stop
        self.stage = "start"  # start | set | after | summary
        self.steps = sorted({p.step for p in self.plan})
        self.skipped: list[str] = []
        self.started_despite_stop = stop is not None and fresh
        self.guide: Guidance | None = None
        self.rest: Countdown | None = None
        self.reps_override: int | None = None
        self.pain: int | None = None
        self.cue = ""
        self.warning = ""
        self.saving = False
        self._last_key: tuple | None = None
        self._painted: tuple | None = None
        self._shown_step: int | None = None
        self.before: dict[str, dict[str, int]] = {}
        self.after: dict[str, dict[str, int]] = {}

    @property
    def rehab(self) -> "RehabApp":
        return self.app  # type: ignore[return-value]

    @property
    def current(self) -> PlannedSet | None:
        return self.plan[self.index] if 0 <= self.index < len(self.plan) else None

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
        self.query_one("#run-summary").display = False
        self._show_stop_banner()
        self.watch(self.app, "data_version", self._journal_changed, init=False)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(0.1, self.tick)
        self.query_one("#run-info", VerticalScroll).focus()  # ↑ ↓ scroll the instructions
        self._begin()

    def on_screen_suspend(self) -> None:
        """Another screen on top (a modal, or Today via `t`): the guide waits for `space`."""
        if self.guide is not None and self.guide.running:
            self.guide.pause()

    def on_resize(self, event: Resize) -> None:
        """A big timer when the terminal has room for it (readable from across the room)."""
        clock = self.query_one("#run-clock", BigDigits)
        width, height = self.size
        big = width >= 60 and height >= 24
        huge = width >= 100 and height >= 36
        if big != clock.has_class("-big") or huge != clock.has_class("-huge"):
            clock.set_class(big, "-big")
            clock.set_class(huge, "-huge")
            clock.refresh(layout=True)

    @work(group="runner-flow", exit_on_error=False)
    async def _begin(self) -> None:
        """A new session starts with the before check-in; a resumed one goes straight on."""
        from tui.runflow import NotSaved, in_thread, latest_values
        from tui.screens.checkin import CheckinScreen

        try:
            if self.fresh:
                values = await in_thread(self.rehab, lambda j: latest_values(j, self.regions))
                entries = await self.app.push_screen_wait(CheckinScreen("before", self.regions, values))
                if entries:
                    session_id, now = self.session.id, self.rehab.now()
                    await in_thread(
                        self.rehab,
                        lambda j: j.record_checkins(entries, context="before", now=now, session_id=session_id),
                        changed="checkin",
                    )
                    self.before = {e["region"]: e for e in entries}
            else:
                self.before = await in_thread(self.rehab, lambda j: self._session_ratings(j, "before"))
        except NotSaved:
            pass  # already told; the sets matter more than the ratings
        self.go_to(self.index, rest=0)

    def _session_ratings(self, journal: Any, context: str) -> dict[str, dict[str, int]]:
        rows = journal.checkins(context=context, session_id=self.session.id)
        return {r.region: {"pain": r.pain, "numbness": r.numbness, "tingling": r.tingling, "weakness": r.weakness} for r in rows}

    # ---- moving through the plan --------------------------------------------------------
    def go_to(self, index: int, *, rest: int) -> None:
        self.index = index
        self.reps_override = None
        self.pain = None
        self.rest = None
        self.guide = None
        if self.current is None:
            self._finish()
            return
        self.stage = "set"
        planned = self.current
        profile = self.rehab.profile
        count = profile.count_seconds if profile else 1.0
        steps = tempo_steps(planned.exercise, planned.dose, count)
        holds = [i for i, (name, _, _) in enumerate(steps) if name.strip().lower() == "hold"]
        self.guide = Guidance(steps, planned.target_reps, self.clock, count_seconds=count, hold_phases=holds)
        self._last_key = None
        if rest > 0:
            self.rest = Countdown(rest, self.clock)
        changed = planned.step != self._shown_step
        first = self._shown_step is None
        if changed:
            self._shown_step = planned.step
            self.warning = ""
            self._show_exercise(planned)
            self._load_last(planned.exercise.id)
        if switches_side(self.plan, index):
            self.cue = f"Switch sides: now your {planned.side.upper()} side."
        elif changed and not first:
            self.cue = f"Next exercise: {planned.exercise.name}."
        else:
            self.cue = ""
        self._show_head()
        self._show_logged()
        self.refresh_bindings()
        self.tick(force=True)

    def _show_head(self) -> None:
        planned = self.current
        if planned is None:
            return
        affected = self.rehab.profile.affected_side if self.rehab.profile else "right"
        ordinal = self.steps.index(planned.step) + 1
        narrow = self.size.width < 100
        head = Text.assemble(
            (self.routine.name, "bold"),
            f"  ·  {'ex' if narrow else 'exercise'} {ordinal} of {len(self.steps)}",
            f"  ·  set {planned.set_number} of {planned.sets}",
            ("  ·  " + side_label(planned.side, affected), "bold" if planned.side != "both" else ""),
        )
        self.query_one("#run-head", Static).update(head)

    def _show_exercise(self, planned: PlannedSet) -> None:
        colours = palette(self.app)
        ex = planned.exercise
        tempo = " · ".join(f"{name} {counts}" for name, counts, _ in tempo_steps(ex, planned.dose, 1.0))
        self.query_one("#run-exercise", Static).update(
            Group(
                Text(ex.name, style=f"bold {colours.primary}"),
                Text.assemble(("Target  ", "bold"), describe_target(planned)),
                Text.assemble(("Tempo   ", "bold"), tempo, (" (counts)", colours.muted)),
            )
        )
        self.query_one("#run-last", Static).update("")
        blocks: list[Any] = [Text("How to do it", style="bold"), _hanging([f"{i}." for i in range(1, len(ex.instructions) + 1)], ex.instructions)]
        if ex.cues:
            blocks += [Text(), _hanging(["•"] * len(ex.cues), ex.cues)]
        if ex.cautions:
            blocks += [Text(), _hanging(["!"] * len(ex.cautions), ex.cautions, colours.warning)]
        self.query_one("#run-steps", Static).update(Group(*blocks))
        self.query_one("#run-info", VerticalScroll).scroll_home(animate=False)

    @work(thread=True, group="runner-last", exclusive=True, exit_on_error=False)
    def _load_last(self, exercise_id: str) -> None:
        from journal.errors import JournalError

        journal = self.rehab.journal
        if journal is None:
            return
        try:
            sets = journal.last_sets(exercise_id, before_session=self.session.id)
        except JournalError:
            return
        self.app.call_from_thread(self._show_last, exercise_id, sets)

    def _show_last(self, exercise_id: str, sets: list["SetRec"]) -> None:
        if self.current is not None and self.current.exercise.id == exercise_id:
            self.query_one("#run-last", Static).update(last_time_text(sets, self.rehab.today()))

    def _show_logged(self) -> None:
        planned = self.current
        lines = []
        if planned is not None:
            mine = [s for s in self.logged if s.exercise_id == planned.exercise.id]
            lines = [f"✓ {set_line(s)}" for s in mine[-4:]]
            if not mine and self.logged and self.logged[-1].session_id == self.session.id:
                last = self.logged[-1]
                lines = [f"✓ logged {last.exercise_name}, {set_line(last)}"]
        logged = self.query_one("#run-logged", Static)
        logged.update("\n".join(lines))
        logged.display = bool(lines)

    # ---- the clock ----------------------------------------------------------------------
    def _shown_reps(self, state: "GuideState") -> int:
        if self.reps_override is not None:
            return self.reps_override
        if state.status != IDLE:
            return state.reps_done
        return self.current.target_reps if self.current else 0

    def _shown_hold(self, state: "GuideState") -> float | None:
        planned = self.current
        if planned is None or planned.target_hold_s is None:
            return None
        if state.status != IDLE and state.hold_s is not None:
            return round(state.hold_s, 1)
        return planned.target_hold_s

    def tick(self, force: bool = False) -> None:
        if self.stage != "set" or self.guide is None or self.current is None:
            return
        state = self.guide.state()
        bell = bool(self.rehab.profile and self.rehab.profile.bell)
        if self.rest is not None:
            remaining = self.rest.remaining()
            if remaining <= 0:
                if not self.rest.skipped and bell:
                    self.app.bell()
                self.rest = None
            else:
                self._paint_rest(remaining)
                return
        if state.status in (RUNNING, DONE) and state.key != self._last_key:
            if self._last_key is not None and bell:
                self.app.bell()
            self._last_key = state.key
        self._paint(state, force)

    def _paint_rest(self, remaining: float) -> None:
        planned = self.current
        assert planned is not None and self.rest is not None
        colours = palette(self.app)
        affected = self.rehab.profile.affected_side if self.rehab.profile else "right"
        phase = Text.assemble(
            ("REST", f"bold {colours.success}"),
            "\n",
            (f"next: set {planned.set_number} of {planned.sets}, {side_label(planned.side, affected)}", colours.muted),
        )
        key = ("rest", clock_text(remaining), self.cue, self.warning)
        if key == self._painted:
            return
        self._painted = key
        self.query_one("#run-phase", Static).update(phase)
        self._clock(clock_text(remaining), "rest")
        bar = self.query_one("#run-bar", ProgressBar)
        bar.update(total=self.rest.seconds or 1, progress=self.rest.seconds - remaining)
        self.query_one("#run-cue", Static).update(self._cue_text(with_keys(self.app, "{runner.guide} skips the rest.")))
        self._paint_entry(None, resting=True)

    def _cue_text(self, default: str) -> Text:
        colours = palette(self.app)
        text = Text()
        if self.warning:
            text.append(self.warning, style=f"bold {colours.error}")
        elif self.cue:
            text.append(self.cue, style=f"bold {colours.warning}")
            if default:
                text.append("  " + default)
        else:
            text.append(default, style=colours.muted)
        return text

    def _paint(self, state: "GuideState", force: bool = False) -> None:
        planned = self.current
        assert planned is not None
        colours = palette(self.app)
        reps = self._shown_reps(state)
        if state.status == IDLE:
            big, label = str(planned.target_reps), Text.assemble(
                ("READY WHEN YOU ARE", f"bold {colours.primary}"),
                "\n",
                (f"{planned.target_reps} reps to do", colours.muted),
            )
            hint = "{runner.guide} starts the guide (get ready 3-2-1) — or do the set at your own pace and press {runner.log}."
        elif state.status == DONE:
            big = str(reps)
            label = Text.assemble(("SET DONE", f"bold {colours.success}"), "\n", (f"{state.reps_done} reps counted", colours.muted))
            hint = "{runner.log} logs it · {runner.more} {runner.fewer} adjust reps · 0–9 pain · {runner.early} ended early"
        else:
            beat = state.beat
            assert beat is not None
            big = str(state.count)
            if beat.name == READY:
                label = Text.assemble(("GET READY", f"bold {colours.warning}"), "\n", ("3 · 2 · 1", colours.muted))
            else:
                label = Text.assemble((beat.name.upper(), f"bold {colours.primary}"), "\n")
                for i, (name, counts, _) in enumerate(self.guide.phases if self.guide else ()):
                    if i:
                        label.append(" · ", style=colours.muted)
                    style = f"bold reverse {colours.primary}" if i == beat.phase else colours.muted
                    label.append(f"{name} {counts}", style=style)
                label.append(f"   rep {beat.rep} of {state.reps}", style="bold")
            if state.status == PAUSED:
                label.append("   PAUSED", style=f"bold {colours.warning}")
                hint = "{runner.guide} resumes · {runner.log} logs what you did"
            else:
                hint = "{runner.guide} pauses · {runner.log} logs the set when you are done"
        key = (state.status, big, str(label), reps, self.pain, self.cue, self.warning, round(state.progress, 3))
        if key == self._painted and not force:
            return
        self._painted = key
        self.query_one("#run-phase", Static).update(label)
        tone = "ready" if state.status == RUNNING and state.beat and state.beat.name == READY else ""
        self._clock(big, "done" if state.status == DONE else tone)
        self.query_one("#run-bar", ProgressBar).update(total=state.total or 1, progress=state.elapsed)
        self.query_one("#run-cue", Static).update(self._cue_text(with_keys(self.app, hint)))
        self._paint_entry(state)

    def _clock(self, value: str, tone: str = "") -> None:
        """The big number, coloured by what it counts: get ready, a rest, a finished set."""
        clock = self.query_one("#run-clock", BigDigits)
        clock.update(value)
        for name in ("ready", "rest", "done"):
            clock.set_class(tone == name, f"-{name}")

    def _paint_entry(self, state: "GuideState | None", *, resting: bool = False) -> None:
        planned = self.current
        if planned is None or self.guide is None:
            return
        state = state or self.guide.state()
        colours = palette(self.app)
        text = Text.assemble(("Next    " if resting else "To log  ", "bold"), (f"{self._shown_reps(state)} reps", "bold"))
        hold = self._shown_hold(state)
        if hold is not None:
            text.append(f" · hold {hold:g} s")
        if planned.load is not None:
            text.append(f" · {format_load(planned.load)} {planned.load_unit}")
        elif planned.level:
            text.append(f" · {planned.level} {planned.dose.ladder}")
        if self.pain is None:
            text.append(" · pain –", style=colours.muted)
        else:
            text.append(" · pain ")
            text.append(str(self.pain), style=f"bold {colours.score(self.pain)}")
        if self.saving:
            text.append("  saving…", style=colours.muted)
        self.query_one("#run-entry", Static).update(text)

    # ---- keys ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("guide", "log", "reps", "ended_early", "skip"):
            return self.stage == "set"
        if action == "leave":
            return self.stage in ("set", "summary", "start")
        return True

    def on_key(self, event: Key) -> None:
        if self.stage == "set" and event.character and event.character.isdecimal():  # not "²"
            event.stop()
            self.pain = int(event.character)
            if self.pain > 5:
                self.warning = (
                    f"Pain {self.pain} is above 5, the high-risk zone: end this set (x) and rest; "
                    "skip the exercise (s) if it does not settle."
                )
            elif self.warning.startswith("Pain"):
                self.warning = ""
            self.tick(force=True)
        elif self.stage == "summary" and event.key == "enter":
            event.stop()
            self.action_leave()

    def action_guide(self) -> None:
        if self.stage != "set" or self.guide is None:
            return
        if self.rest is not None:
            self.rest.skip()
            self.rest = None
        if self.guide.state().status != DONE:
            self.guide.toggle()
            self.cue = ""  # "next exercise" / "switch sides" were for before the start
        self.tick(force=True)

    def action_reps(self, delta: int) -> None:
        if self.stage != "set" or self.guide is None:
            return
        shown = self._shown_reps(self.guide.state())
        self.reps_override = max(0, min(500, shown + delta))
        self.tick(force=True)

    def action_log(self, stop_reason: str = "none") -> None:
        from journal.rules.plan import set_values

        if self.stage != "set" or self.saving or self.guide is None or self.current is None:
            return
        if stop_reason not in STOP_REASONS:
            return
        self.guide.pause()
        state = self.guide.state()
        values = set_values(
            self.current,
            reps=self._shown_reps(state),
            hold_s=self._shown_hold(state),
            pain=self.pain,
            stop_reason=stop_reason,
        )
        self.saving = True
        self._paint_entry(state)
        self._save_set(self.index, values)

    @work(thread=True, group="runner-save", exit_on_error=False)
    def _save_set(self, index: int, values: dict) -> None:
        from journal.errors import InvalidValue, JournalError

        journal = self.rehab.journal
        assert journal is not None
        try:
            rec = journal.log_set(self.session.id, now=self.rehab.now(), **values)
        except (JournalError, InvalidValue) as err:
            self.app.call_from_thread(self._save_failed, str(err))
            return
        self.app.call_from_thread(self._set_saved, index, rec)

    def _save_failed(self, message: str) -> None:
        self.saving = False
        self.notify(message, title="Set not saved", severity="error", timeout=10)
        if self.guide is not None:
            self._paint_entry(None)

    def _set_saved(self, index: int, rec: "SetRec") -> None:
        from tui.messages import JournalChanged

        self.saving = False
        self.logged.append(rec)
        self.app.post_message(JournalChanged("set", rec))
        if rec.stop_reason in SYMPTOM_STOPS:
            self.warning = (
                f"You stopped for {rec.stop_reason}. Do not push through it: rest, and skip the "
                "rest of this exercise (s) unless it has settled completely."
            )
        elif self.warning.startswith("Pain"):
            self.warning = ""
        self.go_to(index + 1, rest=rest_after(self.plan, index))

    def action_ended_early(self) -> None:
        if self.stage != "set" or self.saving or self.guide is None:
            return
        self.guide.pause()
        self.app.push_screen(
            ChoiceScreen(
                "Set ended early — why?",
                "The set is logged with the reps shown and this reason.",
                [
                    Choice("p", "Pain", "pain", "error"),
                    Choice("t", "Tingling", "tingling", "warning"),
                    Choice("n", "Numbness", "numbness", "warning"),
                    Choice("f", "Fatigue", "fatigue", "primary"),
                    Choice("escape", "Back", None),
                ],
            ),
            self._ended_early,
        )

    def _ended_early(self, reason: str | None) -> None:
        if reason:
            self.action_log(reason)

    def action_skip(self) -> None:
        if self.stage != "set" or self.saving or self.current is None:
            return
        planned = self.current
        done = any(s.exercise_id == planned.exercise.id for s in self.logged)
        self.skipped.append(planned.exercise.name + (" (rest of it)" if done else ""))
        self.warning = ""
        self.go_to(next_exercise_index(self.plan, self.index), rest=0)
        if self.current is not None:
            self.cue = f"Skipped {planned.exercise.name}. Next: {self.current.exercise.name}."
            self.tick(force=True)

    def action_bell(self) -> None:
        profile = self.rehab.profile
        if profile is None:
            return
        on = not profile.bell
        now = self.rehab.now()
        self.rehab.write(lambda j: j.update_profile(now, bell=on), what="profile")
        self.notify(f"Bell {'on' if on else 'off'}.", timeout=3)

    def action_leave(self) -> None:
        if self.saving:
            self.notify("Saving the set…", timeout=2)
            return
        if self.stage not in ("summary",):
            self.notify(with_keys(self.app, "Session kept in progress — press {app.run} to resume it."), timeout=6)
        self.rehab.runflow.leave_runner()

    # ---- the end ------------------------------------------------------------------------
    def _finish(self) -> None:
        self.stage = "after"
        self.refresh_bindings()
        self.query_one("#run-phase", Static).update(Text("ALL SETS DONE", style="bold"))
        self._clock("")
        self.query_one("#run-cue", Static).update("")
        self._wrap_up()

    @work(group="runner-flow", exit_on_error=False)
    async def _wrap_up(self) -> None:
        from tui.runflow import NotSaved, in_thread, latest_values
        from tui.screens.checkin import CheckinScreen

        values = self.before or await in_thread(self.rehab, lambda j: latest_values(j, self.regions))
        entries = await self.app.push_screen_wait(CheckinScreen("after", self.regions, values))
        session_id = self.session.id
        if entries:
            now = self.rehab.now()
            try:
                await in_thread(
                    self.rehab,
                    lambda j: j.record_checkins(entries, context="after", now=now, session_id=session_id),
                    changed="checkin",
                )
                self.after = {e["region"]: e for e in entries}
            except NotSaved:
                pass
        note = self._note()
        now = self.rehab.now()
        ours = [s for s in self.logged if s.session_id == session_id]
        if ours:
            action = lambda j: j.finish_session(session_id, now, note=note)  # noqa: E731
        else:
            action = lambda j: j.abandon_session(session_id, now)  # noqa: E731
        try:
            session = await in_thread(self.rehab, action, changed="session")
        except NotSaved:
            self.stage = "summary"
            self.query_one("#run-phase", Static).update(
                with_keys(self.app, "The session could not be closed; it stays in progress. Press {runner.leave}.")
            )
            self.refresh_bindings()
            return
        self._show_summary(session, ours)

    def _note(self) -> str:
        parts = []
        if self.skipped:
            parts.append("Skipped: " + ", ".join(self.skipped) + ".")
        if self.started_despite_stop:
            parts.append("Started while a red flag was open.")
        return " ".join(parts)

    def _show_summary(self, session: "SessionRec", sets: list["SetRec"]) -> None:
        self.stage = "summary"
        self.refresh_bindings()
        self.query_one("#run-body").display = False
        self.query_one("#run-summary").display = True
        self.query_one("#run-summary").focus()  # ↑ ↓ scroll a long summary
        self.query_one("#run-head", Static).update(Text.assemble((self.routine.name, "bold"), "  ·  summary"))
        self.query_one("#summary", Static).update(
            summary(
                session, sets, routine_name=self.routine.name, skipped=self.skipped, regions=self.regions,
                before=self.before, after=self.after, colours=palette(self.app),
            )  # fmt: skip
        )

    def _theme_changed(self, _theme: object) -> None:
        """Colours are baked into the exercise text: draw it again in the new theme's."""
        if self.stage == "set" and self.current is not None:
            self._show_exercise(self.current)
            self._load_last(self.current.exercise.id)
            self.tick(force=True)

    # ---- journal changes (red flags reported from `!` while running) ---------------------
    def _journal_changed(self, _version: int) -> None:
        self._refresh_stop()

    @work(thread=True, group="runner-stop", exclusive=True, exit_on_error=False)
    def _refresh_stop(self) -> None:
        from journal.errors import JournalError
        from journal.rules.redflags import standing_stop

        journal = self.rehab.journal
        if journal is None:
            return
        try:
            stop = standing_stop(journal.red_flags(open_only=True))
        except JournalError:
            return
        self.app.call_from_thread(self._set_stop, stop)

    def _set_stop(self, stop: "Stop | None") -> None:
        self.stop = stop
        self._show_stop_banner()

    def _show_stop_banner(self) -> None:
        from tui.widgets.stop_banner import LINE, SHORT

        narrow = (self.app.size.width or 120) < 100
        self.query_one("#run-stop", StopBanner).show_stop(self.stop, LINE if narrow else SHORT, shown_key(self.app, "app.redflags"))

