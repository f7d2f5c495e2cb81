"""Grip strength (modal, optional): up to 3 trials per hand from a hand dynamometer.

Type each reading (tab moves on); the best of a hand's trials is its value. A hand left empty
is not recorded. Every number is checked (above 0, at most 150 kg / 330.7 lb) before anything
is stored; ``u`` on the unit button switches kg and lb. ``enter`` saves, ``esc`` closes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.widgets.footer import KeyFooter

SIDES = ("left", "right")


class GripScreen(ModalScreen[dict | None]):
    """Dismisses with ``{"unit": "kg", "left": ["31.5", …], "right": […]}`` (checked) or None."""

    CSS = """
    GripScreen #grip-box {
        width: 72;
        max-width: 100%;
        height: auto;
    }
    GripScreen .grip-row {
        height: 3;
    }
    GripScreen .grip-side {
        width: 14;
        padding: 1 1 0 0;
    }
    GripScreen .grip-row Input {
        width: 1fr;
    }
    GripScreen #grip-help {
        color: $text-muted;
        height: auto;
    }
    GripScreen #grip-error {
        color: $text-error;
        height: auto;
    }
    GripScreen #grip-unit {
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("enter", "save", "Save", tooltip="Save the best trial of each hand", id="grip.save", priority=True),
        Binding("escape", "close", "Close", tooltip="Close without saving", id="grip.close"),
    ]  # fmt: skip
    HELP_EXTRA = [("tab", "Move to the next trial"), ("0–9 .", "Type a reading")]

    def __init__(self, unit: str = "kg") -> None:
        super().__init__()
        self.unit = unit if unit in ("kg", "lb") else "kg"

    def compose(self) -> ComposeResult:
        with Vertical(id="grip-box", classes="modal-box"):
            yield Static("Grip strength (hand dynamometer)", classes="modal-title")
            yield Static(
                "Squeeze as hard as you comfortably can, 3 times per hand, a short rest between. "
                "Leave a hand empty to skip it. The best trial counts.",
                id="grip-help",
            )
            for side in SIDES:
                with Horizontal(classes="grip-row"):
                    yield Static(f"{side.capitalize()} hand", classes="grip-side")
                    for n in range(1, 4):
                        yield Input(placeholder=f"trial {n}", id=f"grip-{side}-{n}", type="number", max_length=8)
            yield Button(self._unit_label(), id="grip-unit")
            yield Static("", id="grip-error")
        yield KeyFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False  # a steady cursor: easier to follow, and the same in every picture
        self.query_one("#grip-left-1", Input).focus()

    def _unit_label(self) -> str:
        return f"Unit: {self.unit} (press enter here to switch to {'lb' if self.unit == 'kg' else 'kg'})"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.unit = "lb" if self.unit == "kg" else "kg"
        event.button.label = self._unit_label()

    def action_save(self) -> None:
        from journal.errors import InvalidValue
        from journal.rules.outcomes import clean_grip

        if isinstance(self.focused, Button):
            self.focused.press()
            return
        found: dict = {"unit": self.unit}
        for side in SIDES:
            trials = [self.query_one(f"#grip-{side}-{n}", Input).value.strip() for n in range(1, 4)]
            trials = [t for t in trials if t]
            try:
                found[side] = [clean_grip(t, self.unit) for t in trials]
            except InvalidValue as err:
                self.query_one("#grip-error", Static).update(f"Not saved: {side} hand: {err}.")
                return
        if not found["left"] and not found["right"]:
            self.query_one("#grip-error", Static).update("Nothing to save: type at least one reading, or esc.")
            return
        self.dismiss(found)

    def action_close(self) -> None:
        self.dismiss(None)
