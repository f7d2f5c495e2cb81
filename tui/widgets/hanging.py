"""Numbered or bulleted lines (instructions, cues, cautions) as a Rich grid."""

from __future__ import annotations

from rich.table import Table


def hanging(marks: list[str], lines: tuple[str, ...], style: str = "") -> Table:
    """Numbered or bulleted lines whose wrapped text stays indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=3, style=style)
    grid.add_column(ratio=1, style=style)
    for mark, line in zip(marks, lines):
        grid.add_row(mark, line)
    return grid
