"""Keys as the user has them: a binding's label after remapping, "press m" hints, and the
groups of bindings in reach together (to catch remapped keys that collide).

Shared by help, the footer hints in screens and widgets, the command palette and settings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from textual.binding import Binding
from textual.events import Key
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widget import Widget

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


async def run_binding_now(node: Widget, event: Key) -> bool:
    """Run the binding ``event``'s key has where ``node`` is (focused), at once; True if one ran.

    Textual hands each key to the focused widget's queue; a key that widget does not handle
    itself bubbles up and its binding runs later, from the app's queue. A digit typed right
    after an arrow would then be set before the arrow had moved: so a widget that handles
    some keys itself calls this for the others, and every key applies in the order typed.
    Priority bindings already ran when the app read the key.
    """
    active = node.screen.active_bindings.get(event.key)
    if active is None or not active.enabled or active.binding.priority:
        return False
    event.stop()
    event.prevent_default()
    return await node.app.run_action(active.binding.action, active.node)
