"""What Today shows besides its lists: a routine's plan, the days ahead (Rich renderables)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Collection, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from catalogue import Catalogue, Routine
    from journal.records import DoseRec
    from tui.theme import Palette


@dataclass(frozen=True)
class StepLine:
    """One step of a routine as Today shows it: ``Wrist flexion curl`` / ``2 × 9 reps @ 0.5 kg``."""

    name: str
    target: str


def step_lines(
    routine: "Routine",
    catalogue: "Catalogue",
    current: Mapping[str, "DoseRec"],
    enabled: Collection[str] = (),
    units: str | None = None,
) -> tuple[StepLine, ...]:
    """The steps the runner will walk (hidden exercises only if ``enabled``), at today's dose
    in the user's ``units``."""
    from catalogue.units import dose_in
    from journal.rules.doses import effective_dose

    lines = []
    for step in routine.steps:
        exercise = catalogue.exercises.get(step.exercise_id)
        if exercise is None or (exercise.hidden and exercise.id not in enabled):
            continue
        dose = dose_in(effective_dose(exercise, current), units)
        target = f"{step.sets or dose.sets} × {dose.reps} reps"
        if dose.hold_s:
            target += f" × hold {dose.hold_s:g} s"
        if resistance := dose.resistance():
            target += f" @ {resistance}"
        if exercise.per_side:
            target += " · each side"
        lines.append(StepLine(exercise.name, target))
    return tuple(lines)


def plan_text(description: str, steps: Sequence[StepLine], colours: "Palette") -> RenderableType:
    """The numbered steps of a routine, each with its target underneath."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style=colours.muted, no_wrap=True)
    grid.add_column(ratio=1)
    for number, step in enumerate(steps, start=1):
        grid.add_row(f"{number}.", Text(step.name, style="bold"))
        grid.add_row("", Text(step.target, style=colours.muted))
    parts: list[RenderableType] = []
    if description:
        parts += [Text(description), Text()]
    parts.append(grid if steps else Text("No exercises to show.", style=colours.muted))
    return Group(*parts)


def coming_days(
    routines: Sequence["Routine"], today: date, colours: "Palette", days: int = 7
) -> Table:
    """The next ``days`` days and the routines due on each (rest days say so)."""
    from catalogue import is_due

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for offset in range(1, days + 1):
        day = today + timedelta(days=offset)
        label = "Tomorrow" if offset == 1 else day.strftime("%a %d %b").replace(" 0", " ")
        due = [r.name for r in routines if is_due(r, day)]
        grid.add_row(
            Text(label, style="bold" if offset == 1 else ""),
            Text(" · ".join(due)) if due else Text("rest day", style=colours.muted),
        )
    return grid
