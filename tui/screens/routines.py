"""Routines (`w`, or from the Catalogue): the built-in ones and your own; make, change, delete.

A built-in routine (or one from a hand-written file) is copied first ("Your Hand & wrist
strength"); your own are files in the user catalogue folder. Deleting one asks first; its
sessions stay in the journal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from catalogue.routine_files import is_own, schedule_of, warm_up_warning
from tui.screens.base import DataScreen
from tui.theme import palette
from tui.widgets.footer import KeyFooter
from tui.words import plural

if TYPE_CHECKING:
    from catalogue import Catalogue, Routine
    from tui.services import AppServices


@dataclass(frozen=True)
class RoutinesData:
    catalogue: "Catalogue"
    enabled: frozenset[str]
    dose_sets: Mapping[str, int] = field(default_factory=dict)  # your current dose's sets


def schedule_text(routine: "Routine") -> str:
    schedule = schedule_of(routine.rrule)
    return schedule.text() if schedule is not None else routine.rrule


class RoutinesScreen(DataScreen[RoutinesData]):
    HELP_EXTRA = [("↑ ↓", "Choose a routine"), ("enter", "Edit it (a built-in one is copied first)")]
    BINDINGS = [
        Binding("n", "new", "New", tooltip="Make a new routine", id="routines.new"),
        Binding("e", "edit", "Edit", tooltip="Change one of yours; a built-in routine is copied first", id="routines.edit"),
        Binding("d", "delete", "Delete", tooltip="Delete one of your own routines (asks first; its sessions stay)", id="routines.delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: RoutinesData | None = None

    def compose(self) -> ComposeResult:
        yield Static("Routines", classes="screen-title")
        with Horizontal(id="routines-body"):
            routines = OptionList(id="routine-list", classes="panel")
            routines.border_title = "Built-in and yours"
            yield routines
            with VerticalScroll(id="routine-detail", classes="panel") as detail:
                detail.border_title = "Steps and schedule"
                yield Static("Opening your journal…", id="routine-text", classes="muted")
        yield KeyFooter()

    def fetch(self, app: "AppServices") -> RoutinesData:
        assert app.journal is not None and app.catalogue is not None
        doses = {k: d.sets for k, d in app.journal.current_doses().items()}
        return RoutinesData(app.catalogue, app.journal.profile().enabled_exercises, doses)

    def show(self, data: RoutinesData) -> None:
        self.data = data
        colours = palette(self.app)
        options = self.query_one("#routine-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        at = options.highlighted or 0  # where the list was: after a delete, the one below moves up
        options.clear_options()
        for r in data.catalogue.routines.values():
            whose = "yours" if is_own(r) else ("built-in" if r.source == "built-in" else r.source)
            options.add_option(Option(Text.assemble((r.name, "bold"), (f"  {whose}", "italic"), "\n",
                                                    (f"  {schedule_text(r)} · {plural(len(r.steps), 'step')}", colours.muted)), id=r.id))
        ids = [o.id for o in options.options if o.id]
        if ids:
            wanted = self._select if self._select in ids else keep
            options.highlighted = options.get_option_index(wanted) if wanted in ids else min(at, len(ids) - 1)
        self._select = None
        options.focus()
        self._detail()

    _select: str | None = None

    def highlighted(self) -> "Routine | None":
        option = self.query_one("#routine-list", OptionList).highlighted_option
        if self.data is None or option is None or option.id is None:
            return None
        return self.data.catalogue.routines.get(option.id)

    def _detail(self) -> None:
        routine = self.highlighted()
        text = self.query_one("#routine-text", Static)
        if routine is None or self.data is None:
            text.update("No routine.")
            return
        colours = palette(self.app)
        cat = self.data.catalogue
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style=colours.muted)
        table.add_column(ratio=1)
        table.add_column(style=colours.muted, no_wrap=True)  # "rest 30 s" is never split
        for n, step in enumerate(routine.steps, 1):
            ex = cat.exercises.get(step.exercise_id)
            sets = "your dose" if step.sets is None else plural(step.sets, "set")
            table.add_row(f"{n}.", ex.name if ex else step.exercise_id, f"{sets} · rest {step.rest_s} s")
        blocks: list = [Text(routine.name, style=f"bold {colours.primary}"),
                        Text(f"Due: {schedule_text(routine)}", style="bold")]
        if routine.description:
            blocks.append(Text(routine.description, style=colours.muted))
        blocks += [Text(), table, Text()]
        if warning := warm_up_warning(routine, cat):
            blocks.append(Text(warning, style=colours.warning))
        if is_own(routine):
            blocks.append(Text(f"Yours: {routine.source} in your catalogue folder. e edits it, d deletes it.", style=colours.muted))
        else:
            blocks.append(Text("e makes your own copy to change.", style=colours.muted))
        text.update(Group(*blocks))
        text.remove_class("muted")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._detail()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":  # on a built-in one too: it says why not
            return (self.highlighted() if self.is_mounted else None) is not None
        return True

    # ---- making, changing, deleting ---------------------------------------------------------
    def _editor(self, routine: "Routine", *, new: bool) -> None:
        from tui.screens.routine_edit import RoutineEditor

        assert self.data is not None

        def saved(result: "Routine | None") -> None:
            if result is not None:
                self._select = result.id
                self.notify(f"Saved {result.name} ({result.source}).", timeout=5)
                self.rehab.reload_catalogue()

        folder = self.rehab.user_catalogue_dir()
        self.app.push_screen(RoutineEditor(routine, self.data.catalogue, folder, self.data.enabled, new=new,
                                            dose_sets=self.data.dose_sets), saved)

    def action_new(self) -> None:
        from catalogue.models import Routine
        from catalogue.routine_files import new_id

        if self.data is None:
            return
        rid = new_id("my-routine", self.data.catalogue, self.rehab.user_catalogue_dir())
        self._editor(Routine(rid, "", "FREQ=DAILY", (), source=f"{rid}.toml"), new=True)

    def action_edit(self) -> None:
        from catalogue.routine_files import copy_name, new_id

        routine = self.highlighted()
        if routine is None or self.data is None:
            return
        if is_own(routine):
            self._editor(routine, new=False)
            return
        name = copy_name(routine.name, self.data.catalogue)
        rid = new_id(name, self.data.catalogue, self.rehab.user_catalogue_dir())
        self._editor(replace(routine, id=rid, name=name, source=f"{rid}.toml"), new=True)

    def action_delete(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        routine = self.highlighted()
        if routine is None:
            return
        if not is_own(routine):
            self.notify("Built-in routines cannot be deleted: e makes your own copy to change.", timeout=6)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(routine)

        self.app.push_screen(
            ConfirmScreen("Delete this routine?", f"{routine.name} ({routine.source}) is deleted. "
                          "Sessions you did with it stay in your journal.", yes="Delete"),
            answered,
        )

    @work(thread=True, exclusive=True, group="routine-write", exit_on_error=False)
    def _delete(self, routine: "Routine") -> None:
        from catalogue.routine_files import RoutineProblem, delete_routine

        try:
            delete_routine(self.rehab.user_catalogue_dir(), routine)
        except RoutineProblem as err:
            self.app.call_from_thread(self.notify, str(err), title="Not deleted", severity="error", timeout=10)
            return
        self.app.call_from_thread(self.notify, f"Deleted {routine.name}.", timeout=5)
        self.app.call_from_thread(self.rehab.reload_catalogue)
