"""Plain, frozen records handed to callers — never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SIDES = ("both", "left", "right")
STOP_REASONS = ("none", "pain", "tingling", "numbness", "fatigue")
CONTEXTS = ("before", "after", "next_morning", "ad_hoc")
REGIONS = ("neck", "left_hand", "right_hand", "left_arm", "right_arm")
SYMPTOMS = ("pain", "numbness", "tingling", "weakness")
SEVERITIES = ("emergency", "urgent", "soon")
STATUSES = ("in_progress", "completed", "abandoned")


@dataclass(frozen=True, slots=True)
class ProfileRec:
    affected_side: str
    onset_date: date | None
    cleared_for_strength: bool
    units: str
    count_seconds: float
    bell: bool
    safety_ack_at: str | None
    enabled_exercises: frozenset[str]
    #: Areas with symptoms (neck, hands, arms); empty until the user says.
    symptom_areas: frozenset[str] = frozenset()
    #: 'date' (``onset_date`` holds it), 'over-6-weeks', or 'unknown'.
    onset_kind: str = "unknown"
    voice: bool = False
    effort_prompt: bool = False
    setup_done_at: str | None = None

    @property
    def side_order(self) -> tuple[str, str]:
        """Sides in the order to run them: the affected side first (SPEC §4)."""
        return ("left", "right") if self.affected_side == "left" else ("right", "left")

    @property
    def setup_done(self) -> bool:
        return self.setup_done_at is not None

    @property
    def unaffected_side(self) -> str | None:
        return {"left": "right", "right": "left"}.get(self.affected_side)


@dataclass(frozen=True, slots=True)
class SessionRec:
    id: int
    routine_id: str
    routine_name: str
    started_at: str
    ended_at: str | None
    local_day: date
    status: str
    note: str


@dataclass(frozen=True, slots=True)
class SetRec:
    id: int
    session_id: int
    exercise_id: str
    exercise_name: str
    side: str
    set_number: int
    target_reps: int | None
    reps: int | None
    target_hold_s: float | None
    hold_s: float | None
    load: float | None
    load_unit: str | None
    level: str | None
    effort: int | None
    pain_during: int | None
    stop_reason: str
    logged_at: str
    note: str


@dataclass(frozen=True, slots=True)
class CheckinRec:
    id: int
    recorded_at: str
    local_day: date
    session_id: int | None
    context: str
    region: str
    pain: int
    numbness: int
    tingling: int
    weakness: int
    note: str


@dataclass(frozen=True, slots=True)
class RedFlagRec:
    id: int
    reported_at: str
    flag: str
    severity: str
    note: str
    resolved_at: str | None


@dataclass(frozen=True, slots=True)
class DoseRec:
    id: int
    exercise_id: str
    sets: int
    reps: int
    reps_lo: int
    reps_hi: int
    hold_s: int | None
    load: float | None
    unit: str | None
    ladder: str | None
    level: str | None
    since: str
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionRec:
    id: int
    exercise_id: str
    decided_at: str
    local_day: date
    decision: str
    rule: str
    from_dose: str
    to_dose: str
    reason: str


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One row of the Journal screen: a session with its set count and worst pain before/after."""

    id: int
    local_day: date
    routine_name: str
    status: str
    started_at: str
    ended_at: str | None
    sets: int
    pain_before: int | None
    pain_after: int | None
    note: str

    @property
    def minutes(self) -> int | None:
        """Whole minutes from start to end, or None while unfinished."""
        if not self.ended_at:
            return None
        from datetime import datetime

        try:
            seconds = (
                datetime.fromisoformat(self.ended_at) - datetime.fromisoformat(self.started_at)
            ).total_seconds()
        except ValueError:
            return None
        return max(0, round(seconds / 60))


#: Areas a user can say they have symptoms in (first-run setup, profile).
SYMPTOM_AREAS = ("neck", "hands", "arms")
#: How the symptom onset is known.
ONSET_KINDS = ("date", "over-6-weeks", "unknown")


@dataclass(frozen=True, slots=True)
class ProfileChangeRec:
    """One profile setting changed at ``changed_at`` (values as text; None = not set)."""

    changed_at: str
    field: str
    old_value: str | None
    new_value: str | None


# ---- outcome measures (revision 0004) -----------------------------------------------------
GRIP_SIDES = ("left", "right")
GRIP_UNITS = ("kg", "lb")


@dataclass(frozen=True, slots=True)
class PsfsActivityRec:
    """An activity the user finds hard (PSFS), named by them; retired ones keep their ratings."""

    id: int
    name: str
    created_at: str
    retired_at: str | None


@dataclass(frozen=True, slots=True)
class PsfsRatingRec:
    id: int
    activity_id: int
    recorded_at: str
    local_day: date
    score: int


@dataclass(frozen=True, slots=True)
class GripRec:
    """One hand's grip: the best of the trials (``value``) in the unit read."""

    id: int
    recorded_at: str
    local_day: date
    side: str
    value: float
    unit: str
    trials: str
