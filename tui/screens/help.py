"""Help (`?`): every key, screen by screen, built from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?", "exclamation_mark": "!", "plus": "+", "minus": "-", "space": "space",
    "enter": "enter", "escape": "esc", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "ctrl+p": "ctrl+p", "equals_sign": "=", "full_stop": ".",
}  # fmt: skip


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def rows_for(cls: type) -> list[tuple[str, str]]:
    """(keys, what it does) for a screen or app class: its bindings, then any HELP_EXTRA."""
    rows = []
    for item in cls.__dict__.get("BINDINGS", []):  # the class's own keys, not Screen's defaults
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.description:
            rows.append((key_label(binding), binding.tooltip or binding.description))
    rows += list(cls.__dict__.get("HELP_EXTRA", []))
    return rows


def help_table(sections: Iterable[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table(box=None, show_header=False, expand=True, pad_edge=False)
    table.add_column("key", style="bold", no_wrap=True, width=12)
    table.add_column("action", ratio=1)
    for title, rows in sections:
        if not rows:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        for key, what in rows:
            table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        app_cls = type(self.app)
        sections = [("Everywhere", rows_for(app_cls) + [("ctrl+p", "Command palette: every action by name")])]
        for title, screen_cls in getattr(app_cls, "HELP_SECTIONS", []):
            sections.append((title, rows_for(screen_cls)))
        with Vertical(id="help-box", classes="modal-box"):
            yield Static("Keys", classes="modal-title")
            with VerticalScroll():
                yield Static(help_table(sections))
            yield Static("One key per action; the mouse works too. esc closes.", classes="muted")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
