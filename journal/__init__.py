"""What happened: the rehab-tui journal (SQLite), its history and progression logic.

Imports catalogue, never tui or textual. Heavy modules (SQLAlchemy) load only when used:
``journal.store.paths`` and ``journal.status`` work with the standard library alone.
"""

REHAB_TUI_PACKAGE = True
