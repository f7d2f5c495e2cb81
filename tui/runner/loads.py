"""Today's load: one step lighter or heavier than the dose, for one exercise, for one session.

Reuses the dose steps of ``journal.rules.loads`` (a load increment: +5 % rounded up to the
unit's increment, −10 % rounded, never below one) and the catalogue's ladders (one level).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Mapping

from catalogue.models import Dose, Ladder, format_load
from journal.rules.loads import heavier, lighter
from tui.runner.states import IN_SET, REST, Outcome

if TYPE_CHECKING:
    from journal.rules.plan import PlannedSet


def adjusted_dose(dose: Dose, steps: int, ladders: Mapping[str, Ladder]) -> Dose | None:
    """``dose`` ``steps`` load increments (or ladder levels) lighter (<0) or heavier (>0)."""
    if steps == 0:
        return dose
    if dose.load is not None:
        load = dose.load
        for _ in range(abs(steps)):
            new = heavier(load, dose.unit) if steps > 0 else lighter(load, dose.unit)
            if new == load:
                return None
            load = new
        return replace(dose, load=load)
    ladder = ladders.get(dose.ladder or "")
    if dose.level and ladder is not None and dose.level in ladder.levels:
        at = ladder.levels.index(dose.level) + steps
        if not 0 <= at < len(ladder.levels):
            return None
        return replace(dose, level=ladder.levels[at])
    return None


def load_text(dose: Dose) -> str:
    if dose.load is not None:
        return f"{format_load(dose.load)} {dose.unit}"
    if dose.level:
        return f"{dose.level} {dose.ladder}"
    return "no load"


class TodayLoads:
    """`<` and `>` of the runner's flow: today's dose of the exercise in hand, one step lighter or
    heavier; the dose itself stays (mixed into :class:`tui.runner.flow.RunFlowState`)."""

    __slots__ = ()
    plan: list["PlannedSet"]
    index: int
    ladders: Mapping[str, Ladder]
    adjust: dict[str, int]
    _bases: dict[str, Dose]

    @property
    def current(self) -> "PlannedSet | None":  # pragma: no cover - RunFlowState's
        raise NotImplementedError

    def _on_lighter(self, state: str, _arg: object) -> Outcome:
        return self._change_load(state, -1)

    def _on_heavier(self, state: str, _arg: object) -> Outcome:
        return self._change_load(state, +1)

    def _change_load(self, state: str, delta: int) -> Outcome:
        planned = self.current
        if planned is None or state not in IN_SET + (REST,):
            return Outcome()
        ex, dose = planned.exercise, self.load_step(delta)
        base, steps = self._bases[ex.id], self.adjust.get(ex.id, 0) + delta
        if dose is None:
            what = "lighter" if delta < 0 else "heavier"
            if base.load is None and not base.level:
                return Outcome(message=f"{ex.name} has no load or level to make {what}.")
            return Outcome(message=f"No {what} step for {ex.name}.")
        self.adjust[ex.id] = steps
        for i in range(self.index, len(self.plan)):
            if self.plan[i].exercise.id == ex.id:
                self.plan[i] = replace(self.plan[i], dose=dose)
        word = "as prescribed" if steps == 0 else ("lighter" if steps < 0 else "heavier")
        return Outcome(message=f"{ex.name} today: {load_text(dose)} ({word}; your dose stays {load_text(base)}).", changed=True)

    def load_step(self, delta: int) -> Dose | None:
        """One step lighter (-1) or heavier (+1) than today's dose; None where `<` `>` do nothing."""
        p = self.current
        return None if p is None else adjusted_dose(self._bases[p.exercise.id], self.adjust.get(p.exercise.id, 0) + delta, self.ladders)

    def remember_base(self) -> None:
        """Keep each exercise's dose as planned, before any `<` / `>`."""
        self._bases = {p.exercise.id: p.dose for p in reversed(self.plan)}
