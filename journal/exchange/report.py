"""``rehab-tui report``: a one-page Markdown summary to bring to a clinician.

A pure function of ``journal.store.gather.ReportData``: period and profile, adherence per week, the
symptom trend (before and after sessions, next morning: the first two weeks of the period
against the last two), doses and every change with its reason, affected ÷ unaffected side,
red flags, and today's suggestions.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable, Sequence

from catalogue.models import Dose
from catalogue.units import dose_in, text_in
from journal.rules.doses import to_dose
from journal.rules.dosing import show_dose
from journal.rules.redflags import label
from journal.records import SYMPTOMS, CheckinRec

if TYPE_CHECKING:
    from journal.records import ProfileChangeRec
    from journal.rules.outcomes import OutcomesView
    from journal.store.gather import ReportData

REGION_LABELS = {
    "neck": "Neck", "left_hand": "Left hand", "right_hand": "Right hand",
    "left_arm": "Left arm", "right_arm": "Right arm",
}  # fmt: skip
CONTEXT_LABELS = {
    "next_morning": "next morning",
    "before": "before session",
    "after": "after session",
}
#: Days at each end of the period compared in the symptom trend.
TREND_DAYS = 14


def _d(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _pct(ratio: float | None) -> str:
    return "—" if ratio is None else f"{round(ratio * 100)} %"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _mean(values: list[int]) -> float | None:
    return statistics.fmean(values) if values else None


def _num(value: float | None) -> str:
    """A mean rating: ``2.5``, ``3`` (no needless ``.0``); ``not rated`` when there is none."""
    return "not rated" if value is None else f"{round(value, 1):g}"


def symptom_trend(
    checkins: Iterable[CheckinRec], since: date, today: date, days: int = TREND_DAYS
) -> dict[tuple[str, str], dict[str, tuple[float | None, float | None]]]:
    """(region, context) → symptom → (mean over the first ``days``, mean over the last ``days``)."""
    early_end, late_start = since + timedelta(days=days - 1), today - timedelta(days=days - 1)
    early: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    late: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    keys: set[tuple[str, str]] = set()
    for c in checkins:
        if not since <= c.local_day <= today or c.context not in CONTEXT_LABELS:
            continue
        keys.add((c.region, c.context))
        for symptom in SYMPTOMS:
            if c.local_day <= early_end:
                early[(c.region, c.context, symptom)].append(getattr(c, symptom))
            if c.local_day >= late_start:
                late[(c.region, c.context, symptom)].append(getattr(c, symptom))
    return {
        key: {s: (_mean(early[(*key, s)]), _mean(late[(*key, s)])) for s in SYMPTOMS}
        for key in keys
    }


def _adherence(data: "ReportData") -> list[str]:
    weeks = [w for w in data.weeks if not w.before]
    done = sum(w.done for w in weeks)
    prescribed = sum(w.prescribed for w in weeks)
    overall = _pct(done / prescribed if prescribed else None)
    out = [
        "## Adherence",
        "",
        f"Completed **{done} of {prescribed}** routines due ({overall}); a strength day that holds "
        f"the whole warm-up counts for the warm-up too. "
        f"Day streak {data.day_streak.current} (longest {data.day_streak.longest}); "
        f"weeks at ≥ 80 % in a row: {data.week_streak.current} "
        f"(longest {data.week_streak.longest}). Rest days and days the app advised rest "
        f"are not counted as missed.",
        "",
        "| Week of | Done | Due | Adherence |",
        "| --- | ---: | ---: | ---: |",
    ]
    for w in weeks:
        note = "" if w.complete else " (so far)"
        out.append(f"| {w.start.isoformat()}{note} | {w.done} | {w.prescribed} | {_pct(w.ratio)} |")
    return out


def _symptoms(data: "ReportData") -> list[str]:
    trend = symptom_trend(data.symptoms, data.since, data.today)
    out = [
        "## Symptom trend",
        "",
        f"Self-rated 0–10, mean of the first {TREND_DAYS} days of the period → the last "
        f"{TREND_DAYS} days.",
        "",
    ]
    if not trend:
        return out + ["No check-ins in this period."]
    out += [
        "| Region | When | Pain | Numbness | Tingling | Weakness |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for region in REGION_LABELS:
        for context in CONTEXT_LABELS:
            values = trend.get((region, context))
            if values is None:
                continue
            cells = [f"{_num(a)} → {_num(b)}" for a, b in (values[s] for s in SYMPTOMS)]
            out.append(
                f"| {REGION_LABELS[region]} | {CONTEXT_LABELS[context]} | "
                + " | ".join(cells)
                + " |"
            )
    return out


def _doses(data: "ReportData") -> list[str]:
    out = [
        "## Doses",
        "",
        "| Exercise | At the start | Now | Changes |",
        "| --- | --- | --- | ---: |",
    ]
    units = data.profile.units
    count: dict[str, int] = defaultdict(int)
    for change in data.changes:
        count[change.exercise_id] += 1
    for exercise_id, now in data.doses_now.items():
        start_rec = data.dose_at_start.get(exercise_id)
        start: Dose | None = to_dose(start_rec) if start_rec else None
        out.append(
            f"| {_cell(data.names.get(exercise_id, exercise_id))} | "
            f"{show_dose(dose_in(start, units)) if start else '—'} | {show_dose(dose_in(now, units))} | {count[exercise_id]} |"
        )
    out += ["", "### Every change, with its reason", ""]
    if not data.changes:
        return out + ["No dose changes in this period."]
    for change in data.changes:
        name = data.names.get(change.exercise_id, change.exercise_id)
        out.append(
            f"- {change.since[:10]} · {name} → {show_dose(dose_in(to_dose(change), units))}: {_cell(change.reason)}"
        )
    return out


def _sides(data: "ReportData") -> list[str]:
    affected = data.profile.affected_side
    other = data.profile.unaffected_side
    out = ["## Affected ÷ unaffected side", ""]
    if other is None or not data.sides:
        why = "no single affected side in the profile" if other is None else "no per-side sets"
        return out + [f"Not shown: {why}."]
    out += [
        f"{affected.capitalize()} ÷ {other} for exercises done on each side in turn; "
        "100 % means both sides did the same. First week with data → last week.",
        "",
        "| Exercise | Reps | Hold | Load |",
        "| --- | --- | --- | --- |",
    ]
    for exercise_id, rows in data.sides.items():
        cells = []
        for field in ("reps", "hold", "load"):
            values = [getattr(r, field) for r in rows if getattr(r, field) is not None]
            cells.append(f"{_pct(values[0])} → {_pct(values[-1])}" if values else "—")
        out.append(
            f"| {_cell(data.names.get(exercise_id, exercise_id))} | " + " | ".join(cells) + " |"
        )
    return out


def _flags(data: "ReportData") -> list[str]:
    out = ["## Red flags reported", ""]
    if not data.flags:
        return out + ["None in this period."]
    for f in data.flags:
        state = f"reviewed {f.resolved_at[:10]}" if f.resolved_at else "**not yet reviewed**"
        note = f" — {_cell(f.note)}" if f.note else ""
        out.append(
            f"- {f.reported_at[:10]}: {_cell(label(f.flag))} ({f.severity}), {state}{note}"
        )
    return out


def _suggestions(data: "ReportData") -> list[str]:
    out = ["## What the app suggests today", ""]
    shown = [s for s in data.suggestions if s.decision not in ("HOLD", "STOP")]
    held = sum(1 for s in data.suggestions if s.decision == "HOLD")
    stopped = sum(1 for s in data.suggestions if s.decision == "STOP")
    if stopped:
        out.append(f"- {stopped} exercise{'s' if stopped != 1 else ''}: no progression while the red flag is open (STOP, at the top).")
    for s in shown:
        flag = " (declined)" if s.status == "declined" else ""
        out.append(f"- **{s.decision}**{flag} {_cell(text_in(s.sentence, data.profile.units))}")
    if held:
        out.append(f"- {held} exercise{'s' if held != 1 else ''}: keep the current dose (HOLD).")
    return out


def outcome_lines(outcomes: "OutcomesView", units: str, arrow: str = "→", bold: str = "**") -> list[str]:
    """One line per PSFS activity and grip side, in the user's units: first → latest reading
    in the period, and the first reading ever as the baseline when it is older (the PDF too)."""
    from journal.rules.outcomes import grip_in, grip_text

    unit = "lb" if units == "lb" else "kg"
    out = []
    for a in outcomes.activities:
        ch, retired = a.change, " (retired)" if a.retired else ""
        if ch:
            text = f"{ch.first:g} {arrow} {ch.latest:g} of 10 ({ch.first_day} {arrow} {ch.latest_day}), {bold}{ch.direction}{bold}"
        else:
            text = f"{a.points[-1][1]} of 10 on {a.points[-1][0]}" if a.points else "not rated in this period"
        base = f"; baseline {a.baseline[1]} of 10 on {a.baseline[0]}" if a.baseline else ""
        out.append(f"PSFS “{a.name}”{retired}: {text}{base}")
    for g in outcomes.grips:
        ch = g.change
        if ch:
            text = (f"{grip_in(ch.first, units):g} {arrow} {grip_in(ch.latest, units):g} {unit} "
                    f"({ch.first_day} {arrow} {ch.latest_day}), {bold}{ch.direction}{bold}")  # fmt: skip
        else:
            text = f"{grip_text(g.points[-1][1], units)} on {g.points[-1][0]}"
        base = f"; baseline {grip_text(g.baseline[1], units)} on {g.baseline[0]}" if g.baseline else ""
        out.append(f"Grip, {g.side} hand (best of 3): {text}{base}")
    return out


def _outcomes(outcomes: "OutcomesView | None", units: str = "kg") -> list[str]:
    from journal.rules.outcomes import grip_meaningful

    out = ["## Outcome measures", ""]
    if outcomes is None or outcomes.empty:
        return out + ["No PSFS ratings or grip readings in this period."]
    out += [f"First → latest reading in this period; the baseline is the first ever, when older. "
            f"Meaningful: a PSFS change of 2 points or more; a grip change of {grip_meaningful(units)} or more.", ""]  # fmt: skip
    out += [f"- {_cell(line)}" for line in outcome_lines(outcomes, units)]
    for drop in outcomes.drops:
        out.append(f"- **{_cell(drop.sentence(units))}**")
    return out


# ---- the profile (what the patient told the app, and when clearance was given) ------------------
def _profile(data: "ReportData", changes: "Sequence[ProfileChangeRec]" = ()) -> list[str]:
    p = data.profile
    if p.onset_kind == "date" and p.onset_date:
        onset = p.onset_date.isoformat()
    else:
        onset = {"over-6-weeks": "more than 6 weeks ago"}.get(p.onset_kind, "not sure")
    cleared_at = [c.changed_at[:10] for c in changes if c.field == "cleared_for_strength" and c.new_value == "1"]
    if p.cleared_for_strength:
        cleared = f"yes, recorded {cleared_at[-1]}" if cleared_at else "yes (before changes were kept)"
    else:
        cleared = "no"
    areas = ", ".join(a for a in ("neck", "hands", "arms") if a in p.symptom_areas) or "not said"
    side = {"both": "both sides"}.get(p.affected_side, p.affected_side)
    out = [
        "## Profile",
        "",
        f"**Affected side:** {side} · **areas with symptoms:** {areas} · **symptoms began:** {onset} · "
        f"**cleared for strength work by a clinician:** {cleared} · **units:** {p.units}",
    ]
    if not p.setup_done:
        out += ["", "The patient has not answered the setup questions yet: the defaults above are the app's."]
    return out


def render(
    data: "ReportData",
    profile_changes: "Sequence[ProfileChangeRec]" = (),
    outcomes: "OutcomesView | None" = None,
) -> str:
    lines = [
        f"# Rehab summary: {_d(data.since)} – {_d(data.today)}",
        "",
        f"Prepared by rehab-tui on {_d(data.today)} from the patient's own journal: "
        "self-reported, not a clinical record, and not medical advice.",
        "",
        *_profile(data, profile_changes),
        "",
    ]
    if data.stop is not None:
        lines += [f"> **STOP** — {_cell(data.stop)}", ""]
    for section in (_adherence, _symptoms, _doses, _sides, _flags, _suggestions):
        lines += section(data) + [""]
    lines += _outcomes(outcomes, data.profile.units) + [""]
    return "\n".join(lines).rstrip() + "\n"
