"""The red-flag checklist (`!`): tick what is happening, report it, or mark reports reviewed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal.rules.redflags import CHECKLIST, ITEMS, NOT_EXHAUSTIVE, SEVERITY, RedFlagItem, Stop
from tui.theme import Palette, palette
from tui.widgets.footer import KeyFooter

#: The severities by the names `suggest`, the report and the FHIR export use too.
TAGS = {name: name.upper() for name in SEVERITY}
#: What each tag asks of you, under the introduction ("URGENT: be seen by a doctor today").
LEGEND = " · ".join(
    f"{name.upper()}: {severity.todo.split(': ', 1)[1]}" for name, severity in SEVERITY.items()
)


def item_prompt(item: RedFlagItem, ticked: bool, colours: Palette) -> Table:
    """``[x] EMERGENCY  text…`` with the text wrapping under itself."""
    style = {"emergency": f"bold {colours.error}", "urgent": colours.error, "soon": colours.warning}
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(width=9, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(
        Text("[x]" if ticked else "[ ]", style="bold" if ticked else colours.muted),
        Text(TAGS[item.severity], style=style[item.severity]),
        Text(item.text, style="bold" if ticked else ""),
    )
    return grid


class Checklist(OptionList):
    """The red-flag items; ``space`` or ``enter`` ticks the highlighted one."""

    # enter is bound here too (not left to OptionList's select message) so a tick is in
    # place before the next key — `enter` then `r` reports what was just ticked.
    BINDINGS = [Binding("space,enter", "toggle", "Tick", tooltip="Tick or untick the highlighted sign", show=False, id="redflags.tick")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ticked: list[str] = []

    def on_mount(self) -> None:
        colours = palette(self.app)
        self.add_options([Option(item_prompt(i, False, colours), id=i.id) for i in CHECKLIST])
        self.highlighted = 0

    def action_toggle(self) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        if option.id in self.ticked:
            self.ticked.remove(option.id)
        else:
            self.ticked.append(option.id)
        self.replace_option_prompt(option.id, item_prompt(ITEMS[option.id], option.id in self.ticked, palette(self.app)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a mouse click
        self.action_toggle()


class RedFlagScreen(ModalScreen[dict | None]):
    """Answers ``{"report": [item ids]}``, ``{"review": True}`` or ``None`` (closed)."""

    CSS = """
    RedFlagScreen #redflag-box {
        width: 100;
        max-width: 100%;
        height: 90%;
        border: thick $error;
    }
    RedFlagScreen .modal-title {
        color: $text-error;
    }
    RedFlagScreen #redflag-intro, RedFlagScreen #redflag-open, RedFlagScreen #redflag-note {
        height: auto;
    }
    RedFlagScreen #redflag-open {
        color: $text-error;
        margin-bottom: 1;
    }
    RedFlagScreen #redflag-note {
        color: $text-muted;
        margin-top: 1;
    }
    RedFlagScreen Checklist {
        height: 1fr;
        border: round $error 50%;
        background: transparent;
    }
    """
    BINDINGS = [
        Binding("r", "report", "Report ticked", tooltip="Report what you ticked (it is saved in your journal)", id="redflags.report"),
        Binding("v", "review", "Mark reviewed", tooltip="Mark open reports reviewed (after a clinician saw you)", id="redflags.review"),
        Binding("escape", "close", "Close", tooltip="Close without reporting", id="redflags.close"),
    ]
    HELP_EXTRA = [("↑ ↓", "Move through the list")]
    KEY_WIDGETS = (Checklist,)

    def __init__(self, stop: Stop | None = None, *, suggest: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.stop = stop
        #: (item id, why): a sign the app has reason to ask about, ticked and explained.
        self.suggest = suggest if suggest and suggest[0] in ITEMS else None

    def compose(self) -> ComposeResult:
        with Vertical(id="redflag-box", classes="modal-box"):
            yield Static("Red-flag check", classes="modal-title")
            yield Static(
                "Is any of this happening to you? Tick it (space or enter) and press r: the app "
                "records it, tells you what to do, and pauses every increase until it is "
                "reviewed.\n" + LEGEND,
                id="redflag-intro",
            )
            if self.stop is not None:
                lines = "\n".join(f"• {text}" for text in self.stop.reported)
                yield Static(
                    f"Open reports ({self.stop.severity.title}):\n{lines}\n"
                    "Press v once a clinician has reviewed them (or if reported by mistake).",
                    id="redflag-open",
                )
            if self.suggest is not None:
                yield Static(f"{self.suggest[1]} It is ticked below: press r to report it, or "
                             "untick it (space) if it is not so.", id="redflag-open")  # fmt: skip
            yield Checklist(id="redflag-list")
            yield Static(NOT_EXHAUSTIVE, id="redflag-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        checklist = self.query_one(Checklist)
        checklist.focus()
        if self.suggest is not None:
            self.call_after_refresh(self._tick_suggested)

    def _tick_suggested(self) -> None:
        checklist = self.query_one(Checklist)
        ids = [item.id for item in CHECKLIST]
        checklist.highlighted = ids.index(self.suggest[0])
        if self.suggest[0] not in checklist.ticked:
            checklist.action_toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return self.stop is not None
        return True

    def action_report(self) -> None:
        ticked = list(self.query_one(Checklist).ticked)
        if not ticked:
            self.notify("Nothing is ticked: tick a sign with space or enter first.", timeout=5)
            return
        self.dismiss({"report": ticked})

    def action_review(self) -> None:
        if self.stop is not None:
            self.dismiss({"review": True})

    def action_close(self) -> None:
        self.dismiss(None)
