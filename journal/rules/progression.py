"""Progression rules (SPEC §6): per exercise, the first rule that matches wins.

    1 STOP      an unresolved red flag: no progression anywhere
    2 ACUTE     onset < 6 weeks ago, not cleared: strength and grip doses hold (mobility goes on)
    3 REGRESS   pain during > 5; next-morning pain/tingling ≥ baseline + 2; 7-day mean morning
                pain/tingling up ≥ 2 on the 7 days before
    4 HOLD      any reason not to change yet
    5 PROGRESS  the last 2 sessions met every target, pain during ≤ 2, mornings ≤ baseline + 1

Plain functions over plain data (``Evidence`` for one exercise, ``Situation`` for what is shared);
``journal/store/gather.py`` reads them from the journal. The reasoning behind the numbers is in
shared/research/clinical-evidence.md §7.

Choices the spec leaves open, made here:

* "Sessions" of an exercise are the journal sessions with a set of it, any status (a session
  stopped early for tingling is evidence too). PROGRESS and HOLD look at the sessions *at the
  current dose* (started after it was set), so a new dose is always tried before the next step.
* Symptoms count in the check-in regions an exercise can provoke: neck and shoulder → neck and
  both arms (cervical radiculopathy is felt in the arm); wrist, hand and fingers → both hands.
  A session's next-morning data is the next-morning check-in of the following day.
* REGRESS fires on evidence newer than the current dose: a session from before the dose changed,
  or a weekly trend after a REGRESS in the last 7 days, has already been acted on (no second
  step back for the same flare). The weekly trend needs ≥ 3 mornings in each week.
* HOLD reasons are checked in the order most useful to read: a recent REGRESS, a recent dose
  change, pain, tingling, missing next-morning data, targets, unsettled mornings.
* "The last dose that was tolerated" is the dose a PROGRESS started from: if the current dose
  came from a PROGRESS, REGRESS goes back to the one before it; otherwise one step down.
* Declines (``d``) are remembered per exercise, decision and dose: a declined PROGRESS is not
  offered again at that dose; a declined REGRESS is not asked again until the exercise is logged
  again (fresh evidence is judged afresh — it would not be safe to stay silent for good).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable, Mapping, Sequence

from catalogue.models import Dose, Exercise, Ladder, format_load
from journal.clock import parse_stamp
from journal.rules.doses import to_dose
from journal.rules.dosing import dose_key, next_dose, show_dose, step_down, top_reps
from journal.rules.history import ACUTE_WEEKS, MCID, Baselines, day_of_stamp
from journal.records import CheckinRec, DecisionRec, DoseRec, ProfileRec, RedFlagRec, SetRec

DECISIONS = ("STOP", "ACUTE", "REGRESS", "HOLD", "PROGRESS")
#: Pain during: ≤ 2 safe, 3–5 acceptable, > 5 too much (Silbernagel et al. 2007).
SAFE_PAIN = 2
HIGH_PAIN = 5
#: Days a dose must stand before it changes again; days a REGRESS keeps holding.
SETTLE_DAYS = 7
TREND_MIN_MORNINGS = 3
SYMPTOMS = ("pain", "tingling")

EXERCISE_REGIONS: dict[str, tuple[str, ...]] = {
    "neck": ("neck", "left_arm", "right_arm"),  # neck work can provoke radicular arm symptoms
    "shoulder": ("neck", "left_arm", "right_arm"),
    "wrist": ("left_hand", "right_hand"),
    "hand": ("left_hand", "right_hand"),
    "fingers": ("left_hand", "right_hand"),
}
REGION_NAMES = {
    "neck": "neck", "left_hand": "left-hand", "right_hand": "right-hand",
    "left_arm": "left-arm", "right_arm": "right-arm",
}  # fmt: skip


# ---- inputs ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExerciseSession:
    """The sets of one exercise in a journal session — or, once merged, in all of one day's."""

    session_ids: tuple[int, ...]
    day: date
    started_at: str
    sets: tuple[SetRec, ...]

    @property
    def peak_pain(self) -> int:
        return max((s.pain_during or 0 for s in self.sets), default=0)


@dataclass(frozen=True)
class Evidence:
    """What the rules need about one exercise."""

    exercise: Exercise
    dose: Dose
    #: This exercise's dose rows, oldest first (the last one is the current dose, if any).
    dose_rows: tuple[DoseRec, ...] = ()
    #: Its most recent sessions (at least those of the last two days it was done), oldest first.
    sessions: tuple[ExerciseSession, ...] = ()
    decisions: tuple[DecisionRec, ...] = ()


@dataclass(frozen=True)
class Situation:
    """What is shared by every exercise."""

    today: date
    profile: ProfileRec
    open_flags: tuple[RedFlagRec, ...] = ()
    #: Next-morning check-ins (enough for baselines and the last 14 days), and the before/after
    #: check-ins of the sessions in the evidence.
    checkins: tuple[CheckinRec, ...] = ()
    ladders: Mapping[str, Ladder] = field(default_factory=dict)


# ---- output ---------------------------------------------------------------------------------------
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


# ---- symptoms ------------------------------------------------------------------------------------
class _Symptoms:
    """Check-ins indexed for the rules."""

    def __init__(self, checkins: Iterable[CheckinRec]) -> None:
        self.all = list(checkins)
        self.baselines = Baselines(self.all)
        self.mornings: dict[tuple[str, date], CheckinRec] = {}
        self.by_session: dict[tuple[int, str, str], CheckinRec] = {}
        for c in sorted(self.all, key=lambda c: c.id):
            if c.context == "next_morning":
                self.mornings[(c.region, c.local_day)] = c
            elif c.session_id is not None and c.context in ("before", "after"):
                self.by_session[(c.session_id, c.context, c.region)] = c

    def morning_after(self, session: ExerciseSession, region: str) -> CheckinRec | None:
        return self.mornings.get((region, session.day + timedelta(days=1)))

    def has_morning(self, session: ExerciseSession, regions: Sequence[str]) -> bool:
        return any(self.morning_after(session, r) for r in regions)

    def baseline(self, region: str, symptom: str, before: date) -> float | None:
        return self.baselines(region, symptom, before)

    def week_means(self, region: str, symptom: str, today: date) -> tuple[list[int], list[int]]:
        this, last = [], []
        for n in range(14):
            rec = self.mornings.get((region, today - timedelta(days=n)))
            if rec is not None:
                (this if n < 7 else last).append(getattr(rec, symptom))
        return this, last


# ---- helpers -------------------------------------------------------------------------------------
def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _day(d: date) -> str:
    return d.isoformat()


def _regions(exercise: Exercise) -> tuple[str, ...]:
    return EXERCISE_REGIONS.get(exercise.region, ("left_hand", "right_hand", "neck"))


def _since(ev: Evidence) -> datetime | None:
    return parse_stamp(ev.dose_rows[-1].since) if ev.dose_rows else None


def by_day(sessions: Iterable[ExerciseSession]) -> list[ExerciseSession]:
    """Merge the sessions of each day into one: a morning warm-up and an evening routine are one
    day's work for the 2-for-2 rule, and next-morning data belongs to the day."""
    days: dict[date, list[ExerciseSession]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.day, s.started_at)):
        days[s.day].append(s)
    return [
        ExerciseSession(
            tuple(i for s in group for i in s.session_ids),
            day,
            group[0].started_at,
            tuple(x for s in group for x in s.sets),
        )
        for day, group in days.items()
    ]


def _latest(ev: Evidence) -> ExerciseSession | None:
    days = by_day(ev.sessions)
    return days[-1] if days else None


def _at_dose(ev: Evidence) -> list[ExerciseSession]:
    """The days the exercise was done at its current dose (sessions started after it was set)."""
    since = _since(ev)
    if since is None:
        return by_day(ev.sessions)
    return by_day(s for s in ev.sessions if parse_stamp(s.started_at) >= since)


def _short_of_target(session: ExerciseSession, dose: Dose) -> str | None:
    """Why a session missed its targets, or None when every set met them."""
    sides = {s.side for s in session.sets}
    if "left" in sides or "right" in sides:
        if not {"left", "right"} <= sides:
            return f"only the {next(iter(sides - {'both'}))} side was logged"
    for s in session.sets:
        where = "" if s.side == "both" else f" on the {s.side} side"
        target = s.target_reps if s.target_reps is not None else dose.reps
        if s.stop_reason != "none":
            return f"set {s.set_number}{where} stopped for {s.stop_reason}"
        if s.reps is None or s.reps < target:
            return f"{s.reps or 0}/{target} reps in set {s.set_number}{where}"
        hold = s.target_hold_s if s.target_hold_s is not None else dose.hold_s
        if hold and (s.hold_s is None or s.hold_s < hold):
            return f"held {_fmt(s.hold_s or 0)}/{_fmt(hold)} s in set {s.set_number}{where}"
        if dose.load is not None and (s.load is None or s.load < dose.load - 1e-9):
            used = (
                "no weight"
                if s.load is None
                else f"{format_load(s.load)} {s.load_unit or dose.unit}"
            )
            wanted = f"{format_load(dose.load)} {dose.unit}"
            return f"{used} instead of {wanted} in set {s.set_number}{where}"
        if dose.level and s.level != dose.level:
            used = f"{s.level or 'no'} {dose.ladder}"
            return f"{used} instead of {dose.level} in set {s.set_number}{where}"
    return None


def _did(ev: Evidence) -> str:
    """What the last 2 sessions achieved, for a PROGRESS sentence: ``12/12 reps at 1.0 kg``."""
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


def _regress_records(ev: Evidence, today: date) -> list[date]:
    """Days in the last 7 on which a REGRESS was recorded for this exercise."""
    cutoff = today - timedelta(days=SETTLE_DAYS - 1)
    days = [day_of_stamp(r.since) for r in ev.dose_rows if r.reason.startswith("REGRESS")]
    days += [d.local_day for d in ev.decisions if d.rule.upper().startswith("REGRESS")]
    return sorted(d for d in days if cutoff <= d <= today)


def regress_target(ev: Evidence, ladders: Mapping[str, Ladder]) -> tuple[Dose, str]:
    """Back to the last tolerated dose if the current one came from a PROGRESS, else a step down."""
    rows = ev.dose_rows
    if len(rows) >= 2 and rows[-1].reason.startswith("PROGRESS"):
        previous = to_dose(rows[-2])
        if previous != ev.dose:
            return previous, "the last dose you tolerated"
    return step_down(ev.dose, ladders), "one step down"


# ---- the rules -----------------------------------------------------------------------------------
def suggest(ev: Evidence, sit: Situation, symptoms: _Symptoms | None = None) -> Suggestion:
    """The suggestion for one exercise: the first rule that matches."""
    symptoms = symptoms or _Symptoms(sit.checkins)
    for rule in (_stop, _acute, _regress, _hold_or_progress):
        found = rule(ev, sit, symptoms)
        if found is not None:
            return _with_decline(found, ev)
    raise AssertionError("HOLD/PROGRESS always decides")  # pragma: no cover


def suggest_all(evidence: Iterable[Evidence], sit: Situation) -> list[Suggestion]:
    symptoms = _Symptoms(sit.checkins)
    return [suggest(ev, sit, symptoms) for ev in evidence]


def _make(
    ev: Evidence, decision: str, rule: str, reason: str, proposed: Dose | None = None
) -> Suggestion:
    return Suggestion(ev.exercise.id, ev.exercise.name, decision, rule, reason, ev.dose, proposed)


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
        return Suggestion(**{**s.__dict__, "declined": True})
    return s


def _stop(ev: Evidence, sit: Situation, _s: _Symptoms) -> Suggestion | None:
    if not sit.open_flags:
        return None
    flag = sit.open_flags[0]
    what = flag.flag.replace("-", " ")
    more = f" (and {len(sit.open_flags) - 1} more)" if len(sit.open_flags) > 1 else ""
    reason = (
        f"red flag not yet reviewed: {what}{more}, reported {_day(day_of_stamp(flag.reported_at))} "
        f"→ no progression anywhere; stop what provokes it, get it checked, "
        f"then mark it reviewed in the red-flag check (!)"
    )
    return _make(ev, "STOP", "stop.red-flag", reason)


def _acute(ev: Evidence, sit: Situation, _s: _Symptoms) -> Suggestion | None:
    onset, profile = sit.profile.onset_date, sit.profile
    if onset is None or profile.cleared_for_strength or not ev.exercise.loadable:
        return None
    ends = onset + timedelta(weeks=ACUTE_WEEKS)
    if sit.today >= ends:
        return None
    weeks = (sit.today - onset).days // 7
    reason = (
        f"symptoms began {_day(onset)} ({weeks} week{'s' if weeks != 1 else ''} ago) and no "
        f"clinician has cleared you for strength work → keep {show_dose(ev.dose)}; gentle "
        f"range-of-motion only until {_day(ends)} or until you are cleared"
    )
    return _make(ev, "ACUTE", "acute.onset", reason)


def _regress(ev: Evidence, sit: Situation, symptoms: _Symptoms) -> Suggestion | None:
    found = _regress_why(ev, sit, symptoms)
    if found is None:
        return None
    rule, why = found
    target, how = regress_target(ev, sit.ladders)
    if target == ev.dose:
        return _make(ev, "REGRESS", rule, f"{why} → already at the gentlest dose: keep it light, "
                     f"and talk to your clinician if this keeps happening")  # fmt: skip
    return _make(ev, "REGRESS", rule, f"{why} → back to {show_dose(target)}, {how}", target)


def _regress_why(ev: Evidence, sit: Situation, symptoms: _Symptoms) -> tuple[str, str] | None:
    regions = _regions(ev.exercise)
    at_dose = _at_dose(ev)
    latest = at_dose[-1] if at_dose else None
    newest = _latest(ev)
    if latest is not None and newest is not None and latest.day == newest.day:
        if latest.peak_pain > HIGH_PAIN:
            return (
                "regress.pain",
                f"pain during reached {latest.peak_pain}/10 on {_day(latest.day)} (above {HIGH_PAIN})",
            )
        worst: tuple[float, str] | None = None
        for region in regions:
            rec = symptoms.morning_after(latest, region)
            if rec is None:
                continue
            for symptom in SYMPTOMS:
                base = symptoms.baseline(region, symptom, rec.local_day)
                value = getattr(rec, symptom)
                if base is not None and value >= base + MCID:
                    text = (
                        f"{REGION_NAMES[region]} {symptom} was {value} the morning after "
                        f"{_day(latest.day)} (baseline {_fmt(base)}; +{MCID} or more)"
                    )
                    if worst is None or value - base > worst[0]:
                        worst = (value - base, text)
        if worst is not None:
            return "regress.morning", worst[1]
    if _regress_records(ev, sit.today):
        return None  # the weekly trend has been acted on already
    for region in regions:
        for symptom in SYMPTOMS:
            this, last = symptoms.week_means(region, symptom, sit.today)
            if len(this) < TREND_MIN_MORNINGS or len(last) < TREND_MIN_MORNINGS:
                continue
            now, before = statistics.fmean(this), statistics.fmean(last)
            if now - before >= MCID:
                return "regress.trend", (
                    f"mean morning {REGION_NAMES[region]} {symptom} {_fmt(now)} over the last 7 days, "
                    f"up from {_fmt(before)} the 7 days before (+{MCID} or more)"
                )
    return None


def _hold(ev: Evidence, rule: str, why: str) -> Suggestion:
    return _make(ev, "HOLD", rule, f"{why} → repeat {show_dose(ev.dose)}")


Why = tuple[str, str] | None  # (rule, the reason's first half) or no objection


def _recently_regressed(ev: Evidence, sit: Situation, _s: _Symptoms, _l: list) -> Why:
    regressed = _regress_records(ev, sit.today)
    if not regressed:
        return None
    until = regressed[-1] + timedelta(days=SETTLE_DAYS)
    return "hold.regressed", (
        f"stepped back on {_day(regressed[-1])} (a REGRESS in the last 7 days); "
        f"wait until {_day(until)}"
    )


def _recently_changed(ev: Evidence, sit: Situation, _s: _Symptoms, _l: list) -> Why:
    if not ev.dose_rows:
        return None
    since = day_of_stamp(ev.dose_rows[-1].since)
    age = (sit.today - since).days
    if age >= SETTLE_DAYS:
        return None
    ago = "today" if age == 0 else f"{age} day{'s' if age != 1 else ''} ago"
    until = since + timedelta(days=SETTLE_DAYS)
    return (
        "hold.changed",
        f"this dose started {ago} ({_day(since)}); give it 7 days, until {_day(until)}",
    )


def _untried(ev: Evidence, sit: Situation, _s: _Symptoms, last2: list) -> Why:
    return None if last2 else ("hold.no-mornings", "no sessions at this dose yet")


def _painful(ev: Evidence, sit: Situation, _s: _Symptoms, last2: list) -> Why:
    worst = max(last2, key=lambda s: s.peak_pain)
    if worst.peak_pain <= SAFE_PAIN:
        return None
    return "hold.pain", (
        f"pain during peaked at {worst.peak_pain}/10 on {_day(worst.day)} "
        f"(progress needs ≤ {SAFE_PAIN})"
    )


def _tingled(ev: Evidence, sit: Situation, symptoms: _Symptoms, last2: list) -> Why:
    latest = last2[-1]
    for session_id in latest.session_ids:
        for region in _regions(ev.exercise):
            before = symptoms.by_session.get((session_id, "before", region))
            after = symptoms.by_session.get((session_id, "after", region))
            if before and after and after.tingling > before.tingling:
                return "hold.tingling", (
                    f"{REGION_NAMES[region]} tingling rose from {before.tingling} before to "
                    f"{after.tingling} after the session on {_day(latest.day)}"
                )
    return None


def _unchecked(ev: Evidence, sit: Situation, symptoms: _Symptoms, last2: list) -> Why:
    if len(last2) < 2:
        return "hold.no-mornings", (
            f"only 1 session at this dose so far ({_day(last2[-1].day)}); progress needs 2, "
            f"each with a next-morning check-in"
        )
    regions = _regions(ev.exercise)
    missing = [_day(s.day) for s in last2 if not symptoms.has_morning(s, regions)]
    if not missing:
        return None
    return "hold.no-mornings", (
        f"no next-morning check-in after {', '.join(missing)}; "
        f"progress needs one after each of the last 2 sessions"
    )


def _short(ev: Evidence, sit: Situation, _s: _Symptoms, last2: list) -> Why:
    for s in reversed(last2):
        short = _short_of_target(s, ev.dose)
        if short:
            return "hold.targets", f"targets not met on {_day(s.day)}: {short}"
    return None


def _unsettled(ev: Evidence, sit: Situation, symptoms: _Symptoms, last2: list) -> Why:
    for s in reversed(last2):
        for region in _regions(ev.exercise):
            rec = symptoms.morning_after(s, region)
            for symptom in SYMPTOMS if rec else ():
                base = symptoms.baseline(region, symptom, rec.local_day)
                value = getattr(rec, symptom)
                if base is not None and value > base + 1:
                    return "hold.morning", (
                        f"{REGION_NAMES[region]} {symptom} was {value} the morning after "
                        f"{_day(s.day)} (baseline {_fmt(base)}; progress needs ≤ baseline + 1)"
                    )
    return None


#: HOLD reasons in the order they are worth reading (see the module docstring).
HOLD_CHECKS = (
    _recently_regressed, _recently_changed, _untried, _painful, _tingled, _unchecked, _short, _unsettled,
)  # fmt: skip


def _hold_or_progress(ev: Evidence, sit: Situation, symptoms: _Symptoms) -> Suggestion:
    last2 = _at_dose(ev)[-2:]
    for check in HOLD_CHECKS:
        found = check(ev, sit, symptoms, last2)
        if found is not None:
            return _hold(ev, *found)
    return _progress(ev, sit, last2)


def _progress(ev: Evidence, sit: Situation, last2: list[ExerciseSession]) -> Suggestion:
    new = next_dose(ev.exercise, ev.dose, sit.ladders)
    pain = max(s.peak_pain for s in last2)
    did = (
        f"{_did(ev)}, pain during ≤ {pain} and mornings settled in your last 2 sessions "
        f"({', '.join(_day(s.day) for s in last2)})"
    )
    if new is None:
        at_top = (
            "the top of this plan"
            if ev.exercise.loadable
            else f"the top for a {ev.exercise.kind} exercise"
        )
        return _make(
            ev,
            "HOLD",
            "hold.top",
            f"{did} → this is {at_top}; keep it, and ask your clinician what comes next",
        )
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


def waiting(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions waiting for the user to accept or decline."""
    return [s for s in suggestions if s.status == "pending"]


ORDER = {"STOP": 0, "REGRESS": 1, "PROGRESS": 2, "ACUTE": 3, "HOLD": 4}


def by_urgency(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """STOP, REGRESS, PROGRESS, ACUTE, HOLD; pending before declined; stable otherwise."""
    return sorted(suggestions, key=lambda s: (ORDER[s.decision], s.status != "pending"))
