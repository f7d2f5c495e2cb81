"""Choose a routine to run (`r`): due ones first, with how long each takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.keys import with_keys
from tui.theme import palette
from tui.widgets.footer import KeyFooter
from tui.words import plural


@dataclass(frozen=True)
class RoutineChoice:
    id: str
    name: str
    description: str
    minutes: int
    exercises: int
    due: bool
    done: bool


class RoutinePicker(ModalScreen[str | None]):
    CSS = """
    RoutinePicker #picker-box {
        width: 90;
        max-width: 100%;
    }
    RoutinePicker OptionList {
        height: auto;
        max-height: 20;
        border: none;
        background: transparent;
    }
    RoutinePicker #picker-keys {
        color: $text-muted;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without starting", id="picker.cancel"),
    ]
    HELP_EXTRA = [("↑ ↓", "Choose a routine"), ("enter", "Start it")]

    def __init__(self, choices: Sequence[RoutineChoice]) -> None:
        super().__init__()
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        colours = palette(self.app)
        with Vertical(id="picker-box", classes="modal-box"):
            yield Static("Run a routine", classes="modal-title")
            options = []
            for c in self.choices:
                status = (
                    Text("  done today ✓", style=colours.success) if c.done
                    else Text("  due today", style=f"bold {colours.warning}") if c.due
                    else Text("  not scheduled today", style=colours.muted)
                )  # fmt: skip
                label = Text.assemble(
                    (c.name, "bold"), status, "\n",
                    (f"{plural(c.exercises, 'exercise')} · about {c.minutes} min · {c.description}", colours.muted),
                )  # fmt: skip
                options.append(Option(label, id=c.id))
            yield OptionList(*options, id="picker-list")
            yield Static(with_keys(self.app, "↑↓ choose · enter start · {picker.cancel} cancel"), id="picker-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
