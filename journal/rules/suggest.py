"""The suggestion for one exercise (SPEC §6): per exercise, the first rule that matches wins.

    1 STOP      an unresolved red flag: the most severe one and what to do
    2 ACUTE     not cleared, onset < 6 weeks ago or unknown: strength and grip doses hold
    3 REGRESS   a watched region says too much (``journal/rules/conditions.py``)
    4 HOLD      any reason not to change yet
    5 PROGRESS  the last 2 sessions met every target, pain during ≤ 2, mornings ≤ baseline + 1

Every suggestion carries its rule id and a sentence with the numbers; README's table "How
History counts, and how suggestions are made" lists every rule id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Mapping

from catalogue.models import Dose, Ladder
from journal.clock import parse_stamp
from journal.records import SEVERITIES, ProfileRec, RedFlagRec
from journal.rules.baseline import day_of_stamp
from journal.rules.conditions import hold_reason, iso, qualifying, regress_now
from journal.rules.doses import to_dose
from journal.rules.dosing import dose_key, next_dose, show_dose, step_down, top_reps
from journal.rules.evidence import Evidence, Situation, Symptoms
from journal.rules.redflags import SEVERITY

DECISIONS = ("STOP", "ACUTE", "REGRESS", "HOLD", "PROGRESS")
#: Weeks the acute phase lasts without clearance (SPEC §6 rule 2).
ACUTE_WEEKS = 6
#: What to do for the most severe open red flag (SPEC §6 rule 1).
STOP_ACTIONS = {name: severity.todo for name, severity in SEVERITY.items()}
FLOOR = "already at the easiest dose: rest this exercise until it settles; ask your clinician if it goes on"


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    exercise_name: str
    decision: str  # one of DECISIONS
    rule: str  # e.g. "progress.load"
    reason: str  # a sentence with the numbers
    current: Dose
    proposed: Dose | None = None
    declined: bool = False

    @property
    def changes(self) -> bool:
        return self.proposed is not None and self.proposed != self.current

    @property
    def status(self) -> str:
        """``pending`` (waiting for accept/decline), ``declined``, or ``info`` (nothing to decide)."""
        if not self.changes:
            return "info"
        return "declined" if self.declined else "pending"

    @property
    def sentence(self) -> str:
        return f"{self.exercise_name}: {self.reason}"

    @property
    def dose_reason(self) -> str:
        """The reason stored with the new dose row when this is accepted."""
        return f"{self.decision}: {self.reason}"

    def as_json(self) -> dict:
        def dose(d: Dose | None) -> dict | None:
            return None if d is None else {**asdict(d), "text": d.describe()}

        return {
            "exercise_id": self.exercise_id,
            "exercise": self.exercise_name,
            "decision": self.decision,
            "rule": self.rule,
            "reason": self.reason,
            "status": self.status,
            "current": dose(self.current),
            "proposed": dose(self.proposed if self.changes else None),
        }


def _make(ev: Evidence, decision: str, rule: str, reason: str, proposed: Dose | None = None) -> Suggestion:
    return Suggestion(ev.exercise.id, ev.exercise.name, decision, rule, reason, ev.dose, proposed)


# ---- 1 STOP --------------------------------------------------------------------------------------
def worst_flag(flags: Iterable[RedFlagRec]) -> RedFlagRec | None:
    """The most severe open flag (emergency > urgent > soon); the earliest reported among equals."""
    open_ = [f for f in flags if f.resolved_at is None]
    if not open_:
        return None
    return min(open_, key=lambda f: (_rank(f.severity), f.reported_at, f.id))


def _rank(severity: str) -> int:
    """emergency 0, urgent 1, soon 2; an unknown severity (a newer app's?) counts as urgent."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 1


def stop_sentence(flags: Iterable[RedFlagRec]) -> str | None:
    """``STOP: <flag> (emergency: call …), reported …; no progression anywhere …`` or None."""
    flags = list(flags)
    flag = worst_flag(flags)
    if flag is None:
        return None
    from journal.rules.redflags import flag_text

    others = sum(1 for f in flags if f.resolved_at is None) - 1
    more = f" (and {others} more open)" if others > 0 else ""
    return (
        f"red flag open since {iso(day_of_stamp(flag.reported_at))}: {flag_text(flag)}{more} "
        f"→ {STOP_ACTIONS.get(flag.severity, STOP_ACTIONS['urgent'])}; no progression anywhere until it is marked "
        f"reviewed in the red-flag check (!)"
    )


def _stop(ev: Evidence, sit: Situation, _s: Symptoms) -> Suggestion | None:
    sentence = stop_sentence(sit.open_flags)
    return None if sentence is None else _make(ev, "STOP", "stop.red-flag", sentence)


# ---- 2 ACUTE -------------------------------------------------------------------------------------
def acute_state(profile: ProfileRec) -> tuple[str, date | None] | None:
    """``("acute.unknown", None)``, ``("acute.onset", end)`` (ACUTE on days before ``end``), or
    None: cleared for strength work, or the onset was over 6 weeks ago."""
    if profile.cleared_for_strength or profile.onset_kind == "over-6-weeks":
        return None
    if profile.onset_date is not None:
        return "acute.onset", profile.onset_date + timedelta(weeks=ACUTE_WEEKS)
    return "acute.unknown", None


def acute_on(profile: ProfileRec, day: date) -> bool:
    """Whether ACUTE holds for strength and grip work on ``day`` (as the profile says now)."""
    state = acute_state(profile)
    return state is not None and (state[1] is None or day < state[1])


def _acute(ev: Evidence, sit: Situation, _s: Symptoms) -> Suggestion | None:
    if not ev.exercise.loadable:
        return None
    found = acute_state(sit.profile)
    if found is None:
        return None
    rule, ends = found
    keep = f"keep {show_dose(ev.dose)}; gentle range-of-motion work goes on"
    if rule == "acute.unknown":
        return _make(ev, "ACUTE", rule, (
            "the app does not know when your symptoms began and no clinician has cleared you for "
            f"strength work → {keep}. Tell the app in the profile: the onset date, or that it was "
            "over 6 weeks ago, or that you are cleared"
        ))  # fmt: skip
    if sit.today >= ends:
        return None
    onset = sit.profile.onset_date
    weeks = (sit.today - onset).days // 7
    return _make(ev, "ACUTE", rule, (
        f"symptoms began {iso(onset)} ({weeks} week{'s' if weeks != 1 else ''} ago) and no "
        f"clinician has cleared you for strength work → {keep} until {iso(ends)} or until you are cleared"
    ))  # fmt: skip


# ---- 3 REGRESS -----------------------------------------------------------------------------------
def easier(new: Dose, old: Dose, ladders: Mapping[str, Ladder]) -> bool:
    """``new`` is no harder than ``old`` in any element and easier in at least one."""
    pairs = [(new.sets, old.sets), (new.reps, old.reps), (new.hold_s or 0, old.hold_s or 0)]
    if (new.load is None) != (old.load is None) or new.ladder != old.ladder:
        return False
    if new.load is not None and old.load is not None:
        pairs.append((new.load, old.load))
    if new.level != old.level:
        ladder = ladders.get(old.ladder or "")
        if ladder is None or new.level not in ladder.levels or old.level not in ladder.levels:
            return False
        pairs.append((ladder.levels.index(new.level), ladder.levels.index(old.level)))
    return all(a <= b + 1e-9 for a, b in pairs) and any(a < b - 1e-9 for a, b in pairs)


def what_changes(new: Dose, old: Dose) -> str:
    """``1 set instead of 2, 8 reps instead of 10`` — every element that changes."""
    out = []
    if new.sets != old.sets:
        out.append(f"{new.sets} set{'s' if new.sets != 1 else ''} instead of {old.sets}")
    if new.reps != old.reps:
        out.append(f"{new.reps} reps instead of {old.reps}")
    if (new.hold_s or 0) != (old.hold_s or 0):
        out.append(f"hold {new.hold_s or 0} s instead of {old.hold_s or 0} s")
    if new.resistance() != old.resistance():
        out.append(f"{new.resistance() or 'no resistance'} instead of {old.resistance() or 'none'}")
    return ", ".join(out)


def regress_target(ev: Evidence, ladders: Mapping[str, Ladder]) -> tuple[Dose, str] | None:
    """Back to the last tolerated dose if the current one came from a PROGRESS, else one step
    down; None at the easiest dose (nothing easier to propose)."""
    rows = ev.dose_rows
    if len(rows) >= 2 and rows[-1].reason.startswith("PROGRESS"):
        previous = to_dose(rows[-2])
        if easier(previous, ev.dose, ladders):
            return previous, "the last dose you tolerated"
    down = step_down(ev.dose, ladders)
    if easier(down, ev.dose, ladders):
        return down, "one step down"
    return None


def _regress(ev: Evidence, sit: Situation, sy: Symptoms) -> Suggestion | None:
    found = regress_now(ev, sit, sy)
    if found is None:
        return None
    rule, why = found
    target = regress_target(ev, sit.ladders)
    if target is None:
        return _make(ev, "REGRESS", "regress.floor", f"{why} → {FLOOR}")
    dose, how = target
    return _make(ev, "REGRESS", rule, f"{why} → back to {show_dose(dose)}, {how} ({what_changes(dose, ev.dose)})", dose)


# ---- 4 HOLD and 5 PROGRESS -----------------------------------------------------------------------
def _did(ev: Evidence) -> str:
    d = ev.dose
    if ev.exercise.measure == "hold" and d.hold_s:
        text = f"held {d.hold_s} s on every rep"
    else:
        text = f"{d.reps}/{d.reps} reps"
        if d.hold_s:
            text += f" with {d.hold_s} s holds"
    if resistance := d.resistance():
        text += f" at {resistance}"
    return text


def _hold_or_progress(ev: Evidence, sit: Situation, sy: Symptoms) -> Suggestion:
    found = hold_reason(ev, sit, sy)
    if found is not None:
        rule, why = found
        return _make(ev, "HOLD", rule, f"{why} → repeat {show_dose(ev.dose)}")
    last2 = qualifying(ev)
    new = next_dose(ev.exercise, ev.dose, sit.ladders)
    pain = max(s.peak_pain for s in last2)
    did = (
        f"{_did(ev)}, pain during ≤ {pain} and mornings settled in your last 2 sessions "
        f"({', '.join(iso(s.day) for s in last2)})"
    )
    if new is None:
        top = "the top of this plan" if ev.exercise.loadable else f"the top for a {ev.exercise.kind} exercise"
        return _make(ev, "HOLD", "hold.top", f"{did} → this is {top}; keep it, and ask your clinician what comes next")
    if new.hold_s != ev.dose.hold_s:
        rule, change = "progress.hold", f"hold {new.hold_s} s"
    elif new.load != ev.dose.load:
        rule, change = "progress.load", show_dose(new)
    elif new.level != ev.dose.level:
        rule, change = "progress.level", show_dose(new)
    else:
        rule, change = "progress.reps", f"{new.reps} reps"
        if new.reps == top_reps(ev.exercise, new):
            change += " (the top of the range)"
    return _make(ev, "PROGRESS", rule, f"{did} → try {change}", new)


# ---- the whole -----------------------------------------------------------------------------------
def _with_decline(s: Suggestion, ev: Evidence) -> Suggestion:
    if not s.changes:
        return s
    key = dose_key(s.current)
    latest = max((parse_stamp(x.started_at) for x in ev.sessions), default=None)
    for d in ev.decisions:
        if d.decision != "declined" or d.from_dose != key:
            continue
        if d.rule.split(".")[0].upper() != s.decision:
            continue
        if s.decision == "REGRESS" and latest is not None and latest > parse_stamp(d.decided_at):
            continue  # logged again since: judge the new evidence afresh
        return replace(s, declined=True)
    return s


def symptoms_of(sit: Situation) -> Symptoms:
    return Symptoms(sit.checkins, sit.session_times, sit.mornings_checked)


def suggest(ev: Evidence, sit: Situation, symptoms: Symptoms | None = None) -> Suggestion:
    """The suggestion for one exercise: the first rule that matches."""
    symptoms = symptoms or symptoms_of(sit)
    for rule in (_stop, _acute, _regress):
        found = rule(ev, sit, symptoms)
        if found is not None:
            return _with_decline(found, ev)
    return _with_decline(_hold_or_progress(ev, sit, symptoms), ev)


def suggest_all(evidence: Iterable[Evidence], sit: Situation) -> list[Suggestion]:
    symptoms = symptoms_of(sit)
    return [suggest(ev, sit, symptoms) for ev in evidence]


def waiting(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions waiting for the user to accept or decline."""
    return [s for s in suggestions if s.status == "pending"]


ORDER = {"STOP": 0, "REGRESS": 1, "PROGRESS": 2, "ACUTE": 3, "HOLD": 4}


def by_urgency(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """STOP, REGRESS, PROGRESS, ACUTE, HOLD; pending before declined; stable otherwise."""
    return sorted(suggestions, key=lambda s: (ORDER[s.decision], s.status != "pending"))
