"""The app's screens by name: the modes (top-level screens) and help's sections, each imported
when first shown or read, so only Today is imported before the first frame."""

from __future__ import annotations

import importlib
from typing import Callable

from textual.screen import Screen


def lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A mode's screen, imported when the mode is first shown (not before the first frame)."""

    def make() -> Screen:
        return getattr(importlib.import_module(module), name)()

    make.__qualname__ = name
    return make


class HelpSections:
    """``RehabApp.HELP_SECTIONS``: (title, screen class) pairs, imported when help is read."""

    SECTIONS = (
        ("Today", "tui.screens.today", "TodayScreen"),
        ("Runner", "tui.runner.screen", "RunnerScreen"),
        ("Check-in", "tui.screens.checkin", "CheckinScreen"),
        ("Red flags", "tui.screens.redflags", "RedFlagScreen"),
        ("Journal", "tui.screens.journal", "JournalScreen"),
        ("A session's sets", "tui.screens.session_sets", "SessionScreen"),
        ("History", "tui.screens.history", "HistoryScreen"),
        ("Activities (PSFS)", "tui.screens.psfs", "PsfsScreen"),
        ("Grip strength", "tui.screens.grip", "GripScreen"),
        ("Catalogue", "tui.screens.catalogue", "CatalogueScreen"),
        ("Profile", "tui.screens.profile", "ProfileScreen"),
        ("Setup questions", "tui.screens.setup", "SetupScreen"),
        ("Your dose", "tui.screens.dose_edit", "DoseEditor"),
        ("Routines", "tui.screens.routines", "RoutinesScreen"),
        ("Changing a routine", "tui.screens.routine_edit", "RoutineEditor"),
        ("Adding an exercise", "tui.screens.routine_edit", "ExercisePicker"),
        ("Fixing a set", "tui.screens.set_edit", "SetEditor"),
        ("Choosing a routine", "tui.screens.picker", "RoutinePicker"),
        ("Yes or no questions", "tui.screens.confirm", "ConfirmScreen"),
        ("Safety notice", "tui.screens.safety", "SafetyNotice"),
        ("Help", "tui.screens.help", "HelpScreen"),
    )

    def __get__(self, obj: object, owner: type) -> list[tuple[str, type[Screen]]]:
        return [
            (title, getattr(importlib.import_module(module), name))
            for title, module, name in self.SECTIONS
        ]
