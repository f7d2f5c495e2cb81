"""The rehab-tui terminal app and its command line."""

REHAB_TUI_PACKAGE = True
__version__ = "0.1.0"
