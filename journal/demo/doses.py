"""Doses over the demo's story: the starting doses, 2-for-2 progressions (one change at a time,
each row with the numbers that justified it) and the step back the morning after a flare-up.
What one step up or down is comes from ``journal/rules/dosing.py``, as in the app."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta

from catalogue.models import Dose, format_load
from journal.clock import stamp
from journal.demo.person import AFFECTED
from journal.demo.story import StoryBase, Track
from journal.rules.dosing import next_dose, show_dose, step_down

#: A loaded exercise stops progressing (maintenance) at this multiple of its starting load.
LOAD_CEILING = 4.0
#: At most this many exercises progress at the start of one session (change little at a time).
MAX_PROGRESSIONS = 2


def progress_reason(before: Dose, after: Dose, max_pain: int) -> str:
    """The PROGRESS rule and the numbers that made it fire."""
    pain = f"pain ≤ {max(max_pain, 0)} in the last 2 sessions"
    if after.hold_s != before.hold_s:
        return (
            f"PROGRESS (2-for-2): held {before.hold_s} s every rep, {pain} → hold {after.hold_s} s"
        )
    at = ""
    if before.load is not None:
        at = f" at {format_load(before.load)} {before.unit}"
    elif before.level:
        at = f" at {before.level} {before.ladder}"
    did = f"{before.reps}/{before.reps} reps{at}"
    if after.reps > before.reps:
        return f"PROGRESS (2-for-2): {did}, {pain} → {after.reps} reps"
    return f"PROGRESS (2-for-2): {did}, {pain} → {show_dose(after)}"


class DoseKeeping(StoryBase):
    """The story's dose rows."""

    def _initial_doses(self) -> None:
        since = self.at(0, 6, 30)
        for routine in self.routines:
            for _, ex in self.steps[routine.id]:
                if ex.id not in self.tracks:
                    ceiling = ex.dose.load * LOAD_CEILING if ex.dose.load is not None else None
                    self.tracks[ex.id] = Track(ex, ex.dose, ceiling, gap=self.rng.randint(10, 21))
                    self._dose_row(ex.id, ex.dose, since, "Starting dose: the catalogue's default")

    def _dose_row(self, exercise_id: str, dose: Dose, since: datetime, reason: str) -> None:
        self.rows.add(
            "doses", exercise_id=exercise_id, sets=dose.sets, reps=dose.reps,
            reps_lo=dose.reps_lo, reps_hi=dose.reps_hi, hold_s=dose.hold_s, load=dose.load,
            unit=dose.unit, ladder=dose.ladder, level=dose.level, since=stamp(since), reason=reason,
        )  # fmt: skip


    def _progressions(self, i: int, steps: list, start: datetime) -> None:
        """Accept a 2-for-2 progression for each exercise of the routine that earned one."""
        if self.plan.holds_doses(i):
            return
        changed = 0
        for ex in dict.fromkeys(ex for _, ex in steps):
            track = self.tracks[ex.id]
            new = (
                next_dose(ex, track.dose, self.catalogue.ladders, track.ceiling)
                if track.ready(i)
                else None
            )
            if new is None:
                continue
            if changed == MAX_PROGRESSIONS:
                break
            changed += 1
            reason = progress_reason(track.dose, new, max(p for _, p in track.recent))
            track.tolerated.append(track.dose)
            gap = (10, 21) if i < 365 else (21, 56)
            self._change(i, track, new, self.later(start, -600, -60), reason, gap=gap)

    def _change(
        self,
        i: int,
        track: Track,
        new: Dose,
        since: datetime,
        reason: str,
        *,
        gap: tuple[int, int],
    ) -> None:
        track.dose, track.changed = new, i
        track.recent.clear()
        track.gap = self.rng.randint(*gap)
        self._dose_row(track.exercise.id, new, since, reason)

    def _step_back(self, i: int, when: datetime) -> None:
        """REGRESS the morning after a flare: back to the last tolerated dose."""
        track = self.tracks.get(self.plan.flare_exercise or "")
        if track is None:
            return
        flare_day = self.day0 + timedelta(days=i - 1)
        morning = self.morning_pain[-1] if self.morning_pain else 0
        baseline = statistics.median(list(self.morning_pain)[:-1] or [0])
        if track.tolerated:
            new, how = track.tolerated.pop(), "the last tolerated dose"
        else:
            new, how = step_down(track.dose, self.catalogue.ladders), "one step down"
        reason = (
            f"REGRESS: pain during {self.flare_pain} in {track.exercise.name} "
            f"on {flare_day.isoformat()} (above 5), "
            f"next-morning {AFFECTED}-hand pain {morning} (baseline {baseline:g})"
            f" → back to {show_dose(new)}, {how}"
        )
        self._change(i, track, new, when, reason, gap=(14, 21))
