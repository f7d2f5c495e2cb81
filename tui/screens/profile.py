"""Profile (`p`): every answer of the first-run setup, editable, and when each one changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.profile_questions import QUESTIONS, answer_text
from tui.screens.base import DataScreen
from tui.theme import palette
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from journal.records import ProfileChangeRec, ProfileRec
    from tui.services import AppServices

#: How a kept change names its setting.
FIELD_NAMES = {
    "affected_side": "affected side", "symptom_areas": "areas with symptoms", "onset_kind": "symptom onset",
    "onset_date": "onset date", "cleared_for_strength": "cleared for strength work", "units": "units",
    "count_seconds": "length of one count", "bell": "bell", "voice": "voice", "effort_prompt": "effort prompt",
}  # fmt: skip


@dataclass(frozen=True)
class ProfileData:
    profile: "ProfileRec"
    changes: list["ProfileChangeRec"]


def change_value(field: str, value: str | None) -> str:
    if value is None or value == "":
        return "not set"
    if field in ("cleared_for_strength", "bell", "voice", "effort_prompt"):
        return "yes" if value == "1" else "no"
    if field == "onset_kind":
        return {"date": "a date", "over-6-weeks": "more than 6 weeks ago", "unknown": "not sure"}.get(value, value)
    if field == "count_seconds":
        return f"{float(value):g} s"
    return value.replace(",", ", ")


class ProfileScreen(DataScreen[ProfileData]):
    HELP_EXTRA = [("↑ ↓", "Choose a setting"), ("enter", "Change the highlighted setting")]
    BINDINGS = [
        Binding("enter", "edit", "Change", tooltip="Change the highlighted setting", id="profile.edit"),
        Binding("s", "setup", "Setup again", tooltip="Answer every setup question again", id="profile.setup"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: ProfileData | None = None

    def compose(self) -> ComposeResult:
        yield Static("Profile · about you", classes="screen-title")
        with Horizontal(id="profile-body"):
            settings = OptionList(id="profile-list", classes="panel")
            settings.border_title = "Your answers"
            yield settings
            with VerticalScroll(id="profile-changes", classes="panel") as changes:
                changes.border_title = "Changes, newest first"
                yield Static("Opening your journal…", id="changes", classes="muted")
        yield KeyFooter()

    def fetch(self, app: "AppServices") -> ProfileData:
        assert app.journal is not None
        return ProfileData(app.journal.profile(), app.journal.profile_changes())

    def show(self, data: ProfileData) -> None:
        self.data = data
        colours = palette(self.app)
        options = self.query_one("#profile-list", OptionList)
        keep = options.highlighted
        options.clear_options()
        for q in QUESTIONS:
            label = Text.assemble((f"{q.title}\n", "bold"), ("  " + answer_text(q.id, data.profile), colours.muted))
            options.add_option(Option(label, id=q.id))
        options.highlighted = keep if keep is not None else 0
        options.focus()
        self.query_one("#changes", Static).update(self._changes(data, colours))
        self.query_one("#changes", Static).remove_class("muted")

    @staticmethod
    def _changes(data: ProfileData, colours: Any) -> Any:
        profile = data.profile
        head = Text()
        if not profile.setup_done:
            head.append("Setup is not done yet: press s to answer the questions.\n\n", style=colours.warning)
        cleared = [c for c in data.changes if c.field == "cleared_for_strength"]
        if profile.cleared_for_strength:
            when = cleared[-1].changed_at[:10] if cleared else "before changes were kept"
            head.append(f"Cleared for strength work since {when}.\n\n", style="bold")
        else:
            head.append("Not cleared for strength work (strength and grip stay at their dose).\n\n")
        if not data.changes:
            head.append("No changes yet. Every change you make is kept here with its time.", style=colours.muted)
            return head
        table = Table.grid(padding=(0, 1))
        table.add_column(style=colours.muted, no_wrap=True)
        table.add_column(ratio=1)
        for change in reversed(data.changes[-200:]):
            table.add_row(
                change.changed_at[:16].replace("T", " "),
                f"{FIELD_NAMES.get(change.field, change.field)}: {change_value(change.field, change.old_value)}"
                f" → {change_value(change.field, change.new_value)}",
            )
        from rich.console import Group

        return Group(head, table)

    def highlighted_question(self) -> str | None:
        option = self.query_one("#profile-list", OptionList).highlighted_option
        return option.id if option else None

    def action_edit(self) -> None:
        qid = self.highlighted_question()
        if qid and self.data is not None:
            self.rehab.ask_profile([qid], first_run=False)

    def action_setup(self) -> None:
        if self.data is not None:
            self.rehab.ask_profile(None, first_run=not self.data.profile.setup_done)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()
