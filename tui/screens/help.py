"""Help (`?`): every key, screen by screen, built from the bindings themselves.

Each row shows the key as it is now (after any remapping in config.toml), what it does, and
the binding's id — the name to use in config.toml's ``[keymap]`` table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.widgets.footer import KeyFooter

KEY_NAMES = {
    "question_mark": "?", "exclamation_mark": "!", "plus": "+", "minus": "-", "space": "space",
    "enter": "enter", "escape": "esc", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "ctrl+p": "ctrl+p", "equals_sign": "=", "full_stop": ".", "underscore": "_", "tab": "tab",
}  # fmt: skip


def _key_name(key: str) -> str:
    key = key.strip()
    return KEY_NAMES.get(key) or format_key(key)


def key_label(binding: Binding, keymap: Mapping[str, str] | None = None) -> str:
    """How a binding's keys read in help: its remapped keys if any, else its own."""
    if keymap and binding.id in keymap:
        return " ".join(_key_name(k) for k in keymap[binding.id].split(","))
    if binding.key_display:
        return binding.key_display
    return " ".join(_key_name(k) for k in binding.key.split(","))


def own_bindings(cls: type) -> list[Binding]:
    """A class's own bindings (not inherited), then those of the widgets it names in KEY_WIDGETS."""
    items = list(cls.__dict__.get("BINDINGS", []))
    for widget in cls.__dict__.get("KEY_WIDGETS", ()):
        items += list(widget.__dict__.get("BINDINGS", []))
    return [item if isinstance(item, Binding) else Binding(*item) for item in items]


def rows_for(cls: type, keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, what it does) for a screen or app class: its bindings, then any HELP_EXTRA."""
    return [(keys, what) for keys, what, _id in rows_with_ids(cls, keymap)]


def rows_with_ids(cls: type, keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(keys, what it does, binding id) for a screen or app class, then its HELP_EXTRA."""
    rows = [
        (key_label(b, keymap), b.tooltip or b.description, b.id or "")
        for b in own_bindings(cls)
        if b.description
    ]
    rows += [(keys, what, "") for keys, what in cls.__dict__.get("HELP_EXTRA", [])]
    return rows


def all_bindings(app_cls: type) -> dict[str, Binding]:
    """Every binding the app and its screens declare, by id."""
    classes = [app_cls, *(cls for _title, cls in getattr(app_cls, "HELP_SECTIONS", []))]
    return {b.id: b for cls in classes for b in own_bindings(cls) if b.id}


def shown_key(app: object, binding_id: str) -> str:
    """The (first) key of a binding as the user has it, for hints like "press m"."""
    keymap = getattr(app, "_keymap", {}) or {}
    if binding_id in keymap:
        return _key_name(keymap[binding_id].split(",")[0])
    binding = all_bindings(type(app)).get(binding_id)
    if binding is None:
        return binding_id
    return binding.key_display or _key_name(binding.key.split(",")[0])


KEY_FIELD = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")


def with_keys(app: object, text: str) -> str:
    """``text`` with each ``{binding.id}`` replaced by that binding's key (see shown_key)."""
    return KEY_FIELD.sub(lambda m: shown_key(app, m.group(1)), text)


def key_scopes(app_cls: type, screen_classes: Sequence[type]) -> list[dict[str, str]]:
    """``{binding id: default keys}`` for each group of bindings in reach together.

    A screen's keys share the terminal with the app's global keys; a dialog (ModalScreen)
    has only its own. Used to check that remapped keys do not collide.
    """
    app_keys = {b.id: b.key for b in own_bindings(app_cls) if b.id}
    scopes = [app_keys]
    for cls in screen_classes:
        own = {b.id: b.key for b in own_bindings(cls) if b.id}
        scopes.append(own if issubclass(cls, ModalScreen) else {**app_keys, **own})
    return scopes


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
