"""Loads in kilograms or pounds: the one place that converts and writes them (SPEC §2).

Pure functions, no I/O. A stored value keeps the unit it was logged or prescribed in; what
the user *sees* is in their unit (``show_load``), rounded to that unit's smallest step
(0.25 kg, 0.5 lb) so a built-in 1 kg can reads as 2 lb, never 2.20462 lb.
"""

from __future__ import annotations

from dataclasses import replace

from .models import MIN_INCREMENT, UNITS, Dose, format_load

#: Pounds in one kilogram (exact by definition of the pound: 0.45359237 kg).
LB_PER_KG = 1 / 0.45359237


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit``, unrounded."""
    if from_unit not in UNITS or to_unit not in UNITS:
        raise ValueError(f"unknown unit: {from_unit if from_unit not in UNITS else to_unit!r}")
    if from_unit == to_unit:
        return float(value)
    return float(value) * LB_PER_KG if to_unit == "lb" else float(value) / LB_PER_KG


def to_increment(value: float, unit: str) -> float:
    """``value`` rounded to the nearest step of ``unit`` (0.25 kg, 0.5 lb); never below one step
    for a positive load (a 0.1 kg weight is still a weight)."""
    step = MIN_INCREMENT[unit]
    rounded = round(round(value / step) * step, 2)
    if value > 0 and rounded < step:
        return step
    return rounded


def load_in(value: float, from_unit: str | None, to_unit: str) -> float:
    """A stored load shown in ``to_unit``: converted and rounded to its step when the units
    differ, left exactly as stored when they agree (or the stored unit is unknown)."""
    if from_unit not in UNITS or from_unit == to_unit:
        return float(value)
    return to_increment(convert(value, from_unit, to_unit), to_unit)


def show_load(load: float | None, unit: str | None, prefer: str | None = None) -> str:
    """``2 lb``, ``1.25 kg``: a load in the user's unit (``prefer``), or as stored without one.
    Empty for no load."""
    if load is None:
        return ""
    if prefer in UNITS and unit in UNITS and unit != prefer:
        return f"{format_load(load_in(load, unit, prefer))} {prefer}"
    return f"{format_load(load)} {unit or ''}".strip()


def dose_in(dose: Dose, unit: str | None) -> Dose:
    """``dose`` with its load in ``unit`` (rounded to the step); unchanged without a load."""
    if unit not in UNITS or dose.load is None or dose.unit == unit or dose.unit not in UNITS:
        return dose
    return replace(dose, load=load_in(dose.load, dose.unit, unit), unit=unit)


def describe_dose(dose: Dose, unit: str | None = None) -> str:
    """``Dose.describe`` in the user's unit."""
    return dose_in(dose, unit).describe()


def converted_doses(current: "dict[str, Dose]", unit: str) -> "dict[str, Dose]":
    """The doses among ``current`` whose load is in another unit, converted to ``unit``
    (what switching units writes as new dose rows)."""
    return {ex_id: dose_in(dose, unit) for ex_id, dose in current.items()
            if dose.load is not None and dose.unit in UNITS and dose.unit != unit}


_LOAD_IN_TEXT = None


def text_in(text: str, unit: str | None) -> str:
    """A sentence with every ``<number> kg`` / ``<number> lb`` in it shown in ``unit``
    (suggestion reasons are worked out, and worded, in the dose's own unit)."""
    global _LOAD_IN_TEXT
    if unit not in UNITS:
        return text
    if _LOAD_IN_TEXT is None:
        import re

        _LOAD_IN_TEXT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?(kg|lb)\b")
    return _LOAD_IN_TEXT.sub(lambda m: show_load(float(m[1]), m[2], unit), text)
