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


def digits_width(value: str) -> int:
    """Columns Textual's 3-line Digits needs for ``value`` (3 a character, roughly)."""
    return 3 * len(value)


class BigDigits(Digits):
    """A :class:`Digits` that draws a 5-line block font while it has the ``-big`` class.

    The face is the largest that fits the widget's width: ``-huge`` allows twice the block
    font, ``-big`` the block font; then the 3-line digits; then plain text. A clock is never
    wrapped or clipped (``tests/tui/test_runner_sizes.py``).
    """

    def _drawable(self) -> bool:
        return all(c in SEGMENTS or c == ":" for c in self.value)

    def face_for(self, width: int) -> int:
        """2 or 1: the block font at that scale; 0: Textual's Digits; -1: plain text."""
        if not self.value:
            return -1
        top = 2 if self.has_class("-huge") else 1 if self.has_class("-big") else 0
        if self._drawable():
            for scale in range(top, 0, -1):
                if len(big_text(self.value, scale)[0]) <= width:
                    return scale
        return 0 if digits_width(self.value) <= width else -1

    @property
    def face(self) -> int:
        return self.face_for(self.content_size.width or self.size.width)

    @property
    def scale(self) -> int:
        return max(self.face, 1)

    def face_lines(self, width: int) -> list[str]:
        face = self.face_for(width)
        if face >= 1:
            return big_text(self.value, face)
        return [self.value]

    def render(self) -> RenderResult:
        face = self.face
        if face == 0:
            return super().render()
        # Plain text, placed by the widget's own text-align: wrapped in Rich's Align, it was
        # sometimes measured by its content and drawn at the left (seen in snapshots).
        lines = big_text(self.value, face) if face > 0 else [self.value]
        return Text("\n".join(lines), style=self.rich_style, no_wrap=True, overflow="crop")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        face = self.face_for(container.width)
        if face == 0:
            return super().get_content_width(container, viewport)
        return len(big_text(self.value, face)[0]) if face > 0 else len(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        face = self.face_for(width)
        return HEIGHT * face if face > 0 else 3 if face == 0 else 1
