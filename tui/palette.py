"""The command palette (`ctrl+p`): every global action by name, then the keys of the screen it
was opened on ("Runner: Log set"), then Textual's own commands (theme, quit, ...).

A mixin of ``tui.app.RehabApp``: the actions it names are the app's.
"""

from __future__ import annotations

from functools import partial
from typing import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


class PaletteCommands:
    """``get_system_commands`` for the app (placed before ``App`` in its bases)."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Today", "Routines due today and your last symptoms", lambda: self.action_go("today"))
        yield SystemCommand("Run a routine", "Pick a routine and start it (or resume the one in progress)", self.action_run)
        yield SystemCommand("Red-flag check", "Warning signs that mean stop and get care", self.action_red_flags)
        yield SystemCommand("Morning check-in", "Rate how you feel the morning after a session", self.runflow.morning)
        yield SystemCommand("Symptom check-in", "Rate pain, numbness, tingling and weakness now", self.runflow.ad_hoc)
        yield SystemCommand("Journal", "Every session and set: fix or delete a set, export CSV", lambda: self.action_go("journal"))
        yield SystemCommand("Export journal to CSV", "Write sessions, sets and symptoms as CSV files", self.action_export)
        yield SystemCommand("History", "Streaks, adherence, charts and progression suggestions", lambda: self.action_go("history"))
        yield SystemCommand("Catalogue", "Every exercise with instructions and your dose", lambda: self.action_go("catalogue"))
        yield SystemCommand("Help", "Every key, screen by screen", self.action_help)
        yield SystemCommand("Safety notice", "Read the safety notice again", self._reread_safety)
        yield from self.screen_commands(screen)
        yield from super().get_system_commands(screen)

    def screen_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The keys of the screen the palette was opened on, by name ("Runner: Log set")."""
        from textual.actions import parse

        from tui.keys import key_label

        title = next((t for t, cls in self.HELP_SECTIONS if type(screen) is cls), None)
        if title is None:
            return
        for binding in type(screen).__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            _ns, name, params = parse(binding.action)
            if screen.check_action(name, params) is False:
                continue
            yield SystemCommand(
                f"{title}: {binding.description}",
                f"{binding.tooltip or binding.description} (key: {key_label(binding, self._keymap)})",
                partial(self.call_later, screen.run_action, binding.action),
            )
