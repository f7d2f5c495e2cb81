"""Table-driven checks that turn raw TOML values into clean, typed values.

A *converter* takes a raw value and returns the clean one, or raises :class:`Invalid`
with ``(path, message)`` pairs. :func:`table` runs a schema (``key -> (converter,
default)``) over a TOML table and collects every problem, so one bad entry reports
all its faults at once.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from datetime import date, datetime, time
from typing import Any, Callable, NoReturn

from .models import KINDS, MEASURES, REGIONS, SIDES, UNITS
from .schedule import rrule_problem

MAX_TEXT = 2000
REQUIRED = object()
Converter = Callable[[Any], Any]
Schema = dict[str, tuple[Converter, Any]]
Check = Callable[[dict[str, Any]], list[tuple[str, str]]]


class Invalid(Exception):
    def __init__(self, issues: list[tuple[str, str]]):
        super().__init__(issues)
        self.issues = issues


def fail(message: str) -> NoReturn:
    raise Invalid([("", message)])


def join(path: str, sub: str) -> str:
    if not sub:
        return path
    return path + sub if sub.startswith("[") else f"{path}.{sub}" if path else sub


def safe(value: Any, limit: int = 60) -> str:
    """Terminal-safe, shortened text of a user value (control characters escaped)."""
    raw = value if isinstance(value, str) else repr(value)
    cut = raw[:limit] + ("…" if len(raw) > limit else "")
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in cut)


def show(value: Any) -> str:
    """``safe`` in quotes, for values quoted inside a message."""
    return f"'{safe(value, 40)}'"


def suggest(word: str, options: Any) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


TYPE_NAMES = {str: "a string", bool: "true/false", int: "an integer", float: "a number",
               list: "an array", dict: "a table", date: "a date", datetime: "a date-time", time: "a time"}


def expect(value: Any, *types: type) -> None:
    if type(value) not in types:
        wanted = " or ".join(TYPE_NAMES[t] for t in types)
        fail(f"expected {wanted}, got {TYPE_NAMES.get(type(value), type(value).__name__)}")


# ---- leaf converters --------------------------------------------------------------------------

def text(max_len: int = MAX_TEXT, multiline: bool = False) -> Converter:
    allowed = "\n\t" if multiline else ""

    def conv(value: Any) -> str:
        expect(value, str)
        if len(value) > max_len:
            fail(f"too long ({len(value)} characters, at most {max_len})")
        bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in allowed), None)
        if bad is not None:
            fail(f"contains a control character (U+{ord(bad):04X})")
        if not value.strip():
            fail("must not be empty")
        return value.strip()

    return conv


def slug(value: Any) -> str:
    value = text(64)(value)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        fail(f"{show(value)} is not a slug (lower-case letters, digits and single dashes)")
    return value


def choice(options: tuple[str, ...]) -> Converter:
    def conv(value: Any) -> str:
        expect(value, str)
        if value not in options:
            fail(f"{show(value)} is not one of {', '.join(options)}{suggest(value, options)}")
        return value

    return conv


def integer(lo: int, hi: int) -> Converter:
    def conv(value: Any) -> int:
        expect(value, int)
        if not lo <= value <= hi:
            fail(f"must be between {lo} and {hi}, got {value}")
        return value

    return conv


def number(lo: float, hi: float) -> Converter:
    def conv(value: Any) -> float:
        expect(value, int, float)
        if not (math.isfinite(value) and lo < value <= hi):
            fail(f"must be more than {lo:g} and at most {hi:g}, got {show(value)}")
        return float(value)

    return conv


def boolean(value: Any) -> bool:
    expect(value, bool)
    return value


def day(value: Any) -> date:
    expect(value, date)
    if not 2000 <= value.year <= 2100:
        fail(f"{value} is outside the years 2000–2100")
    return value


# ---- containers -------------------------------------------------------------------------------

def array(item: Converter, lo: int, hi: int) -> Converter:
    def conv(value: Any) -> tuple[Any, ...]:
        expect(value, list)
        if not lo <= len(value) <= hi:
            fail(f"needs {lo}–{hi} items, got {len(value)}")
        out, issues = [], []
        for i, raw in enumerate(value, 1):
            try:
                out.append(item(raw))
            except Invalid as exc:
                issues += [(join(f"[{i}]", p), m) for p, m in exc.issues]
        if issues:
            raise Invalid(issues)
        return tuple(out)

    return conv


def table(schema: Schema, checks: tuple[Check, ...] = ()) -> Converter:
    def conv(value: Any) -> dict[str, Any]:
        expect(value, dict)
        issues = [(safe(k), f"unknown key{suggest(k, schema)}") for k in value if k not in schema]
        out: dict[str, Any] = {}
        for key, (convert, default) in schema.items():
            if key not in value:
                if default is REQUIRED:
                    issues.append((key, "required key is missing"))
                out[key] = None if default is REQUIRED else default
                continue
            try:
                out[key] = convert(value[key])
            except Invalid as exc:
                issues += [(join(key, p), m) for p, m in exc.issues]
        if not issues:
            for check in checks:
                issues += check(out)
        if issues:
            raise Invalid(issues)
        return out

    return conv


# ---- the catalogue's schemas ------------------------------------------------------------------

def _dose_checks(d: dict[str, Any]) -> list[tuple[str, str]]:
    lo, hi = d["reps_lo"], d["reps_hi"]
    issues = []
    if lo > hi:
        issues.append(("reps_lo", f"reps_lo ({lo}) is greater than reps_hi ({hi})"))
    elif d["reps"] is not None and not lo <= d["reps"] <= hi:
        issues.append(("reps", f"{d['reps']} is outside reps_lo–reps_hi ({lo}–{hi})"))
    for a, b in (("load", "unit"), ("unit", "load"), ("ladder", "level"), ("level", "ladder")):
        if d[a] is not None and d[b] is None:
            issues.append((b, f"required when {a} is set"))
    if d["load"] is not None and d["ladder"] is not None:
        issues.append(("ladder", "give either load + unit or ladder + level, not both"))
    return issues


def _exercise_checks(e: dict[str, Any]) -> list[tuple[str, str]]:
    dose, issues = e["dose"], []
    if e["measure"] != "reps" and dose["hold_s"] is None:
        issues.append(("dose.hold_s", f"required when measure is {e['measure']!r}"))
    if e["kind"] in ("mobility", "nerve-glide") and (dose["load"] or dose["ladder"]):
        issues.append(("dose", f"{e['kind']} exercises take no load or ladder"))
    return issues


def _routine_checks(r: dict[str, Any]) -> list[tuple[str, str]]:
    why = rrule_problem(r["rrule"], r["start"])
    return [("rrule", f"invalid RRULE {show(r['rrule'])}: {why}")] if why else []


PHASE: Schema = {"name": (text(24), REQUIRED), "counts": (integer(1, 30), REQUIRED)}

DOSE: Schema = {
    "sets": (integer(1, 10), REQUIRED),
    "reps_lo": (integer(1, 100), REQUIRED),
    "reps_hi": (integer(1, 100), REQUIRED),
    "reps": (integer(1, 100), None),
    "hold_s": (integer(1, 300), None),
    "load": (number(0, 200), None),
    "unit": (choice(UNITS), None),
    "ladder": (slug, None),
    "level": (slug, None),
}

EXERCISE_KEYS: Schema = {
    "id": (slug, REQUIRED),
    "name": (text(80), REQUIRED),
    "region": (choice(REGIONS), REQUIRED),
    "kind": (choice(KINDS), REQUIRED),
    "sides": (choice(SIDES), "both"),
    "measure": (choice(MEASURES), "reps"),
    "tempo": (array(table(PHASE), 1, 8), REQUIRED),
    "dose": (table(DOSE, (_dose_checks,)), REQUIRED),
    "equipment": (array(text(80), 0, 10), ()),
    "instructions": (array(text(multiline=True), 1, 12), REQUIRED),
    "cues": (array(text(multiline=True), 0, 8), ()),
    "cautions": (array(text(multiline=True), 0, 8), ()),
    "hidden": (boolean, False),
}

STEP: Schema = {
    "exercise": (slug, REQUIRED),
    "sets": (integer(1, 10), None),
    "rest_s": (integer(0, 600), 60),
}

ROUTINE_KEYS: Schema = {
    "id": (slug, REQUIRED),
    "name": (text(80), REQUIRED),
    "rrule": (text(200), REQUIRED),
    "steps": (array(table(STEP), 1, 40), REQUIRED),
    "description": (text(multiline=True), ""),
    "start": (day, None),
}

LADDER_KEYS: Schema = {
    "id": (slug, REQUIRED),
    "name": (text(80), REQUIRED),
    "levels": (array(slug, 2, 12), REQUIRED),
}

EXERCISE = table(EXERCISE_KEYS, (_exercise_checks,))
ROUTINE = table(ROUTINE_KEYS, (_routine_checks,))
LADDER = table(LADDER_KEYS, (lambda l: [("levels", "levels must be unique")] if len(set(l["levels"])) < len(l["levels"]) else [],))
