"""What exists: exercises, routines and dose ladders — pure data and validation.

Imports only the standard library and python-dateutil. The loader and the scheduler
are imported lazily, on first use of :func:`load_catalogue`, :func:`is_due` or
:func:`due_days`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import (
    KINDS,
    MEASURES,
    MIN_INCREMENT,
    REGIONS,
    SIDES,
    UNITS,
    Catalogue,
    Dose,
    Exercise,
    Ladder,
    Phase,
    Routine,
    RoutineStep,
    format_load,
)

#: Marks this as rehab-tui's own package, not the unrelated ``catalogue`` on PyPI.
REHAB_TUI_PACKAGE = True

if TYPE_CHECKING:
    from .loader import CatalogueError, load_catalogue
    from .schedule import due_days, is_due

_LAZY = {
    "load_catalogue": "loader",
    "CatalogueError": "loader",
    "is_due": "schedule",
    "due_days": "schedule",
}

__all__ = [
    "REHAB_TUI_PACKAGE", "KINDS", "MEASURES", "MIN_INCREMENT", "REGIONS", "SIDES", "UNITS",
    "Catalogue", "Dose", "Exercise", "Ladder", "Phase", "Routine", "RoutineStep", "format_load",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
