"""Editing one logged set (Journal → a session → `e`): validated fields, nothing saved if wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from catalogue.models import format_load
from journal.records import STOP_REASONS
from tui.keys import with_keys
from tui.screens.form import FormModal
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from journal.records import SetRec


def load_text(rec: "SetRec", ladder: str | None = None, prefer: str | None = None) -> str:
    """``1.5 kg``, ``red band``, or empty; a load in the user's unit (``prefer``) when given."""
    if rec.load is not None:
        from catalogue.units import show_load

        return show_load(rec.load, rec.load_unit, prefer)
    if rec.level:
        return f"{rec.level} {rec.load_unit or ladder or ''}".strip()
    return ""


def _shown(value: float | int | None) -> str:
    if value is None:
        return ""
    return (
        format_load(value) if isinstance(value, float) and value != int(value) else str(int(value))
    )


class SetEditor(FormModal["dict[str, Any] | None"]):
    """Dismisses with the fields that changed (already validated), or None when cancelled."""

    CSS_PATH = "set_edit.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="set_edit.cancel"),
    ]
    HELP_EXTRA = [("tab", "The next field"), ("enter", "Save the changes (each field is checked first)")]

    def __init__(
        self, rec: "SetRec", *, ladder: str | None = None, levels: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.rec = rec
        self.ladder = ladder
        self.levels = levels

    # ---- the form ---------------------------------------------------------------------------
    def fields(self) -> list[tuple[str, str, str, str]]:
        """(field, label, current text, hint) for every editable text field of this set."""
        r = self.rec
        out = [("reps", "Reps", _shown(r.reps), f"target {_shown(r.target_reps) or '–'} · 0–500")]
        if r.hold_s is not None or r.target_hold_s is not None:
            out.append(
                (
                    "hold_s",
                    "Hold (s)",
                    _shown(r.hold_s),
                    f"target {_shown(r.target_hold_s) or '–'} · 0–600",
                )
            )
        if r.load is not None:
            out.append(("load", f"Load ({r.load_unit or 'no unit'})", _shown(r.load), "0–500"))
        elif r.level:
            hint = ", ".join(self.levels) if self.levels else "level name"
            out.append(
                ("level", f"Level ({r.load_unit or self.ladder or 'ladder'})", r.level, hint)
            )
        out += [
            ("effort", "Effort", _shown(r.effort), "0–10"),
            ("pain_during", "Pain during", _shown(r.pain_during), "0–10"),
            ("note", "Note", r.note, "free text"),
        ]
        return out

    def compose(self) -> ComposeResult:
        r = self.rec
        side = "" if r.side == "both" else f" · {r.side} side"
        with Vertical(id="set-edit-box", classes="modal-box"):
            yield Static(
                f"Edit set {r.set_number} of {r.exercise_name}{side}", classes="modal-title"
            )
            for key, label, value, hint in self.fields():
                with Horizontal(classes="edit-row"):
                    yield Label(label, classes="edit-label")
                    size = "-long" if key == "note" else "-short"
                    yield Input(
                        value=value,
                        placeholder=hint,
                        id=f"f-{key}",
                        compact=True,
                        classes=f"edit-input {size}",
                    )
                    if key != "note":
                        yield Label(hint, classes="edit-hint")
            if r.side in ("left", "right"):
                with Horizontal(classes="edit-row"):
                    yield Label("Side", classes="edit-label")
                    yield Select([("left", "left"), ("right", "right")], value=r.side, allow_blank=False,
                                 id="f-side", compact=True, classes="edit-input -short")  # fmt: skip
            with Horizontal(classes="edit-row"):
                yield Label("Stopped for", classes="edit-label")
                yield Select([(s, s) for s in STOP_REASONS], value=r.stop_reason, allow_blank=False,
                             id="f-stop_reason", compact=True, classes="edit-input -short")  # fmt: skip
            yield Static("", id="edit-error")
            yield Static(with_keys(self.app, "tab moves between fields · enter saves · {set_edit.cancel} cancels"), classes="muted")
            with Horizontal(classes="modal-buttons"):
                yield Button(with_keys(self.app, "Cancel ({set_edit.cancel})"), id="cancel")
                yield Button("Save (enter)", id="save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#f-reps", Input).focus()

    # ---- validating -------------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The validated fields that differ from the set; raises InvalidValue naming a field."""
        from journal import validate
        from journal.api import clean_set_fields
        from journal.errors import InvalidValue

        wanted: dict[str, Any] = {}
        for key, _label, _value, _hint in self.fields():
            text = self.query_one(f"#f-{key}", Input).value
            try:
                if key == "level":
                    level = text.strip()
                    if not level:
                        raise InvalidValue("level is required (the set was logged with one)")
                    if self.levels:
                        validate.choice("level", level, self.levels)
                    wanted[key] = clean_set_fields({key: level})[key]
                else:
                    wanted[key] = clean_set_fields({key: text})[key]
            except InvalidValue as err:
                raise _FieldError(key, str(err)) from None
        for key in ("side", "stop_reason"):
            if self.query(f"#f-{key}"):
                wanted[key] = self.query_one(f"#f-{key}", Select).value
        return {k: v for k, v in wanted.items() if v != getattr(self.rec, k)}

    def action_save(self) -> None:
        try:
            changed = self.changes()
        except _FieldError as err:
            self.show_problem(err.field, err.message)
            return
        self.query_one("#edit-error", Static).update("")
        self.dismiss(changed)



class _FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message
