"""A Static whose text always reads on its own background: 4.5:1 at least (WCAG AA).

For the lines that must always be read — the safety line, the STOP banner, a warning dialog —
under every built-in theme, ANSI ones included (``tests/tui/test_contrast.py``). By default the
text is black or white, whichever contrasts more; with ``keep_hue`` the theme's own colour is
lightened or darkened just enough. The colour follows theme changes.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class ReadableStatic(Static):
    def __init__(self, *args: Any, keep_hue: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_hue = keep_hue

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.call_after_refresh(self.recolour)

    def _theme_changed(self, _theme: object) -> None:
        self.styles.clear_rule("color")  # back to the theme's colour, then adjust that
        self.call_after_refresh(self.recolour)

    def recolour(self) -> None:
        from textual.color import Color

        from tui.theme import best_text, readable

        background = self.background_colors[1]
        if self.keep_hue:
            drawn = self.rich_style.color  # the colour the text is drawn in (inherited or its own)
            own = Color.from_rich_color(drawn) if drawn is not None else self.styles.color
            colour = Color.parse(readable(own.hex6, [background.hex6]))
        else:
            colour = best_text(background)
        if self.styles.color != colour:
            self.styles.color = colour
            self.refresh()
