"""Rich renderables for History: streaks and adherence, the heat map, suggestions, the side table.

Plain functions of the data and the theme palette, so they are easy to test and to reuse (Today
shows the streak line too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from tui.words import plural

if TYPE_CHECKING:
    from journal.rules.history import Day, SideWeek, Streak, Week
    from journal.rules.progression import Suggestion
    from tui.theme import Palette

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Day state → (glyph, palette colour name, legend text). Glyphs differ too, not only colours.
DAY_LOOK = {
    "done": ("■", "success", "done"),
    "partial": ("◩", "warning", "partly"),
    "missed": ("□", "error", "missed"),
    "protected": ("◆", "primary", "advised rest"),
    "rest": ("·", "muted", "rest day"),
    "pending": ("○", "warning", "today, to do"),
    "before": (" ", "muted", ""),
    "future": (" ", "muted", ""),
}
DECISION_COLOUR = {
    "STOP": "error", "REGRESS": "error", "ACUTE": "warning", "HOLD": "muted", "PROGRESS": "success",
}  # fmt: skip


def _colour(colours: "Palette", name: str) -> str:
    return getattr(colours, name)


def streak_text(day: "Streak", week: "Streak", colours: "Palette") -> Text:
    return Text.assemble(
        ("Day streak   ", "bold"),
        (f"{plural(day.current, 'day'):>8}", f"bold {colours.success}" if day.current else ""),
        (f"  longest {day.longest}\n", colours.muted),
        ("Week streak  ", "bold"),
        (f"{plural(week.current, 'week'):>8}", f"bold {colours.success}" if week.current else ""),
        (f"  longest {week.longest} (≥ 80 %)", colours.muted),
    )


def adherence_text(weeks: Sequence["Week"], colours: "Palette", bar: int = 10) -> Text:
    out = Text()
    for i, w in enumerate(weeks):
        if i:
            out.append("\n")
        label = f"{w.start.day:>2} {w.start:%b}"
        ratio = w.ratio
        if w.before or ratio is None:
            out.append(f"{label}  ")
            out.append("·" * bar, colours.muted)
            out.append("     —" if w.before else "  rest", colours.muted)
            continue
        fill = round(min(ratio, 1.0) * bar)
        colour = (
            colours.success if ratio >= 0.8 else colours.warning if ratio >= 0.5 else colours.error
        )
        out.append(f"{label}  ")
        out.append("█" * fill, colour)
        out.append("░" * (bar - fill), colours.muted)
        out.append(f" {round(ratio * 100):>3} % ", "bold")
        out.append(f"{w.done}/{w.prescribed}", colours.muted)
        if not w.complete:
            out.append(" so far", colours.muted)
    return out


def heatmap(days: Sequence["Day"], colours: "Palette") -> Text:
    """Weeks as columns (oldest left), Monday to Sunday as rows; ``days`` start on a Monday."""
    weeks = [days[k : k + 7] for k in range(0, len(days), 7)]
    # Month names over the week columns they start in (three letters span two columns).
    header = [" "] * (4 + 2 * len(weeks) + 2)
    # A month is named over the column of the week holding its 1st — the current month too,
    # even before its first Monday — and the first column is named unless that would overlap.
    starts = [k for k, week in enumerate(weeks) if k and any(d.day.day == 1 for d in week)]
    labels = {k: next(d.day for d in weeks[k] if d.day.day == 1) for k in starts}
    if weeks and 1 not in labels:
        labels[0] = weeks[0][0].day
    for k, first in labels.items():
        for j, ch in enumerate(f"{first:%b}"):
            pos = 4 + 2 * k + j
            if pos < len(header):
                header[pos] = ch
    out = Text("".join(header).rstrip() + "\n", colours.muted)
    for row in range(7):
        out.append(f"{WEEKDAYS[row]} ", colours.muted)
        for week in weeks:
            glyph, colour, _ = DAY_LOOK[week[row].state] if row < len(week) else (" ", "muted", "")
            out.append(f"{glyph} ", _colour(colours, colour))
        out.append("\n")
    shown = {d.state for d in days}
    legend = Text()
    for state, (glyph, colour, text) in DAY_LOOK.items():
        if text and state in shown:
            legend.append(f"{glyph} ", _colour(colours, colour))
            legend.append(f"{text}  ", colours.muted)
    out.append(legend)
    return out


def suggestion_prompt(s: "Suggestion", colours: "Palette", units: str | None = None) -> Group:
    from catalogue.units import dose_in, text_in
    from journal.rules.dosing import show_dose

    colour = _colour(colours, DECISION_COLOUR[s.decision])
    head = Text.assemble((f"{s.decision:<8}", f"bold {colour}"), " ", (s.exercise_name, "bold"))
    if s.changes and s.proposed is not None:
        head.append(f"  {show_dose(dose_in(s.current, units))} → {show_dose(dose_in(s.proposed, units))}")
    if s.status == "pending":
        head.append("  · waiting for you", "bold")
    elif s.status == "declined":
        head.append("  · declined", "italic")
    reason = text_in(s.reason[0].upper() + s.reason[1:], units)
    body = Table.grid(padding=0)
    body.add_column(width=9, no_wrap=True)
    body.add_column(ratio=1)
    body.add_row("", Text.assemble(reason, (f"  [{s.rule}]", colours.muted)))
    return Group(head, body)


def _ratio_cell(ratio: float | None, colours: "Palette") -> Text:
    if ratio is None:
        return Text("–", colours.muted)
    pct = round(ratio * 100)
    colour = colours.success if pct >= 95 else colours.warning if pct >= 80 else colours.error
    return Text(f"{pct}", colour)


class _FitTable:
    """Builds its table at render time, so the exercise column fits whatever width there is."""

    def __init__(self, build: Callable[[int], Table]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def side_table(
    sides: dict[str, list["SideWeek"]],
    names: dict[str, str],
    affected: str,
    other: str | None,
    colours: "Palette",
    weeks: int = 8,
) -> Group | Text:
    if other is None:
        return Text(
            f"Your profile says the affected side is '{affected}', so there is no other side to "
            "compare against.",
            colours.muted,
        )
    if not sides:
        return Text("No sets done on each side in turn in the last 8 weeks.", colours.muted)
    heads = [f"{w.start.day}/{w.start.month}" for w in next(iter(sides.values()))[-weeks:]]

    def latest(data: list["SideWeek"], field: str) -> float | None:
        values = [getattr(w, field) for w in data if getattr(w, field) is not None]
        return values[-1] if values else None

    extra = [
        (label, field)
        for label, field in (("Load", "load"), ("Hold", "hold"))
        if any(latest(data, field) is not None for data in sides.values())
    ]

    def build(width: int) -> Table:
        # One space before every column but the first; numbers are at most 3 wide.
        fixed = sum(max(len(h), 3) + 1 for h in heads) + sum(len(x) + 1 for x, _ in extra)
        table = Table(box=None, pad_edge=False, header_style="bold", padding=(0, 0, 0, 1))
        name_width = max(8, min(28, width - fixed))
        table.add_column("Exercise", no_wrap=True, overflow="ellipsis", width=name_width)
        for head in heads:
            table.add_column(head, justify="right", no_wrap=True, min_width=len(head))
        for label, _ in extra:
            table.add_column(label, justify="right", no_wrap=True, min_width=len(label))
        for exercise_id, data in sides.items():
            data = data[-weeks:]
            table.add_row(
                names.get(exercise_id, exercise_id),
                *(_ratio_cell(w.reps, colours) for w in data),
                *(_ratio_cell(latest(data, field), colours) for _, field in extra),
            )
        return table

    also = " and ".join(label.lower() for label, _ in extra)
    caption = Text(
        f"{affected.capitalize()} ÷ {other} in %: mean reps in each week (starting d/m)"
        + (f"; {also} in the latest week with data" if also else "")
        + ". 100 = both sides alike.",
        colours.muted,
    )
    return Group(_FitTable(build), Text(), caption)
