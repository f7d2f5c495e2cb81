"""Build the :class:`~catalogue.models.Catalogue` from built-in TOML plus the user's files.

Built-in data (``catalogue/data/*.toml``) is checked strictly: a fault there is a bug
and raises :class:`CatalogueError`. User files never raise; each fault becomes one line
in ``Catalogue.problems`` — ``"FILE: KEY: what is wrong"`` — and only the faulty entry
(or, for unreadable / non-UTF-8 / invalid TOML, the whole file) is skipped.

User files
----------
Every ``*.toml`` file in the user directory is read in sorted order. Each may hold any
number of ``[[exercise]]`` and ``[[routine]]`` tables; entries are numbered from 1 in
messages (``exercise[2].region``). A user exercise or routine whose ``id`` matches an
existing one replaces it; a routine may use exercises from any file. ::

    [[exercise]]
    id = "towel-wring"                  # slug: a-z, 0-9 and single dashes (required)
    name = "Towel wring"                # required, ≤ 80 characters
    region = "hand"                     # neck | shoulder | wrist | hand | fingers (required)
    kind = "grip"                       # mobility | strength | grip | nerve-glide (required)
    sides = "each"                      # both | each                (default "both")
    measure = "reps"                    # reps | hold | reps+hold    (default "reps")
    tempo = [{ name = "twist", counts = 2 }, { name = "release", counts = 2 }]  # 1–8 phases, counts 1–30
    equipment = ["small towel"]         # up to 10 (optional)
    instructions = ["Roll the towel.", "Twist it gently.", "Let go slowly."]  # 1–12 (required)
    cues = ["Keep your wrist straight."]            # up to 8 (optional)
    cautions = ["Stop if your fingers tingle."]     # up to 8 (optional)
    hidden = false                      # hide until enabled (optional)

    [exercise.dose]                     # required
    sets = 2                            # 1–10
    reps_lo = 8                         # 1–100
    reps_hi = 12                        # 1–100, not below reps_lo
    reps = 8                            # optional; within reps_lo–reps_hi, default reps_lo
    hold_s = 2                          # optional seconds, 1–300; required unless measure = "reps"
    load = 0.5                          # optional, with unit = "kg" | "lb" (strength and grip only)
    unit = "kg"
    # ladder = "putty"                  # or a ladder and one of its levels instead of a load
    # level = "soft"

    [[routine]]
    id = "evening-hands"                # slug (required)
    name = "Evening hands"              # required
    rrule = "FREQ=WEEKLY;BYDAY=TU,TH"   # RRULE subset, see catalogue.schedule (required)
    start = 2025-03-01                  # optional first day (DTSTART); default 2024-01-01
    description = "Short and gentle."   # optional
    steps = [                           # 1–40 steps (required)
      { exercise = "neck-rotation", rest_s = 30 },      # rest_s 0–600, default 60
      { exercise = "towel-wring", sets = 1 },           # sets 1–10, default: the exercise's dose
    ]

Strings are at most 2000 characters and may not contain control characters (tab and
newline are allowed in instructions, cues, cautions and descriptions).
"""

from __future__ import annotations

import re
import tomllib
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable, Iterator

from . import schema as S
from .models import Catalogue, Dose, Exercise, Ladder, Phase, Routine, RoutineStep

MAX_FILE_BYTES = 1_000_000
Entries = list[tuple[str, Any]]
_TOML_POS = re.compile(r"^(.*) \(at (line \d+, column \d+|end of document)\)$", re.S)


class CatalogueError(ValueError):
    """The built-in catalogue is broken: a bug in the package, never the user's fault."""


def load_catalogue(user_dir: Path | None = None) -> Catalogue:
    """Built-in exercises, routines and ladders, plus (optionally) the user's own files."""
    ladders, builtin_ex, builtin_rt = _builtin()
    exercises, routines = dict(builtin_ex), dict(builtin_rt)
    problems: list[str] = []
    if user_dir is not None:
        _load_user(Path(user_dir), ladders, exercises, routines, problems)
    return Catalogue(exercises, routines, dict(ladders), tuple(problems))


# ---- user files -------------------------------------------------------------------------------

def _load_user(folder: Path, ladders: dict[str, Ladder], exercises: dict[str, Exercise],
               routines: dict[str, Routine], problems: list[str]) -> None:
    try:
        if not folder.is_dir():
            return
        paths = sorted(folder.glob("*.toml"))
    except OSError as exc:
        problems.append(f"{S.safe(str(folder))}: folder: cannot be listed ({exc.strerror or exc})")
        return
    pending: list[tuple[str, Entries]] = []
    broken: set[str] = set()
    for path in paths:
        label = S.safe(path.name)
        with _guard(label, problems):
            doc = _read(path, label, problems)
            if doc is not None:
                sections = _sections(doc, label, ("exercise", "routine"), problems)
                for ex in _accept(sections["exercise"], S.EXERCISE, label, problems, broken,
                                  lambda d: _ladder_issues(d, ladders)):
                    exercises[ex["id"]] = _exercise(ex, label)
                pending.append((label, sections["routine"]))
    for label, entries in pending:  # after all files, so routines may use any file's exercises
        with _guard(label, problems):
            for rt in _accept(entries, S.ROUTINE, label, problems, set(),
                              lambda d: _step_issues(d, exercises, broken)):
                routines[rt["id"]] = _routine(rt, label)


@contextmanager
def _guard(label: str, problems: list[str]) -> Iterator[None]:
    """Last line of defence: an unforeseen error in one user file must never stop the app."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001
        problems.append(f"{label}: file: skipped the rest after an unexpected error ({type(exc).__name__})")


def _read(path: Path, label: str, problems: list[str]) -> dict[str, Any] | None:
    """The parsed TOML document, or None (with a problem) if the file must be skipped."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(f"{label}: file: larger than {MAX_FILE_BYTES // 1000} kB; skipped")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(f"{label}: file: cannot be read ({exc.strerror or exc}); skipped")
        return None
    try:
        content = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        problems.append(f"{label}: byte {exc.start + 1}: not valid UTF-8 text "
                        f"(0x{data[exc.start]:02x}); file skipped")
        return None
    try:
        return tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POS.match(str(exc))
        where, what = (m[2], m[1]) if m else ("file", str(exc))
        problems.append(f"{label}: {where}: invalid TOML: {S.safe(what, 200)}; file skipped")
    except RecursionError:
        problems.append(f"{label}: file: invalid TOML: nested too deeply; file skipped")
    return None


# ---- shared by built-in and user data ---------------------------------------------------------


def _sections(doc: dict[str, Any], label: str, allowed: tuple[str, ...],
              problems: list[str]) -> dict[str, Entries]:
    """``{"exercise": [("exercise[1]", raw), ...], ...}`` with bad top-level keys reported."""
    out: dict[str, Entries] = {name: [] for name in allowed}
    for key, value in doc.items():
        if key not in allowed:
            problems.append(f"{label}: {S.safe(key)}: unknown key{S.suggest(key, allowed)}")
        elif not isinstance(value, list):
            problems.append(f"{label}: {key}: expected an array of tables ([[{key}]]), "
                            f"got {S.TYPE_NAMES.get(type(value), 'something else')}")
        else:
            out[key] = [(f"{key}[{i}]", raw) for i, raw in enumerate(value, 1)]
    return out


def _accept(entries: Entries, convert: S.Converter, label: str, problems: list[str],
            broken: set[str], context: Callable[[dict[str, Any]], list[tuple[str, str]]],
            ) -> Iterator[dict[str, Any]]:
    """Validated entries; each bad one is reported and skipped (its id added to ``broken``)."""
    seen: dict[str, str] = {}
    for where, raw in entries:
        try:
            clean = convert(raw)
            issues = context(clean)
            if clean["id"] in seen:
                issues.append(("id", f"{clean['id']!r} is already used by {seen[clean['id']]} in this file"))
        except S.Invalid as exc:
            clean, issues = None, exc.issues
        if issues:
            problems += [f"{label}: {S.join(where, path)}: {msg}" for path, msg in issues]
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken.add(raw["id"])
            continue
        seen[clean["id"]] = where
        yield clean


def _ladder_issues(ex: dict[str, Any], ladders: dict[str, Ladder]) -> list[tuple[str, str]]:
    name, level = ex["dose"]["ladder"], ex["dose"]["level"]
    if name is None:
        return []
    if name not in ladders:
        return [("dose.ladder", f"unknown ladder {S.show(name)} (known: {', '.join(ladders)})"
                                f"{S.suggest(name, ladders)}")]
    levels = ladders[name].levels
    if level not in levels:
        return [("dose.level", f"{S.show(level)} is not a level of {name} ({', '.join(levels)})"
                               f"{S.suggest(level, levels)}")]
    return []


def _step_issues(rt: dict[str, Any], exercises: dict[str, Exercise],
                 broken: set[str]) -> list[tuple[str, str]]:
    issues = []
    for i, step in enumerate(rt["steps"], 1):
        ex_id = step["exercise"]
        if ex_id not in exercises:
            hint = " (its own entry has problems)" if ex_id in broken else S.suggest(ex_id, exercises)
            issues.append((f"steps[{i}].exercise", f"unknown exercise {S.show(ex_id)}{hint}"))
    return issues


def _exercise(d: dict[str, Any], source: str) -> Exercise:
    dose = dict(d["dose"])
    if dose["reps"] is None:
        dose["reps"] = dose["reps_lo"]
    return Exercise(**{**d, "tempo": tuple(Phase(**p) for p in d["tempo"]),
                       "dose": Dose(**dose), "source": source})


def _routine(d: dict[str, Any], source: str) -> Routine:
    steps = tuple(RoutineStep(s["exercise"], s["sets"], s["rest_s"]) for s in d["steps"])
    return Routine(**{**d, "steps": steps, "source": source})


# ---- built-in data ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _builtin() -> tuple[dict[str, Ladder], dict[str, Exercise], dict[str, Routine]]:
    data = files(__package__).joinpath("data")
    problems: list[str] = []

    def section(name: str, convert: S.Converter, context: Callable) -> list[dict[str, Any]]:
        label = f"{name}s.toml"
        doc = tomllib.loads(data.joinpath(label).read_text(encoding="utf-8"))
        entries = _sections(doc, label, (name,), problems)[name]
        return list(_accept(entries, convert, label, problems, set(), context))

    ladders = {d["id"]: Ladder(**d) for d in section("ladder", S.LADDER, lambda d: [])}
    exercises = {d["id"]: _exercise(d, "built-in")
                 for d in section("exercise", S.EXERCISE, lambda d: _ladder_issues(d, ladders))}
    routines = {d["id"]: _routine(d, "built-in")
                for d in section("routine", S.ROUTINE, lambda d: _step_issues(d, exercises, set()))}
    if problems:
        raise CatalogueError("built-in catalogue is broken:\n" + "\n".join(problems))
    return ladders, exercises, routines
