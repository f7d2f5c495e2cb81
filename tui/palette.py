"""The command palette (ctrl+p): the app's places and actions, and the current screen's keys."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.app import RehabApp


def app_commands(app: "RehabApp", screen: Screen) -> Iterable[SystemCommand]:
    """The app's own palette entries, then the current screen's keys by name."""
    yield SystemCommand("Today", "Routines due today and your last symptoms", lambda: app.action_go("today"))
    yield SystemCommand("Run a routine", "Pick a routine and start it (or resume the one in progress)", app.action_run)
    yield SystemCommand("Red-flag check", "Warning signs that mean stop and get care", app.action_red_flags)
    yield SystemCommand("Morning check-in", "Rate how you feel the morning after a session", app.runflow.morning)
    yield SystemCommand("Symptom check-in", "Rate pain, numbness, tingling and weakness now", app.runflow.ad_hoc)
    yield SystemCommand("Journal", "Every session and set: fix or delete a set, export CSV", lambda: app.action_go("journal"))
    yield SystemCommand("Export journal to CSV", "Write sessions, sets and symptoms as CSV files", app.action_export)
    yield SystemCommand("History", "Streaks, adherence, charts and progression suggestions", lambda: app.action_go("history"))
    yield SystemCommand("Catalogue", "Every exercise with instructions and your dose", lambda: app.action_go("catalogue"))
    yield SystemCommand("Routines", "Built-in routines and yours: make, change or delete one", lambda: app.action_go("routines"))
    yield SystemCommand("Profile", "Your side, areas, onset, clearance, units, count length, bell", lambda: app.action_go("profile"))
    yield SystemCommand("Help", "Every key, screen by screen", app.action_help)
    yield SystemCommand("Safety notice", "Read the safety notice again", app._reread_safety)
    yield from screen_commands(app, screen)


def screen_commands(app: "RehabApp", screen: Screen) -> Iterable[SystemCommand]:
    """The keys of the screen the palette was opened on, by name ("Runner: Log set")."""
    from textual.actions import parse

    from tui.screens.help import key_label

    title = next((t for t, cls in app.HELP_SECTIONS if type(screen) is cls), None)
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
            f"{binding.tooltip or binding.description} (key: {key_label(binding, app._keymap)})",
            partial(app.call_later, screen.run_action, binding.action),
        )
