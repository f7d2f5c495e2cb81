"""DataTable columns that fit the terminal: one layout below 100 columns, another above."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.widgets import DataTable

#: (key, label, width) — width None sizes the column to its content.
Column = tuple[str, str, "int | None"]
NARROW_BELOW = 100


def is_narrow(width: int) -> bool:
    return width < NARROW_BELOW


def set_columns(table: DataTable, columns: Sequence[Column]) -> None:
    """Replace every column (and so every row) of ``table`` with ``columns``."""
    table.clear(columns=True)
    for key, label, width in columns:
        table.add_column(label, width=width, key=key)


class RowTable(DataTable):
    """A row-cursor table where `home`/`end` go to the first/last row (one key, no ctrl+)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", tooltip="Go to the first row", show=False, id="table.first"),
        Binding("end", "scroll_bottom", "Last row", tooltip="Go to the last row", show=False, id="table.last"),
    ]

    def __init__(self, **kwargs) -> None:  # noqa: ANN003 - DataTable's keyword arguments
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
