"""A grid of symptom ratings (regions × pain, numbness, tingling, weakness), 0–10, one key each.

Arrows move the cursor; a digit sets the value under it and moves on to the next cell, so a
region is rated with four digits; ``+``/``-`` adjust by one (so 10 is reachable).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.reactive import reactive
from textual.widget import Widget

from journal.records import SYMPTOMS
from tui.keys import run_binding_now
from tui.theme import palette
from tui.widgets.symptoms import REGION_LABELS

SYMPTOM_LABELS = {"pain": "Pain", "numbness": "Numbness", "tingling": "Tingling", "weakness": "Weakness"}


class CheckinGrid(Widget, can_focus=True):
    DEFAULT_CSS = """
    CheckinGrid {
        height: auto;
        width: 100%;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", tooltip="The region above", show=False, id="checkin.up"),
        Binding("down", "move(1, 0)", "Down", tooltip="The region below", show=False, id="checkin.down"),
        Binding("left", "move(0, -1)", "Left", tooltip="The rating to the left", show=False, id="checkin.left"),
        Binding("right,tab", "move(0, 1)", "Right", tooltip="The rating to the right", show=False, id="checkin.right"),
        Binding("plus,equals_sign", "adjust(1)", "+1", tooltip="Raise the rating by one (reaches 10)", show=False, id="checkin.more"),
        Binding("minus,underscore", "adjust(-1)", "−1", tooltip="Lower the rating by one", show=False, id="checkin.fewer"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(
        self,
        regions: Sequence[str],
        values: Mapping[str, Mapping[str, int]] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.regions = list(regions)
        self.values: dict[str, dict[str, int]] = {
            r: {s: int((values or {}).get(r, {}).get(s, 0)) for s in SYMPTOMS} for r in self.regions
        }

    # ---- editing ------------------------------------------------------------------------
    def set_value(self, row: int, col: int, value: int) -> None:
        self.values[self.regions[row]][SYMPTOMS[col]] = max(0, min(10, value))
        self.refresh(layout=True)

    def action_move(self, rows: int, cols: int) -> None:
        """Arrows; left/right (and a digit) run on through the grid row by row."""
        row, col = self.cursor
        width = len(SYMPTOMS)
        if cols:
            flat = max(0, min(len(self.regions) * width - 1, row * width + col + cols))
            row, col = divmod(flat, width)
        row = max(0, min(len(self.regions) - 1, row + rows))
        self.cursor = (row, col)

    def action_adjust(self, delta: int) -> None:
        row, col = self.cursor
        self.set_value(row, col, self.values[self.regions[row]][SYMPTOMS[col]] + delta)

    async def on_key(self, event: Key) -> None:
        """Digits here; every other bound key (arrows, +/-, enter) runs here too, at once, so a
        burst like "down 5" moves before it sets (see tui.keys.run_binding_now)."""
        if event.character and event.character.isdecimal():  # "²" is a digit int() refuses
            event.stop()
            event.prevent_default()
            row, col = self.cursor
            self.set_value(row, col, int(event.character))
            self.action_move(0, 1)
        else:
            await run_binding_now(self, event)

    def watch_cursor(self) -> None:
        self.refresh()

    def entries(self) -> list[dict[str, int | str]]:
        """What to record: one entry per region."""
        return [{"region": r, **self.values[r]} for r in self.regions]

    # ---- drawing ------------------------------------------------------------------------
    def render(self) -> Table:
        colours = palette(self.app)
        width = self.size.width or 80
        cells = 10 if width >= 80 else 5 if width >= 56 else 0  # bar length, by room
        table = Table(box=None, expand=True, pad_edge=False, header_style="bold", show_edge=False)
        table.add_column("Region", no_wrap=True, width=11)
        for s in SYMPTOMS:
            table.add_column(SYMPTOM_LABELS[s], no_wrap=True, justify="left")
        for r_i, region in enumerate(self.regions):
            cells_row: list[Text | str] = [REGION_LABELS.get(region, region)]
            for c_i, s in enumerate(SYMPTOMS):
                value = self.values[region][s]
                cell = Text()
                if cells:
                    cell.append_text(bar(value, cells, colours.score(value), colours.muted))
                    cell.append(" ")
                cell.append(f"{value:>2}", style=f"bold {colours.score(value)}")
                if self.has_focus and self.cursor == (r_i, c_i):
                    cell.stylize("reverse")
                cells_row.append(cell)
            table.add_row(*cells_row)
        return table


def bar(value: int, cells: int, style: str, empty_style: str) -> Text:
    """0–10 as a bar of ``cells`` characters (half blocks when there are 5)."""
    text = Text()
    if cells >= 10:
        text.append("■" * value, style=style)
        text.append("·" * (10 - value), style=empty_style)
        return text
    full, half = divmod(value, 2)
    text.append("█" * full + "▌" * half, style=style)
    text.append("·" * (cells - full - half), style=empty_style)
    return text
