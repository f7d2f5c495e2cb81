"""Today: what is due, how the last check-ins looked, and the safety line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.days import friendly_day  # noqa: F401 - also importable from here, as before
from tui.screens.base import DataScreen
from tui.theme import palette
from tui.widgets.footer import KeyFooter
from tui.widgets.history_summary import HistorySummary
from tui.widgets.readable import ReadableStatic
from tui.widgets.stop_banner import FULL, LINE, StopBanner
from tui.words import plural

if TYPE_CHECKING:
    from journal.records import CheckinRec, SessionRec
    from journal.rules.redflags import Stop
    from tui.services import AppServices
    from tui.widgets.today_panels import StepLine

SAFETY_LINE = (
    "Not medical advice. Stop if symptoms spread, worsen or linger; for sudden weakness, "
    "loss of bladder or bowel control, or chest pain, call your local emergency number."
)


@dataclass(frozen=True)
class DueRoutine:
    id: str
    name: str
    #: None until the journal is read (the first frame lists what is due without it).
    minutes: int | None
    exercises: int
    done: bool | None
    steps: tuple[StepLine, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class TodayData:
    day: date
    due: list[DueRoutine]
    latest: list["CheckinRec"]
    empty_journal: bool
    morning: "SessionRec | None" = None  # the session a next-morning check-in is waiting for
    in_progress: "SessionRec | None" = None
    stop: "Stop | None" = None
    setup_done: bool = True  # False: Today asks the user to tell rehab-tui about them
    #: The weekly PSFS ratings are due (never rated, or 7 days or more ago).
    psfs_due: bool = False


W = TypeVar("W", bound=Widget)


def _panel(widget: W, title: str) -> W:
    widget.add_class("panel")
    widget.border_title = title
    return widget


class TodayScreen(DataScreen[TodayData]):
    """Routines due today by their schedule, the last symptoms, the streak and suggestions."""

    # Its CSS (today.tcss) is part of the app's: see RehabApp.CSS_PATH.
    BINDINGS = [
        Binding("m", "morning", "Morning check-in", tooltip="Rate how you feel the morning after a session", id="today.morning"),
        Binding("f", "psfs", "Activities", tooltip="Rate the activities you find hard (PSFS, once a week)", id="today.psfs"),
        Binding("g", "grip", "Grip", tooltip="Enter grip strength from a hand dynamometer (optional)", id="today.grip"),
    ]
    HELP_EXTRA = [("↑ ↓", "Move between today's routines"), ("enter", "Start the highlighted routine")]

    def __init__(self) -> None:
        super().__init__()
        self.data: TodayData | None = None
        self._rest_mounted = False  # see _compose_rest

    def compose(self) -> ComposeResult:
        # The first frame is what Today is for — its title, what is due, the keys — and paints
        # as soon as it can; the panels that wait on the journal anyway follow in the next
        # frame (_compose_rest). The panels are the widgets themselves (a border on the list or
        # the Static), not containers around them: a bordered container is drawn only from the
        # second frame of a mode's first screen.
        yield Static(self._title(self.rehab.today()), id="today-title", classes="screen-title")
        with Horizontal(id="today-body"):
            with Vertical(id="today-left"):
                yield _panel(OptionList(id="due-list"), "Due today")
                yield Static("", id="due-note", classes="muted")
            yield Vertical(id="today-right")
        yield HistorySummary(id="today-history")
        yield ReadableStatic(SAFETY_LINE, id="safety-line")
        yield KeyFooter()

    def _compose_rest(self) -> None:
        """Mount the rest of Today (once): the STOP banner, the prompts, and the plan, symptom
        and coming-days panels. Called after the first frame, and by ``show`` if sooner."""
        if self._rest_mounted:
            return
        self._rest_mounted = True
        self.mount(StopBanner(id="today-stop"), Static("", id="today-prompts"), before="#today-body")
        self.query_one("#today-left").mount(_panel(Static("", id="plan"), "The plan"))
        self.query_one("#today-right").mount(
            _panel(Static("Opening your journal…", id="symptoms", classes="muted"), "Last symptoms"),
            _panel(Static("", id="coming"), "Coming days"),
        )
        if self.data is not None:
            self._show_plan()

    def on_mount(self) -> None:
        if self.data is None:  # the first frame: what is due, before the journal is read
            self._list_due([DueRoutine(i, n, None, k, None) for i, n, k in self.rehab.first_due()])
        self.rehab.after_paint(self._compose_rest)
        super().on_mount()

    @staticmethod
    def _title(day: date) -> Text:
        return Text.assemble(("Today", "bold"), ("  ·  " + day.strftime("%A %d %B %Y").replace(" 0", " "), ""))

    def fetch(self, app: "AppServices") -> TodayData:
        from journal.rules.doses import routine_seconds
        from tui.due_today import due_in
        from tui.widgets.today_panels import step_lines

        journal, catalogue = app.journal, app.catalogue
        assert journal is not None and catalogue is not None
        today = app.today()

        completed = {s.routine_id for s in journal.sessions(since=today, until=today, status="completed")}
        current = journal.current_doses()
        profile = journal.profile()
        count = profile.count_seconds
        due = [
            DueRoutine(
                id=r.id,
                name=r.name,
                minutes=max(1, round(routine_seconds(r, catalogue, current, count) / 60)),
                exercises=len(r.steps),
                done=not completed.isdisjoint(entry.covered_by),  # as `status` says it
                steps=step_lines(r, catalogue, current, profile.enabled_exercises, profile.units),
                description=r.description,
            )
            for entry in due_in(catalogue.routines.values(), today)
            for r in (catalogue.routines[entry.id],)
        ]
        from journal.rules.redflags import standing_stop

        from journal.rules.outcomes import psfs_due

        latest = journal.latest_checkins()
        setup_done = profile.setup_done
        has_data = journal.has_data()
        return TodayData(
            today, due, latest, empty_journal=not has_data,
            morning=journal.pending_morning_checkin(app.now()), in_progress=journal.in_progress(),
            stop=standing_stop(journal.red_flags(open_only=True)), setup_done=setup_done,
            psfs_due=has_data and psfs_due(journal.psfs_last_rated(), today),
        )  # fmt: skip

    def show(self, data: TodayData) -> None:
        # Imported here, not with the module: Today's first frame does not need them.
        from tui.keys import shown_key
        from tui.widgets.symptoms import symptom_table
        from tui.widgets.today_panels import coming_days

        self._compose_rest()
        self.data = data
        self.query_one("#today-title", Static).update(self._title(data.day))
        colours = palette(self.app)
        narrow = (self.app.size.width or 120) < 100
        self.query_one("#today-stop", StopBanner).show_stop(data.stop, LINE if narrow else FULL, shown_key(self.app, "app.redflags"))
        prompts = Text()
        if not data.setup_done:
            prompts.append("Tell rehab-tui about you", style="bold")
            prompts.append(f" ({shown_key(self.app, 'app.profile')})")
        if data.morning is not None:
            if prompts:
                prompts.append("\n")
            prompts.append("Morning check-in", style="bold")
            if narrow:
                prompts.append(f" after yesterday's {data.morning.routine_name}: press ")
            else:
                prompts.append(f": how do you feel after yesterday's {data.morning.routine_name}? Press ")
            prompts.append(shown_key(self.app, "today.morning"), style="bold")
            prompts.append(".")
        if data.in_progress is not None:
            if prompts:
                prompts.append("\n")
            prompts.append("In progress", style="bold")
            prompts.append(f": {data.in_progress.routine_name}, started {data.in_progress.started_at[11:16]}. Press ")
            prompts.append(shown_key(self.app, "app.run"), style="bold")
            prompts.append(" to resume it.")
        if data.psfs_due and data.in_progress is None:
            if prompts:
                prompts.append("\n")
            prompts.append("This week's activities", style="bold")
            prompts.append(": how well can you do the things you find hard? Press " if not narrow else ": press ")
            prompts.append(shown_key(self.app, "today.psfs"), style="bold")
            prompts.append(".")
        self.query_one("#today-prompts", Static).update(prompts)
        self.query_one("#today-prompts", Static).set_class(bool(prompts), "-on")
        self.refresh_bindings()
        self._list_due(data.due)
        self._show_plan()
        catalogue = self.rehab.catalogue
        if catalogue is not None:
            self.query_one("#coming", Static).update(coming_days(list(catalogue.routines.values()), data.day, colours))
        symptoms = self.query_one("#symptoms", Static)
        if data.latest:
            symptoms.update(symptom_table(data.latest, data.day, colours))
            symptoms.remove_class("muted")
        else:
            symptoms.update(
                "No check-ins yet. You rate pain, numbness, tingling and weakness before and "
                "after each session; the latest ratings appear here."
            )
            symptoms.add_class("muted")

    def _list_due(self, due: list[DueRoutine]) -> None:
        colours = palette(self.app)
        options = self.query_one("#due-list", OptionList)
        was = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        for item in due:
            if item.done is None:
                status = Text("")
            else:
                status = (
                    Text("  done ✓", style=f"bold {colours.success}")
                    if item.done
                    else Text("  to do", style=colours.warning)
                )
            about = "" if item.minutes is None else f" · about {item.minutes} min"
            label = Text.assemble(
                (item.name, "bold"),
                status,
                "\n",
                (f"{plural(item.exercises, 'exercise')}{about}", colours.muted),
            )
            options.add_option(Option(label, id=item.id))
        if due:
            # Keep the highlight where it was; else on the first routine still to do.
            ids = [i.id for i in due]
            todo = [i.id for i in due if not i.done]
            options.highlighted = ids.index(was if was in ids else (todo or ids)[0])
        note = self.query_one("#due-note", Static)
        if not due:
            note.update("Nothing is scheduled today — rest is part of the plan.")
        elif all(i.done for i in due):
            note.update("Everything due today is done. Well done — rest well.")
        else:
            note.update("")
        note.display = bool(note.content)

    def _show_plan(self) -> None:
        """The highlighted routine's steps, in the plan panel (shown on wide terminals)."""
        panel = self.query_one("#plan", Static)
        options = self.query_one("#due-list", OptionList)
        option = options.highlighted_option
        item = next((i for i in self.data.due if option and i.id == option.id), None) if self.data else None
        if item is None:
            panel.border_title = "The plan"
            panel.update(Text("Nothing due today.", style=palette(self.app).muted))
            return
        panel.border_title = f"The plan · {item.name}"
        from tui.widgets.today_panels import plan_text

        panel.update(plan_text(item.description, item.steps, palette(self.app)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.data is not None:
            self._show_plan()

    def footer_keep(self) -> tuple[str, ...]:
        """``r`` starts the day's work: it stays at 80 columns, where f and g give way first."""
        return ("app.run",)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "morning":
            return self.data is not None and self.data.morning is not None
        return True

    def action_morning(self) -> None:
        self.rehab.runflow.morning()

    def action_psfs(self) -> None:
        from tui.screens.outcomes_flow import psfs

        self.run_worker(psfs(self.rehab), group="outcomes", exclusive=True)

    def action_grip(self) -> None:
        from tui.screens.outcomes_flow import grip

        self.run_worker(grip(self.rehab), group="outcomes", exclusive=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter`` on a routine starts it (the same as ``r`` and choosing it)."""
        event.stop()
        if event.option.id:
            self.rehab.runflow.start(event.option.id)
