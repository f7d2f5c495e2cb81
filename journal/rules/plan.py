"""The plan of a session: which set comes next, on which side, with what target.

Pure functions over catalogue data, the current doses and the profile — no database, no
terminal. The runner walks the plan; resuming a session finds its place in it from the sets
already logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from catalogue.models import Catalogue, Dose, Exercise, Routine, format_load
from catalogue.units import dose_in
from catalogue.watched import watched_regions
from journal.rules.doses import effective_dose
from journal.records import REGIONS, DoseRec, ProfileRec, SetRec

#: Seconds of "get ready 3-2-1" before the first rep of a set (in counts).
GET_READY_COUNTS = 3


@dataclass(frozen=True, slots=True)
class PlannedSet:
    """One set to do: an exercise, a side, its number on that side and its target."""

    index: int  # position in the plan
    step: int  # index of the routine step
    exercise: Exercise
    dose: Dose
    side: str  # both | left | right
    set_number: int  # 1-based, counted per side
    sets: int  # how many sets this exercise has (per side)
    target_reps: int
    target_hold_s: float | None
    rest_s: int  # the step's rest between sets

    @property
    def load(self) -> float | None:
        return self.dose.load

    @property
    def load_unit(self) -> str | None:
        return self.dose.unit if self.dose.load is not None else None

    @property
    def level(self) -> str | None:
        return self.dose.level


def hold_phases(exercise: Exercise) -> list[int]:
    """Indexes of the tempo phases that are holds."""
    return [i for i, phase in enumerate(exercise.tempo) if phase.name.strip().lower() == "hold"]


def target_hold(exercise: Exercise, dose: Dose, count_seconds: float) -> float | None:
    """The hold to log for each rep, in seconds, or None when the exercise has no hold.

    Hold and reps+hold exercises hold for the dose's ``hold_s``; others that have a hold
    phase in their tempo (a wrist curl's "hold 4") hold for its counts × the count length.
    """
    if dose.hold_s and (exercise.measure != "reps" or hold_phases(exercise)):
        return float(dose.hold_s)
    counts = [exercise.tempo[i].counts for i in hold_phases(exercise)]
    if counts:
        return round(max(counts) * count_seconds, 2)
    return None


def tempo_steps(exercise: Exercise, dose: Dose, count_seconds: float) -> list[tuple[str, int, float]]:
    """One rep as (phase name, counts, seconds); a hold lasts the dose's hold time when set."""
    steps = []
    for i, phase in enumerate(exercise.tempo):
        if i in hold_phases(exercise) and dose.hold_s:
            steps.append((phase.name, int(dose.hold_s), float(dose.hold_s)))
        else:
            steps.append((phase.name, phase.counts, phase.counts * count_seconds))
    if exercise.measure != "reps" and not hold_phases(exercise) and dose.hold_s:
        steps.append(("hold", int(dose.hold_s), float(dose.hold_s)))
    return steps


def build_plan(
    routine: Routine,
    catalogue: Catalogue,
    current: Mapping[str, DoseRec],
    profile: ProfileRec,
) -> list[PlannedSet]:
    """Every set of a routine in order.

    Per-side exercises alternate sides set by set, the affected side first, as the
    exercises' instructions say ("change hands after the set"). Hidden exercises are left
    out unless the user enabled them. Loads are in the user's unit (``profile.units``): a
    built-in 0.5 kg becomes 1 lb for a user who works in pounds, and sets are logged so.
    """
    plan: list[PlannedSet] = []
    for step_no, step in enumerate(routine.steps):
        exercise = catalogue.exercises.get(step.exercise_id)
        if exercise is None or (exercise.hidden and exercise.id not in profile.enabled_exercises):
            continue
        dose = dose_in(effective_dose(exercise, current), profile.units)
        sets = step.sets or dose.sets
        sides = profile.side_order if exercise.per_side else ("both",)
        hold = target_hold(exercise, dose, profile.count_seconds)
        for number in range(1, sets + 1):
            for side in sides:
                plan.append(
                    PlannedSet(
                        index=len(plan), step=step_no, exercise=exercise, dose=dose, side=side,
                        set_number=number, sets=sets, target_reps=dose.reps, target_hold_s=hold,
                        rest_s=step.rest_s,
                    )
                )  # fmt: skip
    return plan


def rest_after(plan: Sequence[PlannedSet], index: int) -> int:
    """Seconds of rest after set ``index``: none before switching sides or after the last set."""
    if index + 1 >= len(plan):
        return 0
    this, nxt = plan[index], plan[index + 1]
    if nxt.exercise.id == this.exercise.id and nxt.set_number == this.set_number:
        return 0  # the other side of the same set: switch sides, no rest
    return this.rest_s


def switches_side(plan: Sequence[PlannedSet], index: int) -> bool:
    """True when set ``index`` is on another side than the set before it (show a switch cue)."""
    if index <= 0 or index >= len(plan):
        return False
    this, before = plan[index], plan[index - 1]
    return this.exercise.id == before.exercise.id and this.side != before.side


def next_exercise_index(plan: Sequence[PlannedSet], index: int) -> int:
    """The first set after ``index`` that belongs to another routine step (skipping)."""
    step = plan[index].step
    i = index
    while i < len(plan) and plan[i].step == step:
        i += 1
    return i


def resume_index(plan: Sequence[PlannedSet], logged: Iterable[SetRec]) -> int:
    """Where a resumed session continues: just after the last planned set already logged."""
    where = {(p.exercise.id, p.side, p.set_number): p.index for p in plan}
    done = [where[k] for s in logged if (k := (s.exercise_id, s.side, s.set_number)) in where]
    return max(done) + 1 if done else 0


def checkin_regions(exercises: Iterable[Exercise]) -> tuple[str, ...]:
    """The regions a set of exercises works (the demo journal's check-ins are drawn from these).

    Neck work → neck; shoulder work → neck and both arms; wrist, hand and finger work →
    both hands. Both sides are always asked, so the unaffected side stays a reference.
    """
    wanted: set[str] = set()
    for ex in exercises:
        if ex.region == "neck":
            wanted.add("neck")
        elif ex.region == "shoulder":
            wanted.update(("neck", "left_arm", "right_arm"))
        else:
            wanted.update(("left_hand", "right_hand"))
    return tuple(r for r in REGIONS if r in wanted)


def watched_by(exercises: Iterable[Exercise]) -> tuple[str, ...]:
    """The regions the rules judge these exercises by (``catalogue/watched.py``), the neck
    always: hand work watches the hands and arms, neck and shoulder work the neck, arms and
    hands. What the runner asks is what the rules read, so no watched region goes unasked."""
    wanted = {"neck"}
    for ex in exercises:
        wanted.update(watched_regions(ex))
    return tuple(r for r in REGIONS if r in wanted)


#: Check-in regions of each area a user can say they have symptoms in (setup, Profile).
AREA_REGIONS = {"neck": ("neck",), "hands": ("left_hand", "right_hand"), "arms": ("left_arm", "right_arm")}


def user_regions(profile: ProfileRec | None, regions: Iterable[str] = REGIONS) -> tuple[str, ...]:
    """``regions`` narrowed to the areas the user has symptoms in, the neck always (radicular
    symptoms start there). A user who has not said (no areas) is asked about ``regions``: a
    rating never given must not read as "no symptoms"."""
    regions = tuple(regions)
    if profile is None or not profile.symptom_areas:
        return regions
    wanted = {"neck"} | {r for area in profile.symptom_areas for r in AREA_REGIONS.get(area, ())}
    return tuple(r for r in REGIONS if r in wanted and (r in regions or r == "neck"))


def routine_regions(
    routine: Routine | None, catalogue: Catalogue, profile: ProfileRec | None = None
) -> tuple[str, ...]:
    """Regions to ask about for a routine (every region when the routine is unknown), narrowed
    to the user's areas with symptoms when ``profile`` is given (see ``user_regions``)."""
    if routine is None:
        return user_regions(profile)
    regions = watched_by(
        catalogue.exercises[s.exercise_id] for s in routine.steps if s.exercise_id in catalogue.exercises
    )
    return user_regions(profile, regions or REGIONS) or user_regions(profile)


def describe_target(planned: PlannedSet) -> str:
    """``8 reps × hold 4 s @ 0.5 kg``, ``8 reps @ soft putty`` or ``5 reps``."""
    text = f"{planned.target_reps} reps"
    if planned.target_hold_s:
        text += f" × hold {planned.target_hold_s:g} s"
    dose = planned.dose
    if dose.load is not None:
        text += f" @ {format_load(dose.load)} {dose.unit}"
    elif dose.level:
        text += f" @ {dose.level} {dose.ladder}"
    return text


def set_values(
    planned: PlannedSet,
    *,
    reps: int,
    hold_s: float | None,
    pain: int | None,
    stop_reason: str = "none",
) -> dict:
    """Keyword arguments for ``Journal.log_set`` (minus session and time) for one set."""
    return {
        "exercise_id": planned.exercise.id,
        "exercise_name": planned.exercise.name,
        "set_number": planned.set_number,
        "side": planned.side,
        "target_reps": planned.target_reps,
        "reps": reps,
        "target_hold_s": planned.target_hold_s,
        "hold_s": hold_s if planned.target_hold_s is not None else None,
        "load": planned.load,
        "load_unit": planned.load_unit,
        "level": planned.level,
        "pain_during": pain,
        "stop_reason": stop_reason,
    }
