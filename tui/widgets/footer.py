"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer throws its keys away and builds them anew every time a screen's bindings
*may* have changed: on every focus change, every ``refresh_bindings()``, every screen switch.
On Today that happened twice before the first frame (once when the screen resumed, once when
the routine list took focus), a quarter of the time to first paint, for the same row of keys.
This one remembers what it last built and skips a rebuild that would draw the same keys.

Each new key also started out compact and was then told it is not (restyling it twice); here
it starts out as the footer is. It looks exactly like Textual's (same class name, so every
``Footer`` style applies).
"""

from __future__ import annotations

from typing import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _built: Hashable = None

    def _shown(self) -> Hashable:
        """Everything the keys are built from; equal values draw an equal footer."""
        get_display = self.app.get_key_display
        keys = tuple(
            (
                binding.key, binding.action, binding.description, binding.show,
                binding.key_display, get_display(binding), enabled, tooltip, binding.tooltip,
                (binding.group.description, binding.group.compact) if binding.group else None,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )  # fmt: skip
        return keys, self.show_command_palette, self.combine_groups

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # The keys bound to the footer's `compact` (not the command palette's, which keeps its
            # own): as data_bind will make them, without restyling them on the way.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached or not self._bindings_ready:
            await super().recompose()
            return
        shown = self._shown()
        if shown == self._built and self.children:
            return
        self._built = shown
        await super().recompose()
