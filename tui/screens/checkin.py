"""The symptom check-in (modal): pain, numbness, tingling and weakness 0–10 per region.

Used before and after a session, the next morning, and whenever the user wants to note how
they feel. It returns the ratings; the caller commits them before moving on.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import with_keys
from tui.widgets.checkin_grid import CheckinGrid
from tui.widgets.footer import KeyFooter

TITLES = {
    "before": "Before you start: how do your {parts} feel right now?",
    "after": "After the session: how do your {parts} feel now?",
    "next_morning": "Good morning: how do your {parts} feel after yesterday's session?",
    "ad_hoc": "Check-in: how do your {parts} feel right now?",
}


def body_parts(regions: Sequence[str]) -> str:
    """``neck, hands and arms`` for the regions asked about."""
    parts = [p for p, keys in (("neck", ("neck",)), ("hands", ("left_hand", "right_hand")),
                               ("arms", ("left_arm", "right_arm"))) if set(keys) & set(regions)]  # fmt: skip
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class CheckinScreen(ModalScreen[list[dict] | None]):
    CSS = """
    CheckinScreen #checkin-box {
        width: 96;
        max-width: 100%;
    }
    CheckinScreen #checkin-scale, CheckinScreen #checkin-keys {
        color: $text-muted;
        height: auto;
    }
    CheckinScreen #checkin-keys {
        margin-top: 1;
    }
    CheckinScreen CheckinGrid {
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("enter", "save", "Save", tooltip="Save these ratings", id="checkin.save"),
        Binding("escape", "skip", "Skip", tooltip="Skip this check-in (nothing is saved)", id="checkin.skip"),
    ]
    HELP_EXTRA = [("0–9", "Set the rating under the cursor and move on")]
    KEY_WIDGETS = (CheckinGrid,)

    def __init__(
        self,
        context: str,
        regions: Sequence[str],
        values: Mapping[str, Mapping[str, int]] | None = None,
        *,
        subtitle: str = "",
    ) -> None:
        super().__init__()
        self.context = context
        self.regions = list(regions)
        self.values = values or {}
        self.subtitle = subtitle

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin-box", classes="modal-box"):
            title = TITLES.get(self.context, TITLES["ad_hoc"]).format(parts=body_parts(self.regions))
            yield Static(title, classes="modal-title")
            scale = "0 = none · 10 = the worst you can imagine."
            if self.values:
                scale += " Filled in from your last check-in: change what differs."
            if self.subtitle:
                scale = f"{self.subtitle}\n{scale}"
            yield Static(scale, id="checkin-scale")
            yield CheckinGrid(self.regions, self.values, id="checkin-grid")
            yield Static(
                with_keys(
                    self.app,
                    "↑↓←→ move · 0–9 set and move on · {checkin.more} {checkin.fewer} adjust (10) · "
                    "{checkin.save} save · {checkin.skip} skip",
                ),
                id="checkin-keys",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(CheckinGrid).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(CheckinGrid).entries())

    def action_skip(self) -> None:
        self.dismiss(None)
