"""A Static whose text is black or white, whichever reads best on its own background.

For the lines that must always be read — the safety line, the STOP banner — on a tinted
background from the theme: every built-in theme, ANSI ones included, gives at least 4.5:1
(``tests/tui/test_contrast.py``). The colour follows theme changes.
"""

from __future__ import annotations

from textual.widgets import Static


class ReadableStatic(Static):
    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.call_after_refresh(self.recolour), init=False)
        self.call_after_refresh(self.recolour)

    def recolour(self) -> None:
        from tui.theme import best_text

        colour = best_text(self.background_colors[1])
        if self.styles.color != colour:
            self.styles.color = colour
