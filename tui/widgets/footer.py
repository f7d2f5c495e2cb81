"""The footer: the keys in reach, the screen's own first, fitted to the terminal's width.

Textual's Footer shows every binding and lets the end fall off a narrow terminal — at 80
columns that was the screen's own keys' neighbours and Help. :class:`KeyFooter` decides what
to show instead:

* the key of the place you are already in is left out (``t`` on Today, ``r`` in the runner);
* the screen's own keys come first, then the global ones; a screen whose keys matter in a
  different order in each of its states (the runner) says so with ``footer_order()``, the
  binding ids in the order they matter now;
* when they do not fit, it first packs them tighter, then leaves out, one at a time, the
  global places (``c h j t r``), ``q`` quit, the palette's label and then the palette key
  itself (``ctrl+p`` still works), and at last the screen's own keys from the end of the row
  (a group such as ``+ -`` as one). ``!`` red flags (the way to report a warning sign, most
  wanted mid-exercise) and ``?`` help (which lists every key) always stay, and so do the keys
  a screen names in ``footer_keep()`` (``r`` Run on Today). Keys left out still work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable
from itertools import groupby

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

#: Global keys that take you to a place, and the app mode that place is.
NAVIGATION = {
    "app.today": "today",
    "app.run": "runner",
    "app.journal": "journal",
    "app.history": "history",
    "app.catalogue": "catalogue",
    "app.routines": "routines",
    "app.profile": "profile",
}
#: What gives way, one at a time, when the footer is too narrow: the places furthest from the
#: task first, then quit, then the red-flag check. Help always stays.
DROP_ORDER = (
    "app.routines",
    "app.profile",
    "app.catalogue",
    "app.history",
    "app.journal",
    "app.today",
    "app.run",
    "app.quit",
)
#: Never left out.
KEEP = ("app.help", "app.redflags")


@dataclass(frozen=True)
class Item:
    binding: Binding
    enabled: bool
    tooltip: str
    key_display: str
    is_global: bool


def item_width(item: Item, compact: bool) -> int:
    """Cells a lone key takes: `` k Description`` (+ a margin when compact)."""
    key, desc = cell_len(item.key_display), cell_len(item.binding.description)
    return key + desc + 2 if compact else key + desc + 3


def group_width(items: list[Item], label: str, compact: bool) -> int:
    """Cells a group of keys (``+ - reps``) takes."""
    keys = sum(cell_len(i.key_display) for i in items)
    if compact:
        return 1 + keys + 1 + cell_len(label) + 1
    return 1 + keys + 2 * len(items) + 1 + cell_len(label) + 1


def row_width(items: list[Item], compact: bool) -> int:
    total = 0
    for group, members in _grouped(items):
        if group is not None and len(members) > 1:
            total += group_width(members, group.description, compact)
        else:
            total += sum(item_width(m, compact) for m in members)
    return total


def palette_width(key_display: str, label: bool, compact: bool) -> int:
    """The command-palette key docked on the right, with its border."""
    key = cell_len(key_display) + (0 if compact else 2)
    return 1 + key + (cell_len(" palette") if label else 0) + (0 if compact else 1)


def _grouped(items: list[Item]) -> list[tuple[Binding.Group | None, list[Item]]]:
    return [(group, list(members)) for group, members in groupby(items, lambda i: i.binding.group)]


#: How the command-palette key shows: with its label, bare (``^p``), or not at all.
LABEL, BARE, HIDDEN = "label", "bare", "hidden"


def fit(
    items: list[Item], width: int, palette_key: str | None, keep: tuple[str, ...] = ()
) -> tuple[list[Item], bool, str]:
    """(the items to show, compact?, how the palette key shows: LABEL, BARE or HIDDEN) for a
    footer ``width`` cells wide; the binding ids in ``keep`` (a screen's ``footer_keep()``,
    e.g. ``r`` Run on Today) stay like help and red flags."""
    width -= 1  # the docked palette key leaves its last cell free
    shown = list(items)
    for compact in (False, True):
        if row_width(shown, compact) + _palette(palette_key, True, compact) <= width:
            return shown, compact, LABEL
    for drop in DROP_ORDER:
        if drop in keep:
            continue
        shown = [i for i in shown if i.binding.id != drop]
        if row_width(shown, True) + _palette(palette_key, True, True) <= width:
            return shown, True, LABEL
    if row_width(shown, True) + _palette(palette_key, False, True) <= width:
        return shown, True, BARE
    # The screen's own keys matter more than a hint for ctrl+p (which still works).
    while row_width(shown, True) > width:
        droppable = [i for i in shown if not i.is_global and i.binding.id not in (*KEEP, *keep)]
        if not droppable:
            break
        last = droppable[-1]
        group = last.binding.group
        at = shown.index(last)
        shown.remove(last)
        while group is not None and at > 0 and shown[at - 1].binding.group == group and not shown[at - 1].is_global:
            at -= 1
            shown.pop(at)  # `+ -` or `< >` go together: half a group says less than none
    if palette_key and row_width(shown, True) + _palette(palette_key, False, True) <= width:
        return shown, True, BARE
    return shown, True, HIDDEN if palette_key else BARE


def _palette(key: str | None, label: bool, compact: bool) -> int:
    return palette_width(key, label, compact) if key else 0


def _in_declared_order(actives: list) -> list:
    """Each node's keys in the order its class declares them (remapped keys would go last)."""
    nodes = list(dict.fromkeys(a[0] for a in actives))

    def rank(active: tuple) -> tuple[int, int]:
        node, binding = active[0], active[1]
        ids = [getattr(b, "id", None) for b in getattr(type(node), "BINDINGS", [])]
        return nodes.index(node), ids.index(binding.id) if binding.id in ids else len(ids)

    return sorted(actives, key=rank)


class KeyFooter(Footer):
    """A Footer that shows the keys in reach and fits them to its width."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    """

    _built: Hashable = None

    def bindings_changed(self, screen: object) -> None:
        """Build the keys; at start-up, only once the first frame is on the terminal (Today's
        title and what is due come first; the keys follow a frame later)."""
        if not getattr(self.app, "painted", True):
            if not self._waits_for_paint:
                self._waits_for_paint = True
                self.app.after_paint(self._painted)  # type: ignore[attr-defined]
            return
        super().bindings_changed(screen)  # type: ignore[arg-type]

    _waits_for_paint = False

    def _painted(self) -> None:
        super().bindings_changed(self.screen)

    def on_resize(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def _shown(self) -> Hashable:
        """Everything the keys are built from; equal values draw an equal footer."""
        get_display = self.app.get_key_display
        keys = tuple(
            (
                binding.key, binding.action, binding.description, binding.show, binding.id,
                binding.key_display, get_display(binding), enabled, tooltip, binding.tooltip,
                (binding.group.description, binding.group.compact) if binding.group else None,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )  # fmt: skip
        mode = getattr(self.app, "current_mode", None)
        width = self.size.width or self.app.size.width  # as compose measures it
        return keys, self._order(), self._keep(), mode, width, self.show_command_palette, self.combine_groups

    def _order(self) -> tuple[str, ...]:
        """The screen's keys in the order they matter now (empty: as the screen declares them)."""
        order = getattr(self.screen, "footer_order", None)
        return tuple(order()) if callable(order) else ()

    def _keep(self) -> tuple[str, ...]:
        """The binding ids the screen wants kept however narrow (``footer_keep()``)."""
        keep = getattr(self.screen, "footer_keep", None)
        return tuple(keep()) if callable(keep) else ()

    async def recompose(self) -> None:
        """Textual rebuilds the footer whenever bindings *may* have changed (every focus change,
        screen switch, ``refresh_bindings``); skip a rebuild that would draw the same keys —
        on Today that was a quarter of the time to first paint."""
        if not self.is_attached or not self._bindings_ready:
            await super().recompose()
            return
        shown = self._shown()
        if shown == self._built and self.children:
            return
        self._built = shown
        await super().recompose()

    def items(self) -> list[Item]:
        """The shown bindings in reach: the screen's own (and its widgets') first, then global."""
        mode = getattr(self.app, "current_mode", None)
        local: list[Item] = []
        glob: list[Item] = []
        for node, binding, enabled, tooltip in _in_declared_order(
            list(self.screen.active_bindings.values())
        ):
            if not binding.show:
                continue
            if (
                binding.id in NAVIGATION
                and NAVIGATION[binding.id] == mode
                and not self.screen.is_modal
            ):
                continue  # you are already there
            is_global = node is self.app
            item = Item(binding, enabled, tooltip, self.app.get_key_display(binding), is_global)
            (glob if is_global else local).append(item)
        order = self._order()
        if order:  # stable: keys the order does not name keep their place after the named ones
            local.sort(key=lambda i: order.index(i.binding.id) if i.binding.id in order else len(order))
        return local + glob

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        palette_key = None
        palette_binding = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if active is not None:
                palette_binding = active
                palette_key = self.app.get_key_display(active.binding)
        # One entry per action (a key bound twice shows once).
        by_action: defaultdict[str, list[Item]] = defaultdict(list)
        for item in self.items():
            by_action[item.binding.action].append(item)
        firsts = [entries[0] for entries in by_action.values()]
        width = self.size.width or self.app.size.width
        shown, compact, palette = fit(firsts, width, palette_key, self._keep())
        label = palette == LABEL
        if palette == HIDDEN:
            palette_binding = None
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        for group, members in _grouped(shown):
            if group is not None and len(members) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for item in members:
                        yield self._key(item, "", classes="-grouped")
                yield FooterLabel(group.description)
            else:
                for item in members:
                    yield self._key(item, item.binding.description)
        if palette_binding is not None and palette_key is not None:
            _node, binding, enabled, tooltip = palette_binding
            yield self._bound(
                FooterKey(
                    binding.key,
                    palette_key,
                    binding.description if label else "",
                    binding.action,
                    classes="-command-palette" + ("" if label else " -bare"),
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
            )

    def _key(self, item: Item, description: str, classes: str = "") -> FooterKey:
        return self._bound(
            FooterKey(
                item.binding.key,
                item.key_display,
                description,
                item.binding.action,
                disabled=not item.enabled,
                tooltip=item.tooltip or item.binding.description,
                classes=classes,
            )
        )

    def _bound(self, key: FooterKey) -> FooterKey:
        """``key`` bound to the footer's ``compact``, and born with its value and class: bound
        from False, every key restyled itself once more before the first frame."""
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact", update=False)
        return key.data_bind(compact=Footer.compact)
