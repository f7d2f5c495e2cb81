"""Making or changing one of your routines: name, steps (exercise, sets, rest), order, schedule.

A ModalScreen that dismisses with the saved :class:`Routine` (written to its TOML file by
catalogue/routine_files.py in a worker) or None when cancelled. What cannot be saved — no
steps, a name in use, a folder that refuses — is said in one line and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from catalogue.models import RoutineStep
from catalogue.routine_files import DAY_NAMES, Schedule, schedule_of
from tui.theme import palette
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from catalogue.models import Catalogue, Routine

REST_STEP = 15
#: Actions of the step list, whose keys type into the name while it has focus.
LIST_ONLY = ("save", "add", "remove", "move", "sets", "rest", "daily")
REGION_ORDER = ("neck", "shoulder", "wrist", "hand", "fingers")


class ExercisePicker(ModalScreen["str | None"]):
    """Pick an exercise from the catalogue (by region); dismisses with its id or None."""

    DEFAULT_CSS = """
    ExercisePicker #pick-box { width: 60; max-width: 100%; }
    ExercisePicker OptionList { height: auto; max-height: 24; border: none; background: transparent; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Add nothing", id="exercise_pick.cancel")]

    def __init__(self, catalogue: "Catalogue", enabled: frozenset[str]) -> None:
        super().__init__()
        self.catalogue, self.enabled = catalogue, enabled

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        exercises = self.catalogue.visible_exercises(self.enabled)
        for region in REGION_ORDER:
            group = [e for e in exercises if e.region == region]
            if group:
                options.append(Option(Text(region.upper(), style="bold"), disabled=True))
                options += [Option(f"  {e.name}", id=e.id) for e in group]
        with Vertical(id="pick-box", classes="modal-box"):
            yield Static("Add an exercise", classes="modal-title")
            yield OptionList(*options, id="pick-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = next(i for i, o in enumerate(options.options) if o.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoutineEditor(ModalScreen["Routine | None"]):
    DEFAULT_CSS = """
    RoutineEditor #routine-box { width: 96; max-width: 100%; height: 100%; max-height: 40; }
    RoutineEditor #name-row { height: 1; margin-bottom: 1; }
    RoutineEditor #name-row Label { width: 8; color: $text-muted; }
    RoutineEditor #routine-name { width: 1fr; }
    RoutineEditor #step-list { height: 1fr; min-height: 4; border: round $primary 50%; background: transparent; }
    RoutineEditor #step-list:focus { border: round $primary; }
    RoutineEditor #routine-schedule, RoutineEditor #routine-warning, RoutineEditor #routine-error,
    RoutineEditor #routine-keys { height: auto; }
    RoutineEditor #routine-warning { color: $text-warning; }
    RoutineEditor #routine-error { color: $text-error; text-style: bold; }
    RoutineEditor #routine-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("s", "save", "Save", tooltip="Save the routine (checked first)", id="routine_edit.save"),
        Binding("a", "add", "Add step", tooltip="Add an exercise from the catalogue after the highlighted step", id="routine_edit.add"),
        Binding("x", "remove", "Remove", tooltip="Remove the highlighted step", id="routine_edit.remove"),
        Binding("left_square_bracket", "move(-1)", "Up", key_display="[", tooltip="Move the highlighted step up", id="routine_edit.up"),
        Binding("right_square_bracket", "move(1)", "Down", key_display="]", tooltip="Move the highlighted step down", id="routine_edit.down"),
        Binding("plus,equals_sign", "sets(1)", "Sets +", key_display="+", tooltip="One set more for the step", id="routine_edit.more_sets"),
        Binding("minus,underscore", "sets(-1)", "Sets −", key_display="-", tooltip="One set fewer (below 1: your dose's sets)", id="routine_edit.fewer_sets"),
        Binding("enter", "steps", "To the steps (s saves)", tooltip="Done with the name: the step keys and s save work there", id="routine_edit.steps", priority=True),
        Binding("full_stop", "rest(1)", "Rest +", key_display=".", tooltip=f"{REST_STEP} s more rest after the step's sets", id="routine_edit.more_rest"),
        Binding("comma", "rest(-1)", "Rest −", key_display=",", tooltip=f"{REST_STEP} s less rest", id="routine_edit.less_rest"),
        Binding("d", "daily", "Daily", tooltip="Due every day", id="routine_edit.daily"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="routine_edit.cancel"),
    ]
    HELP_EXTRA = [("1–7", "Due on Monday … Sunday: on or off"), ("tab", "The name ↔ the steps")]

    def __init__(self, routine: "Routine", catalogue: "Catalogue", folder: Path, enabled: frozenset[str], *, new: bool,
                 dose_sets: Mapping[str, int] | None = None) -> None:
        super().__init__()
        self.dose_sets = dict(dose_sets or {})  # your current dose's sets, by exercise
        self.routine = routine
        self.catalogue = catalogue
        self.folder = folder
        self.enabled = enabled
        self.new = new
        self.steps = list(routine.steps)
        self.schedule = schedule_of(routine.rrule)
        self.rrule = routine.rrule  # kept as it is unless the schedule is changed here

    def compose(self) -> ComposeResult:
        with Vertical(id="routine-box", classes="modal-box"):
            yield Static("New routine" if self.new else f"Edit {self.routine.name}", classes="modal-title")
            with Horizontal(id="name-row"):
                yield Label("Name")
                yield Input(self.routine.name, id="routine-name", compact=True, max_length=80)
            yield OptionList(id="step-list")
            yield Static("", id="routine-schedule")
            yield Static("", id="routine-warning")
            yield Static("", id="routine-error")
            yield Static(
                "a add · x remove · [ ] move · + - sets · , . rest · d daily · 1–7 Mon–Sun · tab name · s save · esc cancel",
                id="routine-keys",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._paint()
        if self.new:  # a new routine or a copy starts at its name, selected: typing replaces it
            self.query_one("#routine-name", Input).focus()
        else:
            self.query_one("#step-list", OptionList).focus()

    # ---- painting ---------------------------------------------------------------------------
    def draft(self) -> "Routine":
        name = self.query_one("#routine-name", Input).value
        rrule = self.schedule.rrule() if self.schedule is not None else self.rrule
        return replace(self.routine, name=name, steps=tuple(self.steps), rrule=rrule)

    def _paint(self, highlight: int | None = None) -> None:
        colours = palette(self.app)
        options = self.query_one("#step-list", OptionList)
        was = options.highlighted if highlight is None else highlight
        options.clear_options()
        for n, step in enumerate(self.steps, 1):
            ex = self.catalogue.exercises.get(step.exercise_id)
            name = ex.name if ex else f"{step.exercise_id} (not in the catalogue)"
            sets = "sets as your dose" if step.sets is None else f"{step.sets} set{'s' if step.sets != 1 else ''}"
            options.add_option(Option(Text.assemble(f"{n:>2}. ", (name, "bold"), (f"  {sets} · rest {step.rest_s} s", colours.muted))))
        if not self.steps:
            options.add_option(Option(Text("No steps yet: press a to add an exercise.", style=colours.muted), disabled=True))
        elif was is not None:
            options.highlighted = max(0, min(was, len(self.steps) - 1))
        else:
            options.highlighted = 0
        options.border_title = f"Steps ({len(self.steps)})"
        if self.schedule is None:
            when = Text.assemble(("Schedule  ", "bold"), f"{self.rrule} (set here: d daily, 1–7 days)")
        else:
            when = Text.assemble(("Schedule  ", "bold"), self.schedule.text(), "   ")
            for i, day in enumerate(DAY_NAMES):
                on = self.schedule.daily or i in self.schedule.days
                when.append(f"{i + 1} {day}  ", style="bold" if on else colours.muted)
        self.query_one("#routine-schedule", Static).update(when)
        from catalogue.routine_files import warm_up_warning

        self.query_one("#routine-warning", Static).update(warm_up_warning(self.draft(), self.catalogue) or "")

    def _index(self) -> int | None:
        options = self.query_one("#step-list", OptionList)
        return options.highlighted if self.steps and options.highlighted is not None else None

    # ---- editing ----------------------------------------------------------------------------
    def action_add(self) -> None:
        def picked(exercise_id: str | None) -> None:
            if exercise_id is None:
                return
            at = (self._index() + 1) if self._index() is not None else len(self.steps)
            self.steps.insert(at, RoutineStep(exercise_id, None, 60))
            self._paint(at)
            self.query_one("#step-list", OptionList).focus()

        self.app.push_screen(ExercisePicker(self.catalogue, self.enabled), picked)

    def action_remove(self) -> None:
        i = self._index()
        if i is not None:
            del self.steps[i]
            self._paint(i)

    def action_move(self, delta: int) -> None:
        i = self._index()
        if i is None or not 0 <= i + delta < len(self.steps):
            return
        self.steps[i], self.steps[i + delta] = self.steps[i + delta], self.steps[i]
        self._paint(i + delta)

    def action_sets(self, delta: int) -> None:
        i = self._index()
        if i is None:
            return
        sets = self.steps[i].sets
        if sets is None:  # from "your dose": one more or one fewer than the dose's sets
            new = max(1, min(10, self._dose_sets(self.steps[i].exercise_id) + delta))
        else:
            new = sets + delta
            new = None if new < 1 else min(new, 10)
        self.steps[i] = replace(self.steps[i], sets=new)
        self._paint(i)

    def _dose_sets(self, exercise_id: str) -> int:
        """Your current dose's sets for the exercise, else the catalogue's."""
        if exercise_id in self.dose_sets:
            return self.dose_sets[exercise_id]
        ex = self.catalogue.exercises.get(exercise_id)
        return ex.dose.sets if ex else 1

    def action_rest(self, delta: int) -> None:
        i = self._index()
        if i is not None:
            rest = max(0, min(600, self.steps[i].rest_s + delta * REST_STEP))
            self.steps[i] = replace(self.steps[i], rest_s=rest)
            self._paint(i)

    def action_daily(self) -> None:
        self.schedule = Schedule()
        self._paint()

    def on_key(self, event: Key) -> None:
        if isinstance(self.focused, Input):
            return
        if event.character and event.character in "1234567" and len(event.key) == 1:
            event.stop()
            event.prevent_default()
            self.schedule = (self.schedule or Schedule()).toggle(int(event.character) - 1)
            self._paint()
        elif event.is_printable and event.character and event.character.isalpha() \
                and event.key not in self._bindings.key_to_bindings:
            # A letter that is no command here: someone meant to type the name.
            self.query_one("#routine-error", Static).update("Letters are commands in the step list: press tab to type the name.")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_steps()

    def action_steps(self) -> None:
        self.query_one("#step-list", OptionList).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#routine-error", Static).update("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        naming = self.is_mounted and isinstance(self.focused, Input)
        if action == "steps":  # enter in the name; in the list it edits nothing
            return naming
        if naming and action in LIST_ONLY:
            return False  # their keys type into the name: not in the footer while it has focus
        if action in ("remove", "move", "sets", "rest"):
            return bool(self.steps)
        return True

    # ---- saving -----------------------------------------------------------------------------
    def action_save(self) -> None:
        from catalogue.routine_files import problems

        routine = self.draft()
        found = problems(routine, self.catalogue)
        if found:
            self.query_one("#routine-error", Static).update(found[0])
            if "name" in found[0]:
                self._name_at_end()
            return
        routine = replace(routine, name=routine.name.strip())
        if self.new:  # a new routine's file is named after its name as saved
            from catalogue.routine_files import new_id

            rid = new_id(routine.name, self.catalogue, self.folder)
            routine = replace(routine, id=rid, source=f"{rid}.toml")
        self._write(routine)

    def _name_at_end(self) -> None:
        """The name, its cursor at the end and nothing selected: the next key adds, not replaces."""
        name = self.query_one("#routine-name", Input)
        self.set_focus(name)  # at once (focus() waits a turn), so this comes after its focus selects all:
        name.call_later(setattr, name, "cursor_position", len(name.value))

    @work(thread=True, exclusive=True, group="routine-write", exit_on_error=False)
    def _write(self, routine: "Routine") -> None:
        from catalogue.routine_files import RoutineProblem, save_routine

        try:
            path = save_routine(self.folder, routine)
        except RoutineProblem as err:
            self.app.call_from_thread(self.query_one("#routine-error", Static).update, str(err))
            return
        self.app.call_from_thread(self.dismiss, replace(routine, source=path.name))

    def action_cancel(self) -> None:
        self.dismiss(None)
