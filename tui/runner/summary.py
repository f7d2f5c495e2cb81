"""What the runner writes: set lines, last session's numbers, and the end-of-session summary."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from catalogue.models import format_load
from tui.widgets.symptoms import REGION_LABELS

if TYPE_CHECKING:
    from journal.records import SessionRec, SetRec
    from tui.runner.flow import RunFlowState
    from tui.theme import Palette


def side_label(side: str, affected: str) -> str:
    if side == "both":
        return "both sides"
    return f"{side} side" + (" (affected)" if side == affected else "")


def set_line(rec: "SetRec", units: str | None = None) -> str:
    """``right set 1: 8 reps · hold 4 s · 0.5 kg · pain 2 · stopped: tingling``; a load in the
    user's ``units`` when given (each set keeps the unit it was logged in)."""
    from catalogue.units import show_load

    parts = [f"{rec.reps if rec.reps is not None else '–'} rep{'' if rec.reps == 1 else 's'}"]
    if rec.hold_s is not None:
        parts.append(f"hold {rec.hold_s:g} s")
    if rec.load is not None:
        parts.append(show_load(rec.load, rec.load_unit, units))
    elif rec.level:
        parts.append(rec.level)
    if rec.pain_during is not None:
        parts.append(f"pain {rec.pain_during}")
    if rec.stop_reason != "none":
        parts.append(f"stopped: {rec.stop_reason}")
    side = "" if rec.side == "both" else f"{rec.side} "
    return f"{side}set {rec.set_number}: " + " · ".join(parts)


def last_time_text(sets: Sequence["SetRec"], today: date, units: str | None = None) -> str:
    from tui.screens.today import friendly_day

    if not sets:
        return "First time: no earlier sets of this exercise."
    day = friendly_day(date.fromisoformat(sets[0].logged_at[:10]), today)
    lines = [f"Last time ({day}):"] + [f"  {set_line(s, units)}" for s in sets[:8]]
    if len(sets) > 8:
        lines.append(f"  … and {len(sets) - 8} more")
    return "\n".join(lines)


def session_note(flow: "RunFlowState", despite_stop: bool, extra: str = "") -> str:
    """The session's note: what was skipped or ended early, and why."""
    names = {p.step: p.exercise.name for p in flow.plan}
    done_steps = {flow.plan[d.index].step for d in flow.done if d.index < len(flow.plan)}
    skipped, ended, not_done = [], [], []
    for step, why in sorted(flow.skipped.items()):
        name = names.get(step, "?")
        if why.startswith("ended early"):
            ended.append(f"{name} ({why.split(': ', 1)[-1]})")
        elif why == "skipped":
            skipped.append(name + (" (rest of it)" if step in done_steps else ""))
        else:
            not_done.append(name)
    parts = []
    if skipped:
        parts.append("Skipped: " + ", ".join(skipped) + ".")
    if ended:
        parts.append("Ended early: " + ", ".join(ended) + ".")
    if not_done:
        parts.append("Not done (session ended early): " + ", ".join(not_done) + ".")
    if extra:
        parts.append(extra)
    if despite_stop:
        parts.append("Started while a red flag was open.")
    return " ".join(parts)


RATINGS = ("pain", "numbness", "tingling", "weakness")


def summary(
    session: "SessionRec",
    sets: Sequence["SetRec"],
    *,
    flow: "RunFlowState",
    routine_name: str,
    regions: Sequence[str],
    before: Mapping[str, Mapping[str, int]],
    after: Mapping[str, Mapping[str, int]],
    colours: "Palette",
    narrow: bool = False,
) -> Group:
    """Every exercise (sets, skipped, or ended early and why), symptoms before → after, time."""
    from journal.clock import parse_stamp

    seconds = 0.0
    if session.ended_at:
        seconds = (parse_stamp(session.ended_at) - parse_stamp(session.started_at)).total_seconds()
    minutes = round(seconds / 60)
    took = f"{minutes} min" if minutes >= 1 else "under a minute"
    if sets:
        title = Text(
            f"Session complete — {routine_name}, {len(sets)} set{'s' if len(sets) != 1 else ''} in {took}",
            style=f"bold {colours.success}",
        )
    else:
        title = Text(
            "Nothing was logged, so this session is not counted (marked abandoned).",
            style=f"bold {colours.warning}",
        )
    columns = (("Exercise", "left"), ("Side", "left"), ("Sets", "right"), ("Reps", "left"), ("Hold", "right"),
               ("Load", "left"), ("Pain", "right"), ("Effort", "right"), ("How it went", "left"))  # fmt: skip
    # 80 columns: what matters most (the side too: an exercise done on each side has a row for each)
    keep = (0, 1, 2, 3, 6, 8) if narrow else tuple(range(len(columns)))
    table = Table(box=None, pad_edge=False, header_style="bold")  # as wide as it needs, no wider
    for i in keep:
        name, justify = columns[i]
        wraps = name in ("Exercise", "How it went")
        table.add_column(name, justify=justify, no_wrap=not wraps, min_width=14 if name == "Exercise" else None)  # type: ignore[arg-type]

    def add(cells: list[Any]) -> None:
        table.add_row(*(cells[i] for i in keep))

    steps: dict[int, str] = {}
    for p in flow.plan:
        steps.setdefault(p.step, p.exercise.id)
    by_exercise: dict[str, list[SetRec]] = {}
    for s in sets:
        by_exercise.setdefault(s.exercise_id, []).append(s)
    names = {p.exercise.id: p.exercise.name for p in flow.plan}
    for step, exercise_id in steps.items():
        group = by_exercise.pop(exercise_id, [])
        why = flow.skipped.get(step, "")
        if not group:
            status = Text(why, style=colours.error if why.startswith("ended") else colours.warning) if why else Text("not done", style=colours.muted)
            add([names[exercise_id], "–", "0", "–", "–", "–", "–", "–", status])
            continue
        sides = list(dict.fromkeys(s.side for s in group))  # in the order they were done
        by_side = {side: [s for s in group if s.side == side] for side in sides}
        for i, (side, rows) in enumerate(by_side.items()):
            name = names.get(exercise_id, rows[0].exercise_name)
            add([*_cells(name if i == 0 else "", side, rows, colours), _status(why, side, by_side, first=i == 0, colours=colours)])
    for rows in by_exercise.values():  # sets of exercises no longer in the plan (a resume after "mobility only")
        add([*_cells(rows[0].exercise_name, rows[0].side, rows, colours), Text(_stops(rows) or "done", style=colours.success)])
    blocks: list[Any] = [title, Text(f"Time: {took} ({session.started_at[11:16]}–{(session.ended_at or '')[11:16]})", style=colours.muted), Text(), table]
    if before or after:
        blocks += [Text(), Text("Symptoms before → after", style="bold")]
        symptoms = Table(box=None, pad_edge=False, header_style="bold")
        symptoms.add_column("Region", no_wrap=True)
        for r in RATINGS:
            symptoms.add_column(r.capitalize(), justify="center", no_wrap=True)
        for region in regions:
            b, a = before.get(region, {}), after.get(region, {})
            if not b and not a:
                continue
            cells: list[Any] = [REGION_LABELS.get(region, region)]
            for r in RATINGS:
                bv, av = b.get(r), a.get(r)
                worse = bv is not None and av is not None and av > bv
                cells.append(Text(f"{'–' if bv is None else bv} → {'–' if av is None else av}", style=f"bold {colours.warning}" if worse else ""))
            symptoms.add_row(*cells)
        blocks.append(symptoms)
    else:
        blocks += [Text(), Text("No symptom ratings before or after: nothing to compare.", style=colours.muted)]
    blocks += [
        Text(),
        Text("Tomorrow morning the app asks how you feel (the next-morning check-in): that tells it how this session suited you.", style=colours.muted),
        Text(),
        Text("enter or escape: back to Today", style="bold"),
    ]
    return Group(*blocks)


def _status(why: str, side: str, by_side: Mapping[str, Sequence["SetRec"]], *, first: bool, colours: "Palette") -> Text | str:
    """A side's "How it went": "ended early: tingling" on the side whose set was stopped (not
    on the other); "skipped" on the first row; a fatigue stop on its own side; else "done"."""
    ended = why.split(": ", 1)[-1] if why.startswith("ended early") else ""
    if ended:
        stopped = [s for s, rows in by_side.items() if any(r.stop_reason == ended for r in rows)]
        if side == (stopped[-1] if stopped else next(iter(by_side))):
            return Text(why, style=colours.error)
    elif why and first:
        return Text(why, style=colours.warning)
    stops = _stops(by_side[side])
    if stops:
        return Text(stops, style=colours.warning)
    return Text("done", style=colours.success) if first and not why else ""


def _stops(group: Sequence["SetRec"]) -> str:
    """"stopped: fatigue" when a set ended early without stopping the exercise."""
    reasons = sorted({s.stop_reason for s in group if s.stop_reason != "none"})
    return ("stopped: " + ", ".join(reasons)) if reasons else ""


def _cells(name: str, side: str, group: Sequence["SetRec"], colours: "Palette") -> list[Any]:
    holds = [s.hold_s for s in group if s.hold_s is not None]
    pains = [s.pain_during for s in group if s.pain_during is not None]
    efforts = [s.effort for s in group if s.effort is not None]
    first = group[0]
    load = f"{format_load(first.load)} {first.load_unit}" if first.load is not None else first.level or "–"
    return [
        name, side, str(len(group)), ", ".join(str(s.reps) for s in group),
        f"{min(holds):g} s" if holds else "–", load,
        Text(str(max(pains)), style=colours.score(max(pains))) if pains else "–",
        str(max(efforts)) if efforts else "–",
    ]  # fmt: skip
