"""The safety notice: shown on first run, and again from the command palette."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.keys import with_keys
from tui.widgets.footer import KeyFooter

INTRO = (
    "rehab-tui helps you follow an exercise plan and keep a record of how your hands, arms and "
    "neck feel. It is not a clinician and this is not medical advice."
)
POINTS = (
    "Ask a doctor or physiotherapist before you start — especially if your symptoms began "
    "recently. Early on, gentle range-of-motion work usually comes before strengthening.",
    "Exercise should not make numbness, tingling or weakness spread or get worse. If it does, "
    "stop, rest, and tell your clinician.",
    "Get emergency care at once for: new loss of bladder or bowel control, numbness in the groin "
    "or inner thighs, sudden weakness in arms or legs, trouble walking, or neck pain with chest "
    "pain, a sudden severe headache, double vision or fainting.",
    "Press {app.redflags} at any time for the red-flag checklist.",
)
OUTRO = "Your journal stays on this computer, in a file only you can read."


def notice(app: object = None) -> Group:
    """The notice's text; with ``app``, keys named as the user has them."""
    points = Table.grid(padding=(0, 1))
    points.add_column(width=1)
    points.add_column(ratio=1)
    for point in POINTS:
        points.add_row("•", with_keys(app, point) if app is not None else point.replace("{app.redflags}", "!"))
    return Group(Text(INTRO), Text(), points, Text(), Text(OUTRO))


class SafetyNotice(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter", "accept", "I understand", tooltip="I have read it (asked once, on the first start)", id="safety.accept"),
        Binding("escape", "close", "Close", tooltip="Close it when read again from the palette", id="safety.close", show=False),
    ]

    def __init__(self, reread: bool = False) -> None:
        super().__init__()
        self.reread = reread

    def compose(self) -> ComposeResult:
        with Vertical(id="safety-box", classes="modal-box"):
            yield Static("Before you start", classes="modal-title")
            with VerticalScroll(id="safety-text"):
                yield Static(notice(self.app))
            with Horizontal(classes="modal-buttons"):
                yield Button(with_keys(self.app, "I understand ({safety.accept})"), id="accept", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        # First run: the notice must be acknowledged; later it can just be closed.
        if self.reread:
            self.dismiss(False)
