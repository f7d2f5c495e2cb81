"""The weekly PSFS prompt (modal): the activities the user finds hard, each rated 0–10.

Patient-Specific Functional Scale: the user names up to 3 activities ("typing for an hour")
and rates how well they can do each now, 0 (unable) to 10 (as before the problem). One key per
rating: a digit sets the highlighted activity and moves on, ``+`` gives 10. ``n`` names a new
activity (checked before anything is stored), ``x`` stops asking about one, ``enter`` saves,
``esc`` skips. It returns what to store; the caller commits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.keys import run_binding_now
from tui.theme import palette
from tui.widgets.footer import KeyFooter

MAX_ACTIVITIES = 3


@dataclass
class PsfsRow:
    """One activity in the prompt: ``id`` None for one named just now (stored on save)."""

    id: int | None
    name: str
    last: int | None = None
    score: int | None = None
    retire: bool = False


def scale(score: int | None, colours) -> Text:  # noqa: ANN001 - a Palette
    """``0 1 2 … 10`` with the chosen rating stood out; a dash line when not rated."""
    out = Text()
    for n in range(11):
        style = f"bold reverse {colours.primary}" if n == score else colours.muted
        out.append(f"{n:>2}", style)
        out.append(" ")
    return out


class PsfsScreen(ModalScreen[list[PsfsRow] | None]):
    CSS = """
    PsfsScreen #psfs-box {
        width: 92;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    PsfsScreen #psfs-help, PsfsScreen #psfs-error {
        height: auto;
    }
    PsfsScreen #psfs-help {
        color: $text-muted;
    }
    PsfsScreen #psfs-rows {
        height: auto;
        margin: 1 0;
    }
    PsfsScreen #psfs-error {
        color: $text-error;
    }
    PsfsScreen Input.-hidden {
        display: none;
    }
    """
    BINDINGS = [
        Binding("enter", "save", "Save", tooltip="Save these ratings", id="psfs.save"),
        Binding("escape", "skip", "Skip", tooltip="Skip this week's ratings (nothing is saved)", id="psfs.skip"),
        Binding("n", "name", "Name one", tooltip="Name another activity that is hard now (up to 3)", id="psfs.add"),
        Binding("x", "retire", "Stop asking", tooltip="Stop asking about the highlighted activity (its ratings are kept)", id="psfs.retire"),
        Binding("up", "move(-1)", "Up", show=False, id="psfs.up"),
        Binding("down", "move(1)", "Down", show=False, id="psfs.down"),
    ]  # fmt: skip
    HELP_EXTRA = [("0–9 +", "Rate the highlighted activity (+ is 10) and move on")]

    def __init__(self, rows: Sequence[PsfsRow]) -> None:
        super().__init__()
        self.rows = list(rows)
        self.cursor = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="psfs-box", classes="modal-box"):
            yield Static("This week: how well can you do these now?", classes="modal-title")
            yield Static(
                "0 = unable to do it · 10 = as well as before the problem. Type a digit for the "
                "highlighted activity (+ for 10); it moves on to the next.",
                id="psfs-help",
            )
            yield Static("", id="psfs-rows")
            yield Input(placeholder="An activity that is hard now, e.g. typing for an hour", id="psfs-name",
                        max_length=200, classes="-hidden", disabled=True)  # fmt: skip
            # (disabled while hidden, so it never takes the focus: digits rate, they do not type)
            yield Static("", id="psfs-error")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._paint()
        if not self.rows:
            self.action_name()

    # ---- state ----------------------------------------------------------------------------------
    def _asked(self) -> list[PsfsRow]:
        return [r for r in self.rows if not r.retire]

    def _paint(self) -> None:
        colours = palette(self.app)
        out = Text()
        if not self.rows:
            out.append("No activities yet: name one that is hard now (up to 3).", colours.muted)
        for i, row in enumerate(self.rows):
            here = i == self.cursor and not self._naming()
            out.append("▸ " if here else "  ", colours.primary)
            width = 35 if (self.app.size.width or 120) >= 100 else 24  # 80 columns: all on one line
            name = row.name if len(row.name) < width else row.name[: width - 2] + "…"
            out.append(f"{name:<{width}}", "bold" if here else "strike dim" if row.retire else "")
            if row.retire:
                out.append("not asked from now on (x to undo)", colours.muted)
            else:
                out.append_text(scale(row.score, colours))
                last = "new" if row.id is None else f"was {row.last}" if row.last is not None else "first time"
                out.append(f" {last}", colours.muted)
            out.append("\n")
        self.query_one("#psfs-rows", Static).update(out)

    def _naming(self) -> bool:
        return not self.query_one("#psfs-name", Input).has_class("-hidden")

    def _say(self, message: str) -> None:
        self.query_one("#psfs-error", Static).update(message)

    # ---- keys -------------------------------------------------------------------------------------
    async def on_key(self, event: events.Key) -> None:
        if self._naming() or not self.rows:
            return
        value = 10 if event.character == "+" else int(event.character) if (event.character or "x") in "0123456789" else None
        if value is None:
            await run_binding_now(self, event)  # ↑ ↓ enter at once, in order with the digits
            return
        event.stop()
        row = self.rows[self.cursor]
        if row.retire:
            self._say("That activity is not asked any more: press x to ask about it again.")
            return
        row.score = value
        self._say("")
        self.cursor = min(self.cursor + 1, len(self.rows) - 1)
        self._paint()

    def action_move(self, step: int) -> None:
        if self.rows and not self._naming():
            self.cursor = (self.cursor + step) % len(self.rows)
            self._paint()

    def action_name(self) -> None:
        if len(self._asked()) >= MAX_ACTIVITIES:
            self._say(f"You rate {MAX_ACTIVITIES} activities already: press x on one to stop asking about it first.")
            return
        field = self.query_one("#psfs-name", Input)
        field.remove_class("-hidden")
        field.disabled = False
        field.cursor_blink = False  # steady, as in the grip entry
        field.value = ""
        field.focus()
        self._paint()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from journal.errors import InvalidValue
        from journal.rules.outcomes import clean_psfs_name

        event.stop()
        try:
            name = clean_psfs_name(event.value)
        except InvalidValue as err:
            self._say(f"Not added: {err}.")  # nothing stored: names are saved with the ratings
            return
        if name.casefold() in (r.name.casefold() for r in self._asked()):
            self._say(f"Not added: you already rate {name!r}.")
            return
        self.rows.append(PsfsRow(None, name))
        self.cursor = len(self.rows) - 1
        self._stop_naming()
        self._say(f"Added {name!r}: now rate it 0–10.")

    def _stop_naming(self) -> None:
        field = self.query_one("#psfs-name", Input)
        field.add_class("-hidden")
        field.disabled = True
        self.set_focus(None)
        self._paint()

    def action_retire(self) -> None:
        if not self.rows or self._naming():
            return
        row = self.rows[self.cursor]
        if row.id is None:  # named just now: simply not added
            del self.rows[self.cursor]
            self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        elif row.retire and len(self._asked()) >= MAX_ACTIVITIES:
            self._say(f"You rate {MAX_ACTIVITIES} activities already.")
            return
        else:
            row.retire = not row.retire
            row.score = None
        self._paint()

    def action_save(self) -> None:
        if self._naming():
            return
        changed = [r for r in self.rows if r.score is not None or r.retire or r.id is None]
        unrated = [r.name for r in self._asked() if r.score is None]
        if not any(r.score is not None for r in self.rows) and not any(r.retire for r in self.rows):
            self._say("Nothing rated yet: type a digit for each activity, or esc to skip this week.")
            return
        if unrated and any(r.id is None for r in self.rows if r.score is None):
            self._say(f"Rate {unrated[0]!r} before saving (a new activity needs its first rating).")
            return
        self.dismiss(changed)

    def action_skip(self) -> None:
        if self._naming() and self.rows:
            self._stop_naming()
            self._say("")
            return
        self.dismiss(None)
