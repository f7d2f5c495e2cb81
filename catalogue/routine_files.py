"""The user's own routines as TOML files: a routine in, the loader's format out, and back.

``routine_doc`` gives exactly the document ``catalogue/loader.py`` reads (so load → save →
load gives the same :class:`Routine`); ``save_routine`` writes it with tomli-w into the user
catalogue folder, aside and renamed into place, readable only by the user. One routine per
file, named after its id; a file this module wrote is the only kind the app edits in place
(any other user file may hold more entries, so its routines are copied first).

Schedules are kept simple in the editor: daily, or chosen days of the week.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Catalogue, Routine, RoutineStep

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WARM_UP = "gentle-mobility"
MAX_NAME = 80


class RoutineProblem(ValueError):
    """A routine that cannot be saved (no steps, a name in use, a folder that refuses)."""


@dataclass(frozen=True)
class Schedule:
    """Daily (``days`` empty), or the weekdays (0 = Monday) it is due."""

    days: frozenset[int] = frozenset()

    @property
    def daily(self) -> bool:
        return not self.days or len(self.days) == 7

    def rrule(self) -> str:
        if self.daily:
            return "FREQ=DAILY"
        return "FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[d] for d in sorted(self.days))

    def toggle(self, day: int) -> "Schedule":
        days = set(range(7)) if self.daily else set(self.days)
        days ^= {day}
        return Schedule(frozenset(days) if days and len(days) < 7 else frozenset())

    def text(self) -> str:
        return "every day" if self.daily else " ".join(DAY_NAMES[d] for d in sorted(self.days))


def schedule_of(rrule: str) -> Schedule | None:
    """The editor's schedule for an RRULE, or None when it is more than daily/weekdays."""
    parts = dict(p.split("=", 1) for p in rrule.removeprefix("RRULE:").split(";") if "=" in p)
    if parts == {"FREQ": "DAILY"}:
        return Schedule()
    if set(parts) == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY":
        days = parts["BYDAY"].split(",")
        if all(d in WEEKDAYS for d in days):
            return Schedule(frozenset(WEEKDAYS.index(d) for d in days))
    return None


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:60].strip("-") or "routine"


def file_for(folder: Path, routine_id: str) -> Path:
    return folder / f"{routine_id}.toml"


def is_own(routine: Routine) -> bool:
    """A routine this app wrote (its own file, named after it): edited in place."""
    return routine.source == f"{routine.id}.toml"


def new_id(name: str, catalogue: Catalogue, folder: Path) -> str:
    base = slug(name)
    candidate, n = base, 1
    while candidate in catalogue.routines or file_for(folder, candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def copy_name(name: str, catalogue: Catalogue) -> str:
    """"Your Hand & wrist strength" (then "… 2", "… 3" while the name is taken)."""
    base = f"Your {name}"
    taken = {r.name.casefold() for r in catalogue.routines.values()}
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base} {n}"
    return candidate


def problems(routine: Routine, catalogue: Catalogue) -> list[str]:
    """Why ``routine`` cannot be saved (empty when it can)."""
    out = []
    name = routine.name.strip()
    if not name:
        out.append("the routine needs a name")
    elif len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        out.append(f"the name must be at most {MAX_NAME} characters, on one line")
    else:
        clash = next((r for r in catalogue.routines.values()
                      if r.id != routine.id and r.name.strip().casefold() == name.casefold()), None)
        if clash is not None:
            out.append(f"a routine called {clash.name!r} already exists: choose another name")
    if not routine.steps:
        out.append("the routine has no steps: add at least one exercise (a)")
    for step in routine.steps:
        if step.exercise_id not in catalogue.exercises:
            out.append(f"unknown exercise {step.exercise_id!r}")
        if step.sets is not None and not 1 <= step.sets <= 10:
            out.append("sets must be 1–10")
        if not 0 <= step.rest_s <= 600:
            out.append("rest must be 0–600 s")
    return out


def warm_up_warning(routine: Routine, catalogue: Catalogue) -> str | None:
    """A strength routine that does not open with the whole warm-up: a warning, not a refusal."""
    kinds = {catalogue.exercises[s.exercise_id].kind for s in routine.steps if s.exercise_id in catalogue.exercises}
    if not kinds & {"strength", "grip"}:
        return None
    warm = catalogue.routines.get(WARM_UP)
    if warm is None:
        return None
    first = [s.exercise_id for s in routine.steps[: len(warm.steps)]]
    if first == [s.exercise_id for s in warm.steps]:
        return None
    return f"Every strength routine should start with the warm-up ({warm.name}): its exercises first, in order."


def routine_doc(routine: Routine) -> dict[str, Any]:
    """The TOML document the loader reads for this one routine."""
    steps = []
    for step in routine.steps:
        entry: dict[str, Any] = {"exercise": step.exercise_id}
        if step.sets is not None:
            entry["sets"] = step.sets
        entry["rest_s"] = step.rest_s
        steps.append(entry)
    table: dict[str, Any] = {"id": routine.id, "name": routine.name.strip(), "rrule": routine.rrule}
    if routine.start is not None:
        table["start"] = routine.start
    if routine.description:
        table["description"] = routine.description
    table["steps"] = steps
    return {"routine": [table]}


def save_routine(folder: Path, routine: Routine) -> Path:
    """Write ``routine`` to its file (aside, then renamed; 0600). RoutineProblem if the folder
    cannot be made or written; nothing is left half-written."""
    import tomli_w

    text = "# Written by rehab-tui (Routines → edit). One routine; see catalogue/loader.py.\n\n"
    text += tomli_w.dumps(routine_doc(routine))
    path = file_for(folder, routine.id)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise RoutineProblem(f"{folder}: cannot write your routine there ({err.strerror or err})") from None
    return path


def delete_routine(folder: Path, routine: Routine) -> None:
    if not is_own(routine):
        raise RoutineProblem(f"{routine.name} is not one of your own routines")
    try:
        file_for(folder, routine.id).unlink()
    except FileNotFoundError:
        pass
    except OSError as err:
        raise RoutineProblem(f"{folder}: cannot delete {routine.id}.toml ({err.strerror or err})") from None
