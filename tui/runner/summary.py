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
    from tui.theme import Palette


def side_label(side: str, affected: str) -> str:
    if side == "both":
        return "both sides"
    return f"{side} side" + (" (affected)" if side == affected else "")


def set_line(rec: "SetRec") -> str:
    """``right set 1: 8 reps · hold 4 s · 0.5 kg · pain 2 · stopped: tingling``."""
    parts = [f"{rec.reps if rec.reps is not None else '–'} reps"]
    if rec.hold_s is not None:
        parts.append(f"hold {rec.hold_s:g} s")
    if rec.load is not None:
        parts.append(f"{format_load(rec.load)} {rec.load_unit or ''}".strip())
    elif rec.level:
        parts.append(rec.level)
    if rec.pain_during is not None:
        parts.append(f"pain {rec.pain_during}")
    if rec.stop_reason != "none":
        parts.append(f"stopped: {rec.stop_reason}")
    side = "" if rec.side == "both" else f"{rec.side} "
    return f"{side}set {rec.set_number}: " + " · ".join(parts)


def last_time_text(sets: Sequence["SetRec"], today: date) -> str:
    from tui.screens.today import friendly_day

    if not sets:
        return "First time: no earlier sets of this exercise."
    day = friendly_day(date.fromisoformat(sets[0].logged_at[:10]), today)
    lines = [f"Last time ({day}):"] + [f"  {set_line(s)}" for s in sets[:8]]
    if len(sets) > 8:
        lines.append(f"  … and {len(sets) - 8} more")
    return "\n".join(lines)


def summary(
    session: "SessionRec",
    sets: Sequence["SetRec"],
    *,
    routine_name: str,
    skipped: Sequence[str],
    regions: Sequence[str],
    before: Mapping[str, Mapping[str, int]],
    after: Mapping[str, Mapping[str, int]],
    colours: "Palette",
) -> Group:
    """Sets per exercise and side, what was skipped, and pain before → after."""
    from journal.clock import parse_stamp

    minutes = 0
    if session.ended_at:
        minutes = round((parse_stamp(session.ended_at) - parse_stamp(session.started_at)).total_seconds() / 60)
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
    table = Table(box=None, pad_edge=False, header_style="bold")  # as wide as it needs, no wider
    for name, justify in (("Exercise", "left"), ("Side", "left"), ("Sets", "right"), ("Reps", "left"),
                          ("Hold", "right"), ("Load", "left"), ("Pain", "right"), ("Stopped", "left")):  # fmt: skip
        table.add_column(name, justify=justify, no_wrap=name != "Exercise")  # type: ignore[arg-type]
    groups: dict[tuple[str, str], list[SetRec]] = {}
    for s in sets:
        groups.setdefault((s.exercise_name, s.side), []).append(s)
    for (name, side), group in groups.items():
        holds = [s.hold_s for s in group if s.hold_s is not None]
        pains = [s.pain_during for s in group if s.pain_during is not None]
        first = group[0]
        load = f"{format_load(first.load)} {first.load_unit}" if first.load is not None else first.level or "–"
        stops = sorted({s.stop_reason for s in group if s.stop_reason != "none"})
        table.add_row(
            name, side, str(len(group)), ", ".join(str(s.reps) for s in group),
            f"{min(holds):g} s" if holds else "–", load,
            Text(str(max(pains)), style=colours.score(max(pains))) if pains else "–",
            Text(", ".join(stops), style=colours.warning) if stops else "",
        )  # fmt: skip
    blocks: list[Any] = [title, Text()]
    if sets:
        blocks.append(table)
    if skipped:
        blocks += [Text(), Text("Skipped: " + ", ".join(skipped), style=colours.muted)]
    if before or after:
        blocks += [Text(), Text("Pain before → after", style="bold")]
        for region in regions:
            b, a = before.get(region, {}).get("pain"), after.get(region, {}).get("pain")
            if b is None and a is None:
                continue
            label = REGION_LABELS.get(region, region)
            blocks.append(Text(f"  {label:<11} {'–' if b is None else b} → {'–' if a is None else a}"))
    blocks += [
        Text(),
        Text("Tomorrow morning the app asks how you feel: that tells it how this session suited you.", style=colours.muted),
        Text(),
        Text("enter or escape: back to Today", style="bold"),
    ]
    return Group(*blocks)
