"""Digits that grow: Textual's 3-line Digits, or a block font when there is room.

The runner's timer should be readable from across the room. With the ``-big`` class the
widget draws each digit as a seven-segment figure of full blocks (8 columns × 5 lines); with
``-huge`` as well, twice that (16 × 10); otherwise it is an ordinary
:class:`~textual.widgets.Digits`.
"""

from __future__ import annotations


from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Digits

#: Segments lit for each character: a top, b upper right, c lower right, d bottom,
#: e lower left, f upper left, g middle.
SEGMENTS = {
    "0": "abcdef", "1": "bc", "2": "abdeg", "3": "abcdg", "4": "bcfg", "5": "acdfg",
    "6": "acdefg", "7": "abc", "8": "abcdefg", "9": "abcdfg", "-": "g", " ": "",
}  # fmt: skip
WIDTH, HEIGHT = 8, 5


def glyph(char: str) -> list[str]:
    """Five lines drawing ``char`` in full blocks (a colon is narrower)."""
    if char == ":":
        return ["  ", "██", "  ", "██", "  "]
    on = set(SEGMENTS.get(char, ""))
    rows = []
    for row in range(HEIGHT):
        line = []
        for col in range(WIDTH):
            left, right = col < 2, col >= WIDTH - 2
            lit = False
            if row == 0:
                lit = "a" in on or (left and "f" in on) or (right and "b" in on)
            elif row == 1:
                lit = (left and "f" in on) or (right and "b" in on)
            elif row == 2:
                lit = ("g" in on) or (left and ("f" in on and "e" in on)) or (right and ("b" in on and "c" in on))
            elif row == 3:
                lit = (left and "e" in on) or (right and "c" in on)
            else:
                lit = "d" in on or (left and "e" in on) or (right and "c" in on)
            line.append("█" if lit else " ")
        rows.append("".join(line))
    return rows


def big_text(value: str, scale: int = 1) -> list[str]:
    """The lines drawing ``value``; ``scale`` 2 doubles every block across and down."""
    glyphs = [glyph(c) for c in value]
    lines = ["  ".join(g[row] for g in glyphs) for row in range(HEIGHT)] if glyphs else [""] * HEIGHT
    return ["".join(ch * scale for ch in line) for line in lines for _ in range(scale)]


class BigDigits(Digits):
    """A :class:`Digits` that draws a 5-line block font while it has the ``-big`` class."""

    def _big(self) -> bool:
        return self.has_class("-big") and all(c in SEGMENTS or c == ":" for c in self.value)

    @property
    def scale(self) -> int:
        return 2 if self.has_class("-huge") else 1

    def render(self) -> RenderResult:
        if not self._big():
            return super().render()
        # Plain text, placed by the widget's own text-align: wrapped in Rich's Align, it was
        # sometimes measured by its content and drawn at the left (seen in snapshots).
        return Text("\n".join(big_text(self.value, self.scale)), style=self.rich_style, no_wrap=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if not self._big():
            return super().get_content_width(container, viewport)
        return len(big_text(self.value, self.scale)[0])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT * self.scale if self._big() else 3
