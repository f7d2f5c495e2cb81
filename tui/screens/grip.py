"""Grip strength (modal, optional): up to 3 trials per hand from a hand dynamometer.

Type each reading and press ``enter``: the next trial's field takes the next number (left 1–3,
then right 1–3), so "32 enter 30 enter 31 enter" typed as fast as you like lands in three
trials; ``enter`` in the last field, or ``s`` anywhere, saves. The best of a hand's trials is its
value; a hand left empty is not recorded. Every number is checked (above 0, at most 150 kg /
330.7 lb) before anything is stored; ``enter`` on the unit button switches kg and lb. ``esc``
closes.

Typing ahead: each key is handed to the field that has focus when the app reads it, and that
field types it a moment later. So ``enter`` moves the focus at once (not when the field gets
round to it), ``tab`` too, and saving waits until every field has typed what was sent to it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tui.keys import run_binding_now
from tui.widgets.footer import KeyFooter

SIDES = ("left", "right")


class TrialField(Input):
    """A reading's field: it takes what a number is written with and leaves every other key
    (``s`` saves) to the dialog; a plain Input keeps any printable key for itself."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in "0123456789.-+eE"

    async def on_key(self, event: Key) -> None:
        """Its other keys (backspace, ←, …) run here, at once, not after the digits behind them."""
        if not self.check_consume_key(event.key, event.character):
            await run_binding_now(self, event)


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
        Binding("enter", "next", "Next trial", tooltip="The next trial's field (left 1–3, then right 1–3)", id="grip.next", priority=True),
        Binding("enter", "unit", "Switch unit", tooltip="Switch between kg and lb", id="grip.unit", priority=True),
        Binding("enter,s", "save", "Save", tooltip="Save the best trial of each hand", id="grip.save", priority=True),
        Binding("escape", "close", "Close", tooltip="Close without saving", id="grip.close"),
        # Like enter: the focus moves as the key is read, so what is typed next lands in the next field.
        Binding("tab", "app.focus_next", show=False, priority=True, id="grip.next_field"),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="grip.previous_field"),
    ]  # fmt: skip
    HELP_EXTRA = [("0–9 .", "Type a reading"), ("tab", "Move to the next field without typing")]

    def __init__(self, unit: str = "kg") -> None:
        super().__init__()
        self.unit = unit if unit in ("kg", "lb") else "kg"
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="grip-box", classes="modal-box"):
            yield Static("Grip strength (hand dynamometer)", classes="modal-title")
            yield Static(
                "Squeeze as hard as you comfortably can, 3 times per hand, a short rest between. "
                "Type each reading, then enter for the next trial; s saves. Leave a hand empty to "
                "skip it. The best trial counts.",
                id="grip-help",
            )
            for side in SIDES:
                with Horizontal(classes="grip-row"):
                    yield Static(f"{side.capitalize()} hand", classes="grip-side")
                    for n in range(1, 4):
                        yield TrialField(placeholder=f"trial {n}", id=f"grip-{side}-{n}", type="number", max_length=8)
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

    def _fields(self) -> list[Input]:
        return [self.query_one(f"#grip-{side}-{n}", Input) for side in SIDES for n in range(1, 4)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``enter``: the next trial in a field (the last saves), the unit on its button."""
        fields = self._fields() if self.is_mounted else []
        if action == "next":
            return self.focused in fields[:-1]
        if action == "unit":
            return isinstance(self.focused, Button)
        return True

    def action_next(self) -> None:
        fields = self._fields()
        if self.focused in fields[:-1]:
            # At once, so the keys typed after this enter go to the next field.
            self.set_focus(fields[fields.index(self.focused) + 1])
            self.refresh_bindings()

    def action_unit(self) -> None:
        if isinstance(self.focused, Button):
            self.focused.press()

    def action_save(self) -> None:
        """Save once every field has typed the keys sent to it (a call queued behind them)."""
        if self._saving:
            return
        self._saving = True
        fields = self._fields()

        def after(i: int) -> None:
            if i < len(fields):
                fields[i].call_later(after, i + 1)
            else:
                self.call_later(self._save)

        after(0)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # enter: "Next trial", "Save" or "Switch unit"

    def _save(self) -> None:
        from journal.errors import InvalidValue
        from journal.rules.outcomes import clean_grip

        self._saving = False
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
