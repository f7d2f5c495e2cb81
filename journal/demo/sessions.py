"""Sessions in the demo's story: which sets get done, how well on each side, with what effort
and pain; the odd session stopped early, and the flare-up."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Callable

from catalogue.models import MIN_INCREMENT, Dose, Exercise, Routine
from journal.clock import stamp
from journal.demo.checkins import CheckinKeeping
from journal.demo.doses import DoseKeeping
from journal.demo.person import AFFECTED, UNAFFECTED, body_part, score, set_region
from journal.demo.plan import MOBILITY_KINDS
from journal.demo.story import Done

SESSION_NOTES = (
    "Felt good today.",
    "Tired after work; kept the tempo slow.",
    "Right hand stiff at the start, loosened up.",
    "Did it before dinner.",
    "Good session, no tingling.",
    "Short on time but got through it.",
)


class SessionKeeping(CheckinKeeping, DoseKeeping):
    """The story's session and set rows (a session asks for check-ins and progressions)."""

    def _session(self, i: int, routine: Routine, start: datetime) -> tuple[datetime, Done | None]:
        strength = not self.mobility[routine.id]
        session_id = self.rows.new_id("sessions")
        regions = self.regions[routine.id]
        steps = self.steps[routine.id]
        self._progressions(i, steps, start)
        flare = routine.id == self.plan.flare_routine and i in self.plan.flares
        asks = strength or self.rng.random() < 0.5
        abandon = None
        if strength and not flare and len(steps) > 1 and self.rng.random() < 0.015:
            abandon = self.rng.randrange(1, len(steps))
        t = start
        if asks:
            t = self.later(t, 30, 80)
            self._checkins(t, i, session_id, "before", regions)
        for k, (step, ex) in enumerate(steps):
            t = self._exercise(
                i, session_id, step.sets, step.rest_s, ex, t, flare, stop=k == abandon
            )
            if k == abandon:
                break
            t = self.later(t, 15, 40)
        note = ""
        if abandon is not None:
            status, end = "abandoned", self.later(t, 20, 60)
            note = f"Stopped early: tingling in the {AFFECTED} hand."
        else:
            status = "completed"
            if asks and self.rng.random() < 0.95:
                t = self.later(t, 20, 60)
                self._checkins(
                    t, i, session_id, "after", regions, self._after_bump(strength, flare)
                )
            end = self.later(t, 5, 30)
            if flare:
                ex = self.catalogue.exercises[self.plan.flare_exercise or ""]
                where = f"{AFFECTED.capitalize()} {body_part(ex)}"
                note = f"{where} flared up during {ex.name.lower()}; stopped the last set."
            elif strength and self.rng.random() < 0.08:
                note = self.rng.choice(SESSION_NOTES)
        self.rows.put(
            "sessions", session_id, routine_id=routine.id, routine_name=routine.name,
            started_at=stamp(start), ended_at=stamp(end), local_day=start.date().isoformat(),
            status=status, note=note,
        )  # fmt: skip
        finished = Done(session_id, regions, strength) if status == "completed" else None
        return end, finished

    def _after_bump(self, strength: bool, flare: bool) -> Callable[[str], tuple[float, ...]]:
        def bump(region: str) -> tuple[float, ...]:
            if flare and region.startswith(AFFECTED):
                return (3.0, 0.8, 2.0, 1.0) if region.endswith("hand") else (1.5, 0.3, 1.0, 0.5)
            return (0.5, 0.0, 0.3, 0.3) if strength else (-0.6, -0.1, -0.3, -0.1)

        return bump

    def _exercise(
        self, i: int, session_id: int, step_sets: int | None, rest_s: int, ex: Exercise,
        t: datetime, flare: bool, *, stop: bool,
    ) -> datetime:  # fmt: skip
        """Log every set of one exercise (both sides, affected first); returns the time after."""
        track = self.tracks[ex.id]
        dose = track.dose
        n_sets = step_sets or dose.sets
        sides = (AFFECTED, UNAFFECTED) if ex.per_side else ("both",)
        flaring = flare and ex.id == self.plan.flare_exercise
        forms = {side: self._form(i, ex, side, dose) for side in sides}
        rep_s = sum(p.counts for p in ex.tempo) or 2
        met, max_pain = True, 0
        for n in range(1, n_sets + 1):
            for side in sides:
                good, load = forms[side]
                row = self._set_values(i, ex, dose, side, n, n_sets, good, flaring)
                if load != dose.load and n == 1 and not row["note"]:
                    row["note"] = f"Lighter weight on the {side}."
                if stop:
                    row.update(stop_reason="tingling", note="Tingling in the fingers; stopped.")
                    row["reps"] = max(0, row["reps"] - 3)
                seconds = 3 + (row["reps"] or 1) * rep_s
                if ex.measure == "hold" and row["hold_s"]:
                    seconds += int(row["hold_s"]) * max(1, row["reps"] or 1)
                t += timedelta(seconds=seconds)
                logged = self.later(t, 3, 10)
                t = self.later(logged, 6, 15) if side != sides[-1] else logged
                self.rows.add(
                    "sets", session_id=session_id, exercise_id=ex.id, exercise_name=ex.name,
                    side=side, set_number=n, load=load, level=dose.level, logged_at=stamp(logged),
                    load_unit=dose.unit if load is not None else None, **row,
                )  # fmt: skip
                met = met and self._met(row, dose, load)
                max_pain = max(max_pain, row["pain_during"])
                if stop:
                    track.recent.append((False, max_pain))
                    return t
            if n < n_sets:
                t += timedelta(seconds=rest_s)
        track.recent.append((met, max_pain))
        if flaring:
            self.flare_pain = max_pain
        return t

    def _form(self, i: int, ex: Exercise, side: str, dose: Dose) -> tuple[bool, float | None]:
        """Whether this side meets every target today, and the load it uses.

        The affected side has fewer good days early on and sometimes drops one increment.
        """
        if side == AFFECTED:
            good = self.rng.random() < 0.4 + 0.45 * (1 - math.exp(-i / 150))
        else:
            good = self.rng.random() < 0.97
        load = dose.load
        if side == AFFECTED and not good and load is not None and self.rng.random() < 0.4:
            step = MIN_INCREMENT[dose.unit or "kg"]
            load = round(load - step, 2) if load - step >= step else load
        return good, load

    def _set_values(
        self,
        i: int,
        ex: Exercise,
        dose: Dose,
        side: str,
        n: int,
        n_sets: int,
        good: bool,
        flaring: bool,
    ) -> dict[str, Any]:
        """Target and actual reps/hold, effort, pain during and stop reason of one set."""
        rng = self.rng
        has_hold = ex.measure in ("hold", "reps+hold") and dose.hold_s is not None
        short = 0
        if not good and rng.random() < 0.5 + 0.15 * (n - 1):
            short = rng.choice((1, 2, 2, 3))
        mobility = ex.kind in MOBILITY_KINDS
        level = self.symptoms.pain(set_region(ex, side), i)
        pain = level * (0.25 if mobility else 0.4) + rng.gauss(0, 0.5) + 0.15 * (n - 1)
        if side == AFFECTED and ex.loadable:
            pain += 0.3
        stop_reason, note = "none", ""
        if flaring and side == AFFECTED:
            pain, short = 5.5 + n, n + 1
            if n == n_sets:
                stop_reason, note = "pain", f"Sharp pain in the {body_part(ex)}; stopped."
        elif short >= 2 and n == n_sets and not mobility and rng.random() < 0.4:
            stop_reason = "fatigue"
        effort = (
            (2 if mobility else 4.5) + (1 if side == AFFECTED else 0) + 0.4 * (n - 1) + 0.8 * short
        )
        reps_short = 0 if ex.measure == "hold" else short
        hold_short = 2 * short if ex.measure == "hold" else min(short, 1)
        return {
            "target_reps": dose.reps,
            "reps": max(0, dose.reps - reps_short),
            "target_hold_s": float(dose.hold_s) if has_hold else None,
            "hold_s": float(max(1, dose.hold_s - hold_short)) if has_hold else None,  # type: ignore[operator]
            "effort": score(effort + rng.gauss(0, 0.8)),
            "pain_during": score(pain),
            "stop_reason": stop_reason,
            "note": note,
        }

    @staticmethod
    def _met(row: dict[str, Any], dose: Dose, load: float | None) -> bool:
        if row["reps"] < row["target_reps"] or load != dose.load:
            return False
        return row["hold_s"] is None or row["hold_s"] >= row["target_hold_s"]
