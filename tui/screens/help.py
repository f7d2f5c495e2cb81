"""Help (`?`): every key, screen by screen, built from the bindings themselves.

Each row shows the key as it is now (after any remapping in config.toml), what it does, and
the binding's id — the name to use in config.toml's ``[keymap]`` table.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.keys import (  # noqa: F401 - also importable from here, as before
    KEY_NAMES,
    all_bindings,
    key_label,
    key_scopes,
    own_bindings,
    rows_for,
    rows_with_ids,
    shown_key,
    with_keys,
)
from tui.widgets.footer import KeyFooter


def help_table(sections: Iterable[tuple[str, list[tuple[str, str, str]]]], *, ids: bool = True) -> Group:
    """Each section's title, then its keys in columns: key · what it does · (binding id)."""
    parts: list[Text | Table] = []
    for title, rows in sections:
        if not rows:
            continue
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("key", style="bold", no_wrap=True, width=12)
        table.add_column("action", ratio=1)
        if ids:
            table.add_column("id", style="dim", no_wrap=True)
        for key, what, binding_id in rows:
            table.add_row(key, what, *([binding_id] if ids else []))
        if parts:
            parts.append(Text())
        parts += [Text(title, style="bold underline"), table]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    CSS = """
    HelpScreen #help-box {
        width: 112;
    }
    HelpScreen.-narrow #help-box {
        height: 100%;
        max-height: 100%;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", tooltip="Close this list", id="help.close"),
    ]
    HELP_EXTRA = [("↑ ↓ pgup pgdn", "Scroll this list")]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        app_cls = type(self.app)
        keymap = getattr(self.app, "_keymap", {})
        everywhere = rows_with_ids(app_cls, keymap) + [("ctrl+p", "Command palette: every action by name", "")]
        sections = [("Everywhere", everywhere)]
        # The screen you came from first, then the rest in their usual order.
        ordered = sorted(getattr(app_cls, "HELP_SECTIONS", []), key=lambda s: type(self.under) is not s[1])
        for title, screen_cls in ordered:
            here = type(self.under) is screen_cls
            sections.append((f"{title} (this screen)" if here else title, rows_with_ids(screen_cls, keymap)))
        wide = self.app.size.width >= 100
        with Vertical(id="help-box", classes="modal-box"):
            yield Static("Keys", classes="modal-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(sections, ids=wide))
            yield Static(
                "One key per action; the mouse works too. esc closes. "
                + ("The grey names are for remapping keys in config.toml (see the README)." if wide else ""),
                classes="muted",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()  # ↑ ↓ scroll; the focus shows on the scroll bar

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
