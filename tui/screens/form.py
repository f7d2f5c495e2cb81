"""What the editing modals share: enter in a field saves, the Save and Cancel buttons, and a
problem shown in one line with the focus on the field it names."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

T = TypeVar("T")


class FormModal(ModalScreen[T]):
    """A modal form with an ``#edit-error`` line; subclasses define ``action_save``."""

    def action_save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def show_problem(self, field: str, message: str) -> None:
        """Say what is wrong in one line and move to the field (when it is on the form)."""
        self.query_one("#edit-error", Static).update(message)
        if self.query(f"#f-{field}"):
            self.query_one(f"#f-{field}").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
