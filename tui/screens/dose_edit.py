"""Your dose (Catalogue → `d`): sets, rep range, reps, hold, load or ladder level, each checked.

Dismisses with the new :class:`Dose` (already checked against the exercise's limits by
journal/rules/dose_limits.py) or None when cancelled. The load is typed in the user's unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from catalogue.models import MIN_INCREMENT, format_load
from catalogue.units import dose_in
from tui.keys import with_keys
from tui.screens.form import FormModal
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from catalogue.models import Dose, Exercise, Ladder


class DoseEditor(FormModal["Dose | None"]):
    CSS_PATH = "set_edit.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="dose_edit.cancel"),
    ]
    HELP_EXTRA = [("tab", "The next field"), ("enter", "Save the dose (each field is checked first)")]

    def __init__(self, exercise: "Exercise", dose: "Dose", unit: str, ladder: "Ladder | None" = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.dose = dose_in(dose, unit)  # shown in the user's unit
        self.unit = unit
        self.ladder = ladder

    def fields(self) -> list[tuple[str, str, str, str]]:
        """(field, label, current text, hint) for each part of this exercise's dose."""
        d = self.dose
        out = [
            ("sets", "Sets", str(d.sets), "1–10"),
            ("reps_lo", "Reps from", str(d.reps_lo), "1–100"),
            ("reps_hi", "Reps up to", str(d.reps_hi), "1–100"),
            ("reps", "Reps now", str(d.reps), "within the range"),
        ]
        if d.hold_s is not None or self.exercise.measure != "reps":
            out.append(("hold_s", "Hold (s)", str(d.hold_s or ""), "1–300 s"))
        if d.load is not None or (self.exercise.loadable and d.level is None and d.ladder is None and d.unit):
            step = MIN_INCREMENT[self.unit]
            out.append(("load", f"Load ({self.unit})", format_load(d.load) if d.load is not None else "",
                        f"above 0, steps of {step:g} {self.unit}"))
        return out

    def compose(self) -> ComposeResult:
        with Vertical(id="set-edit-box", classes="modal-box"):
            yield Static(f"Your dose of {self.exercise.name}", classes="modal-title")
            for key, label, value, hint in self.fields():
                with Horizontal(classes="edit-row"):
                    yield Label(label, classes="edit-label")
                    yield Input(value=value, placeholder=hint, id=f"f-{key}", compact=True, classes="edit-input -short")
                    yield Label(hint, classes="edit-hint")
            if self.dose.level and self.ladder is not None:
                with Horizontal(classes="edit-row"):
                    yield Label(f"Level ({self.ladder.name})", classes="edit-label")
                    yield Select([(lv, lv) for lv in self.ladder.levels], value=self.dose.level, allow_blank=False,
                                 id="f-level", compact=True, classes="edit-input -short")  # fmt: skip
            yield Static("", id="edit-error")
            yield Static(
                with_keys(self.app, "Saved as a dose change \"set by you\": the 7-day wait before the next "
                          "step starts again · tab moves · enter saves · {dose_edit.cancel} cancels"),
                classes="muted",
            )
            with Horizontal(classes="modal-buttons"):
                yield Button(with_keys(self.app, "Cancel ({dose_edit.cancel})"), id="cancel")
                yield Button("Save (enter)", id="save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#f-sets", Input).focus()

    def texts(self) -> dict[str, str]:
        out = {key: self.query_one(f"#f-{key}", Input).value for key, *_ in self.fields()}
        if self.query("#f-level"):
            out["level"] = str(self.query_one("#f-level", Select).value)
        return out

    def action_save(self) -> None:
        from journal.rules.dose_limits import FieldProblem, check_dose

        try:
            dose = check_dose(self.exercise, self.dose, self.texts(), self.unit, self.ladder)
        except FieldProblem as err:
            self.show_problem(err.field, str(err))
            return
        self.dismiss(dose)

