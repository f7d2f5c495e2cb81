"""A dose the user sets by hand (Catalogue → `d`), checked against its exercise's limits.

Pure: the typed texts of the dose editor in, a :class:`Dose` out, or InvalidValue naming the
field, the rule and the value. The limits are the catalogue's own for a dose (sets 1–10,
reps 1–100 inside the range, hold 1–300 s, load above 0 up to 200 in the user's unit and on
its step, a level of the exercise's ladder); mobility and nerve glides take no load.
"""

from __future__ import annotations

from typing import Mapping

from catalogue.models import MIN_INCREMENT, Dose, Exercise, Ladder
from journal import validate
from journal.errors import InvalidValue

#: field → (label, low, high)
LIMITS = {
    "sets": ("sets", 1, 10),
    "reps_lo": ("lowest reps", 1, 100),
    "reps_hi": ("highest reps", 1, 100),
    "reps": ("reps", 1, 100),
    "hold_s": ("hold", 1, 300),
}
MAX_LOAD = 200.0


class FieldProblem(InvalidValue):
    """InvalidValue that also names the form field at fault (``field``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _whole(field: str, text: str) -> int:
    label, lo, hi = LIMITS[field]
    value = validate.number("reps", text)  # whole-number parsing (plain ASCII digits)
    if not lo <= value <= hi:
        raise InvalidValue(f"{label} must be a whole number from {lo} to {hi} (got {text.strip()})")
    return int(value)  # type: ignore[arg-type]


def check_dose(
    exercise: Exercise, current: Dose, texts: Mapping[str, str], unit: str, ladder: Ladder | None = None
) -> Dose:
    """The dose the editor's ``texts`` describe (a field left out of ``texts`` is not part of
    this exercise's dose). Raises FieldProblem naming the field at fault."""

    def fail(field: str, message: str) -> FieldProblem:
        return FieldProblem(field, message)

    values: dict[str, int] = {}
    for field in ("sets", "reps_lo", "reps_hi", "reps"):
        try:
            values[field] = _whole(field, texts.get(field, ""))
        except InvalidValue as err:
            raise fail(field, str(err).replace("reps must", f"{LIMITS[field][0]} must").replace(
                "reps is required", f"{LIMITS[field][0]} is required")) from None
    if values["reps_lo"] > values["reps_hi"]:
        raise fail("reps_lo", f"lowest reps ({values['reps_lo']}) is above highest reps ({values['reps_hi']})")
    if not values["reps_lo"] <= values["reps"] <= values["reps_hi"]:
        raise fail("reps", f"reps {values['reps']} is outside the range {values['reps_lo']}–{values['reps_hi']}")
    hold: int | None = None
    if "hold_s" in texts:
        try:
            hold = _whole("hold_s", texts["hold_s"])
        except InvalidValue:
            raise fail("hold_s", f"hold must be a whole number of seconds from 1 to 300 (got {texts['hold_s'].strip() or 'nothing'})") from None
    load, load_unit, level = None, None, None
    if "load" in texts:
        if not exercise.loadable:
            raise fail("load", f"{exercise.name} is a {exercise.kind} exercise: it takes no load")
        try:
            number = validate.number("load", texts["load"])
        except InvalidValue as err:
            raise fail("load", str(err)) from None
        step = MIN_INCREMENT[unit]
        if not 0 < number <= MAX_LOAD:  # type: ignore[operator]
            raise fail("load", f"load must be above 0 and at most {MAX_LOAD:g} {unit} (got {texts['load'].strip()})")
        if abs(number / step - round(number / step)) > 1e-9:  # type: ignore[operator]
            raise fail("load", f"load must be in steps of {step:g} {unit} (got {texts['load'].strip()})")
        load, load_unit = float(number), unit  # type: ignore[arg-type]
    if "level" in texts:
        levels = ladder.levels if ladder else ()
        level = texts["level"].strip()
        if level not in levels:
            raise fail("level", f"level must be one of {', '.join(levels)} (got {level or 'nothing'})")
    return Dose(
        sets=values["sets"], reps=values["reps"], reps_lo=values["reps_lo"], reps_hi=values["reps_hi"],
        hold_s=hold, load=load, unit=load_unit, ladder=current.ladder if level else None, level=level,
    )  # fmt: skip
