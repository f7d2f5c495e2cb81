"""Today: what is due, how the last check-ins looked, and the safety line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.base import DataScreen
from tui.theme import palette
from tui.widgets.history_summary import HistorySummary
from tui.widgets.symptoms import symptom_table

if TYPE_CHECKING:
    from catalogue import Routine
    from journal.records import CheckinRec
    from tui.app import RehabApp

SAFETY_LINE = (
    "Not medical advice. Stop if symptoms spread, worsen or linger; for sudden weakness, "
    "loss of bladder or bowel control, or chest pain, call your local emergency number."
)


@dataclass(frozen=True)
class DueRoutine:
    routine: "Routine"
    minutes: int
    exercises: int
    done: bool


@dataclass(frozen=True)
class TodayData:
    day: date
    due: list[DueRoutine]
    latest: list["CheckinRec"]
    empty_journal: bool


def friendly_day(day: date, today: date) -> str:
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 7:
        return day.strftime("%A")
    return day.strftime("%d %b %Y").lstrip("0")


class TodayScreen(DataScreen[TodayData]):
    """Routines due today by their schedule, the last symptoms, the streak and suggestions."""

    HELP_EXTRA = [("↑ ↓", "Move between today's routines")]

    def compose(self) -> ComposeResult:
        with Vertical(id="today"):
            yield Static("Today", id="today-title", classes="screen-title")
            with Horizontal(id="today-body"):
                with Vertical(id="due-panel", classes="panel"):
                    yield Static("Due today", classes="panel-title")
                    yield OptionList(id="due-list")
                    yield Static("", id="due-note", classes="muted")
                with Vertical(id="symptoms-panel", classes="panel"):
                    yield Static("Last symptoms", classes="panel-title")
                    yield Static("Opening your journal…", id="symptoms", classes="muted")
            yield HistorySummary(id="today-history")
            yield Static(SAFETY_LINE, id="safety-line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#today-title", Static).update(self._title(self.rehab.today()))
        super().on_mount()

    @staticmethod
    def _title(day: date) -> Text:
        return Text.assemble(("Today", "bold"), ("  ·  " + day.strftime("%A %d %B %Y").replace(" 0", " "), ""))

    def fetch(self, app: "RehabApp") -> TodayData:
        from catalogue import is_due
        from journal.doses import routine_seconds

        journal, catalogue = app.journal, app.catalogue
        assert journal is not None and catalogue is not None
        today = app.today()
        done = {s.routine_id for s in journal.sessions(since=today, until=today, status="completed")}
        current = journal.current_doses()
        count = app.profile.count_seconds if app.profile else 1.0
        due = [
            DueRoutine(
                routine=r,
                minutes=max(1, round(routine_seconds(r, catalogue, current, count) / 60)),
                exercises=len(r.steps),
                done=r.id in done,
            )
            for r in catalogue.routines.values()
            if is_due(r, today)
        ]
        latest = journal.latest_checkins()
        return TodayData(today, due, latest, empty_journal=not journal.has_data())

    def show(self, data: TodayData) -> None:
        self.query_one("#today-title", Static).update(self._title(data.day))
        colours = palette(self.app)
        options = self.query_one("#due-list", OptionList)
        options.clear_options()
        for item in data.due:
            status = (
                Text("  done ✓", style=f"bold {colours.success}")
                if item.done
                else Text("  to do", style=colours.warning)
            )
            label = Text.assemble(
                (item.routine.name, "bold"),
                status,
                "\n",
                (f"{item.exercises} exercises · about {item.minutes} min", colours.muted),
            )
            options.add_option(Option(label, id=item.routine.id))
        note = self.query_one("#due-note", Static)
        if not data.due:
            note.update("Nothing is scheduled today — rest is part of the plan.")
        elif all(i.done for i in data.due):
            note.update("Everything due today is done. Well done — rest well.")
        else:
            note.update("")
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
