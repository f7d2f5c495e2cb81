"""A small modal question answered with one key (or a click): resume?, start anyway?, …"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.keys import KEY_NAMES
from tui.widgets.footer import KeyFooter


@dataclass(frozen=True)
class Choice:
    key: str  # a Textual key name: "enter", "y", "escape", …
    label: str
    value: Any
    variant: str = "default"  # Button variant: default | primary | success | warning | error


class ChoiceScreen(ModalScreen[Any]):
    """Shows a title, a body and one button per choice; each choice has its own key.

    ``escape`` always answers ``None`` unless a choice claims it.
    """

    CSS = """
    ChoiceScreen .modal-box {
        width: 84;
        max-width: 100%;
    }
    ChoiceScreen.-danger .modal-box {
        border: thick $error;
    }
    ChoiceScreen.-danger .modal-title {
        color: $text-error;
    }
    ChoiceScreen #choice-body {
        height: auto;
    }
    ChoiceScreen .modal-buttons Button {
        margin-left: 1;
        min-width: 8;
        width: auto;
    }
    """

    def __init__(
        self,
        title: str,
        body: RenderableType,
        choices: Sequence[Choice],
        *,
        danger: bool = False,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name, classes="-danger" if danger else None)
        self.title_text = title
        self.body = body
        self.choices = list(choices)
        # Shown in the footer (and clickable there); the keys themselves are handled in on_key.
        for i, choice in enumerate(self.choices):
            self._bindings.bind(choice.key, f"choose({i})", choice.label, key_display=KEY_NAMES.get(choice.key))

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(self.title_text, classes="modal-title")
            yield Static(self.body, id="choice-body")
            with Horizontal(classes="modal-buttons"):
                for i, choice in enumerate(self.choices):
                    key = KEY_NAMES.get(choice.key, choice.key)
                    button = Button(f"{choice.label} ({key})", id=f"choice-{i}", variant=choice.variant)  # type: ignore[arg-type]
                    button.can_focus = False
                    yield button
        yield KeyFooter()

    def action_choose(self, index: int) -> None:
        self.dismiss(self.choices[index].value)

    def on_key(self, event: Key) -> None:
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                event.prevent_default()
                self.dismiss(choice.value)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "choice-0").split("-")[1])
        self.dismiss(self.choices[index].value)
