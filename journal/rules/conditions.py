"""The REGRESS and HOLD conditions of SPEC §6, each a pure function of the evidence.

Each returns None (the condition does not hold) or ``(rule id, the reason's first half)``.
Only watched regions count (``catalogue/watched.py``), and only next-morning check-ins inside
their window (``journal/rules/mornings.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable, Sequence

from catalogue.models import Dose, format_load
from journal.clock import parse_stamp
from journal.rules.baseline import MCID, day_of_stamp
from journal.rules.evidence import (
    RISE_SYMPTOMS,
    Evidence,
    ExerciseSession,
    Situation,
    Symptoms,
    at_dose,
    by_day,
    dose_since,
    regions_of,
    trend_up,
)

#: Pain during: ≤ 2 safe, 3–5 acceptable, > 5 too much (Silbernagel et al. 2007).
SAFE_PAIN = 2
HIGH_PAIN = 5
#: Days a dose must stand before it changes again; days a REGRESS condition keeps holding.
SETTLE_DAYS = 7
REGION_NAMES = {
    "neck": "neck", "left_hand": "left-hand", "right_hand": "right-hand",
    "left_arm": "left-arm", "right_arm": "right-arm",
}  # fmt: skip

Why = tuple[str, str] | None


def fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def iso(d: date) -> str:
    return d.isoformat()


# ---- REGRESS -------------------------------------------------------------------------------------
def pain_too_high(session: ExerciseSession) -> Why:
    if session.peak_pain > HIGH_PAIN:
        return "regress.pain", (
            f"pain during reached {session.peak_pain}/10 on {iso(session.day)} (above {HIGH_PAIN})"
        )
    return None


def morning_rise(session: ExerciseSession, regions: Sequence[str], sy: Symptoms) -> Why:
    """The worst next-morning pain, tingling or numbness ≥ baseline + 2 after ``session``."""
    worst: tuple[float, str] | None = None
    for region in regions:
        rec = sy.morning_after(session, region)
        if rec is None:
            continue
        for symptom in RISE_SYMPTOMS:
            base = sy.baseline(region, symptom, session.day)
            value = getattr(rec, symptom)
            if base is not None and value >= base + MCID:
                text = (
                    f"{REGION_NAMES[region]} {symptom} was {value} the morning after "
                    f"{iso(session.day)} (baseline {fmt(base)}; +{MCID} or more)"
                )
                if worst is None or value - base > worst[0]:
                    worst = (value - base, text)
    return None if worst is None else ("regress.morning", worst[1])


def trend(regions: Sequence[str], sy: Symptoms, day: date) -> Why:
    found = trend_up(sy, regions, day, MCID)
    if found is None:
        return None
    region, symptom, now, before = found
    return "regress.trend", (
        f"mean morning {REGION_NAMES[region]} {symptom} {fmt(now)} over the 7 days to "
        f"{iso(day)}, up from {fmt(before)} the 7 days before (+{MCID} or more)"
    )


def newest_with_morning(days: Sequence[ExerciseSession], regions: Sequence[str], sy: Symptoms) -> ExerciseSession | None:
    for s in reversed(days):
        if sy.has_morning(s, regions):
            return s
    return None


def regress_now(ev: Evidence, sit: Situation, sy: Symptoms) -> Why:
    """REGRESS fires on evidence newer than the current dose (older evidence has been acted on:
    the dose changed after it; ``hold.regressed`` then holds it for 7 days)."""
    regions = regions_of(ev.exercise)
    days = at_dose(ev)
    every = by_day(ev.sessions)
    if days and every and days[-1].day == every[-1].day:
        found = pain_too_high(days[-1])
        if found:
            return found
    judged = newest_with_morning(days, regions, sy)
    if judged is not None:
        found = morning_rise(judged, regions, sy)
        if found:
            return found
    since = dose_since(ev)
    if since is not None and (sit.today - since.date()).days < SETTLE_DAYS:
        return None  # the dose changed within the trend's week: it has been acted on
    return trend(regions, sy, sit.today)


def regress_recorded(ev: Evidence, today: date) -> list[tuple[date, str]]:
    """REGRESS dose changes and decisions recorded in the last 7 days."""
    cutoff = today - timedelta(days=SETTLE_DAYS - 1)
    out = [(day_of_stamp(r.since), "a REGRESS dose change") for r in ev.dose_rows if r.reason.startswith("REGRESS")]
    out += [(d.local_day, f"a REGRESS {d.decision}") for d in ev.decisions if d.rule.upper().startswith("REGRESS")]
    return sorted((d, w) for d, w in out if cutoff <= d <= today)


def regress_days(ev: Evidence, sit: Situation, sy: Symptoms) -> list[tuple[date, str]]:
    """Days in the last 7 on which a REGRESS condition held, acted on or not, with why:
    the day of a session at pain > 5, the morning of a rise, a day the weekly trend was up,
    and days a REGRESS was recorded."""
    regions = regions_of(ev.exercise)
    cutoff = sit.today - timedelta(days=SETTLE_DAYS - 1)
    out: list[tuple[date, str]] = list(regress_recorded(ev, sit.today))
    for s in by_day(ev.sessions):
        found = pain_too_high(s)
        if found and cutoff <= s.day <= sit.today:
            out.append((s.day, found[1]))
        found = morning_rise(s, regions, sy)
        if found and cutoff <= s.day + timedelta(days=1) <= sit.today:
            out.append((s.day + timedelta(days=1), found[1]))
    for n in range(SETTLE_DAYS):
        day = sit.today - timedelta(days=n)
        found = trend(regions, sy, day)
        if found:
            out.append((day, found[1]))
            break
    return sorted(out)


# ---- HOLD ----------------------------------------------------------------------------------------
Check = Callable[[Evidence, Situation, Symptoms, list], Why]


def recently_regressed(ev: Evidence, sit: Situation, sy: Symptoms, _q: list) -> Why:
    found = regress_days(ev, sit, sy)
    if not found:
        return None
    day, why = found[-1]
    until = day + timedelta(days=SETTLE_DAYS)
    return "hold.regressed", (
        f"a reason to step back held on {iso(day)} — {why} — so no increase until {iso(until)}"
    )


def recently_changed(ev: Evidence, sit: Situation, _s: Symptoms, _q: list) -> Why:
    if not ev.dose_rows:
        return None
    since = day_of_stamp(ev.dose_rows[-1].since)
    age = (sit.today - since).days
    if age >= SETTLE_DAYS:
        return None
    ago = "today" if age <= 0 else f"{age} day{'s' if age != 1 else ''} ago"
    until = since + timedelta(days=SETTLE_DAYS)
    return "hold.changed", f"this dose started {ago} ({iso(since)}); give it 7 days, until {iso(until)}"


def untried(ev: Evidence, sit: Situation, _s: Symptoms, q: list) -> Why:
    return None if q else ("hold.no-mornings", "no sessions at this dose yet")


def open_flag_during(ev: Evidence, sit: Situation, _s: Symptoms, q: list) -> Why:
    """A qualifying session done while a red flag was open (reported before it ended, reviewed
    after it started, or not yet): two sessions after the review are needed."""
    for s in reversed(q):
        start, end = parse_stamp(s.started_at), s.end
        for f in sit.flags:
            closed = parse_stamp(f.resolved_at) if f.resolved_at else None
            if parse_stamp(f.reported_at) <= end and (closed is None or start < closed):
                return "hold.after-flag", (
                    f"the session on {iso(s.day)} was done while a red flag was open "
                    f"({f.flag.replace('-', ' ')}); progress needs 2 sessions after it was reviewed"
                )
    return None


def too_few_mornings(ev: Evidence, sit: Situation, sy: Symptoms, q: list) -> Why:
    regions = regions_of(ev.exercise)
    if len(q) < 2:
        return "hold.no-mornings", (
            f"only 1 session at this dose so far ({iso(q[-1].day)}); progress needs 2, "
            f"each with a next-morning check-in"
        )
    missing = [iso(s.day) for s in q if not sy.has_morning(s, regions)]
    if not missing:
        return None
    return "hold.no-mornings", (
        f"no next-morning check-in (04:00–13:59 the next day) after {', '.join(missing)}; "
        f"progress needs one after each of the last 2 sessions"
    )


def unrated(ev: Evidence, sit: Situation, _s: Symptoms, q: list) -> Why:
    for s in reversed(q):
        if s.unrated:
            return "hold.unrated", (
                f"pain during was not rated in {s.unrated} set{'s' if s.unrated != 1 else ''} on "
                f"{iso(s.day)}; progress needs a rating (0–9) for every set"
            )
    return None


def painful(ev: Evidence, sit: Situation, _s: Symptoms, q: list) -> Why:
    worst = max(q, key=lambda s: s.peak_pain)
    if worst.peak_pain <= SAFE_PAIN:
        return None
    return "hold.pain", (
        f"pain during peaked at {worst.peak_pain}/10 on {iso(worst.day)} (progress needs ≤ {SAFE_PAIN})"
    )


def no_baseline(ev: Evidence, sit: Situation, sy: Symptoms, q: list) -> Why:
    """A next morning that cannot be judged: a watched region rated with no baseline before."""
    for s in reversed(q):
        for region in regions_of(ev.exercise):
            if sy.morning_after(s, region) is None:
                continue
            if sy.baseline(region, "pain", s.day) is None:
                return "hold.no-baseline", (
                    f"no baseline yet for the {REGION_NAMES[region]} before {iso(s.day)} (no earlier "
                    f"next-morning or before-session rating), so that morning cannot be judged"
                )
    return None


def tingled(ev: Evidence, sit: Situation, sy: Symptoms, q: list) -> Why:
    """Tingling or numbness after a session above before it (else above the baseline)."""
    for s in reversed(q):
        for region in regions_of(ev.exercise):
            for session_id in s.session_ids:
                after = sy.by_session.get((session_id, "after", region))
                if after is None:
                    continue
                before = sy.by_session.get((session_id, "before", region))
                for symptom in ("tingling", "numbness"):
                    value = getattr(after, symptom)
                    if before is not None:
                        if value > getattr(before, symptom):
                            return "hold.tingling", (
                                f"{REGION_NAMES[region]} {symptom} rose from {getattr(before, symptom)} "
                                f"before to {value} after the session on {iso(s.day)}"
                            )
                        continue
                    base = sy.baseline(region, symptom, s.day)
                    if base is None:
                        return "hold.tingling", (
                            f"{REGION_NAMES[region]} {symptom} was {value} after the session on "
                            f"{iso(s.day)}, with no before check-in and no baseline to compare"
                        )
                    if value > base:
                        return "hold.tingling", (
                            f"{REGION_NAMES[region]} {symptom} was {value} after the session on "
                            f"{iso(s.day)}, above the baseline {fmt(base)} (no before check-in)"
                        )
    return None


def short_of_target(session: ExerciseSession, dose: Dose) -> str | None:
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
            return f"held {fmt(s.hold_s or 0)}/{fmt(hold)} s in set {s.set_number}{where}"
        if dose.load is not None and (s.load is None or s.load < dose.load - 1e-9):
            used = "no weight" if s.load is None else f"{format_load(s.load)} {s.load_unit or dose.unit}"
            return f"{used} instead of {format_load(dose.load)} {dose.unit} in set {s.set_number}{where}"
        if dose.level and s.level != dose.level:
            return f"{s.level or 'no'} {dose.ladder} instead of {dose.level} in set {s.set_number}{where}"
    # A session abandoned (or never finished) before the dose's sets were done is not the dose
    # done. In a finished one, fewer sets can be the routine's own (a warm-up step of 1 set).
    for side in sorted(sides) if not session.completed else ():
        done = sum(1 for s in session.sets if s.side == side)
        if done < dose.sets:
            where = "" if side == "both" else f" on the {side} side"
            return f"{done} of {dose.sets} sets{where}"
    return None


def short(ev: Evidence, sit: Situation, _s: Symptoms, q: list) -> Why:
    for s in reversed(q):
        why = short_of_target(s, ev.dose)
        if why:
            return "hold.targets", f"targets not met on {iso(s.day)}: {why}"
    return None


def unsettled(ev: Evidence, sit: Situation, sy: Symptoms, q: list) -> Why:
    for s in reversed(q):
        for region in regions_of(ev.exercise):
            rec = sy.morning_after(s, region)
            for symptom in RISE_SYMPTOMS if rec else ():
                base = sy.baseline(region, symptom, s.day)
                value = getattr(rec, symptom)
                if base is None or value > base + 1:
                    return "hold.morning", (
                        f"{REGION_NAMES[region]} {symptom} was {value} the morning after "
                        f"{iso(s.day)} (baseline {fmt(base) if base is not None else 'none'}; "
                        f"progress needs ≤ baseline + 1)"
                    )
    return None


#: HOLD conditions in the order their reasons are worth reading; the first that holds is shown.
HOLD_CHECKS: tuple[Check, ...] = (
    recently_regressed, recently_changed, untried, open_flag_during, unrated, painful,
    too_few_mornings, no_baseline, tingled, short, unsettled,
)  # fmt: skip
#: The rule id each HOLD check gives, in the order checked (the README's table keeps this order;
#: ``untried`` — no session at this dose at all — leaves nothing else to judge).
HOLD_IDS: dict[Check, str] = {
    recently_regressed: "hold.regressed", recently_changed: "hold.changed", untried: "hold.no-mornings",
    open_flag_during: "hold.after-flag", unrated: "hold.unrated", painful: "hold.pain",
    too_few_mornings: "hold.no-mornings", no_baseline: "hold.no-baseline", tingled: "hold.tingling",
    short: "hold.targets", unsettled: "hold.morning",
}  # fmt: skip


def qualifying(ev: Evidence) -> list[ExerciseSession]:
    """The last 2 days the exercise was done at its current dose (what PROGRESS is judged on)."""
    return at_dose(ev)[-2:]


def hold_reason(ev: Evidence, sit: Situation, sy: Symptoms) -> Why:
    q = qualifying(ev)
    for check in HOLD_CHECKS:
        found = check(ev, sit, sy, q)
        if found is not None:
            return found
    return None
