"""History's Outcomes panel: each PSFS activity and each hand's grip over time, as a sparkline
of its readings with first → latest and whether the change is meaningful. Text only, so it
reads the same at 80×24 and 120×40."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from rich.text import Text

from journal.rules.outcomes import grip_in, grip_meaningful

if TYPE_CHECKING:
    from journal.rules.outcomes import Change, OutcomesView
    from tui.theme import Palette

BLOCKS = "▁▂▃▄▅▆▇█"
#: Readings shown in a sparkline (the newest).
SPARK = 16
NAME = 22


def sparkline(values: Sequence[float], lo: float, hi: float) -> str:
    """One block per reading, its height between lo and hi; padded to SPARK on the left."""
    shown = list(values)[-SPARK:]
    span = (hi - lo) or 1
    line = "".join(BLOCKS[min(len(BLOCKS) - 1, max(0, round((v - lo) / span * (len(BLOCKS) - 1))))] for v in shown)
    return line.rjust(SPARK)


def _change(change: "Change | None", unit: str, colours: "Palette", units: str = "") -> Text:
    if change is None:
        return Text("one reading: no change yet", colours.muted)
    colour = colours.muted if not change.meaningful else colours.success if change.delta > 0 else colours.error
    word = "no real change" if not change.meaningful else "better ▲" if change.delta > 0 else "worse ▼"
    first, latest = (grip_in(change.first, units), grip_in(change.latest, units)) if units else (change.first, change.latest)
    return Text.assemble(f"{first:g} → {latest:g}{unit}  ", (word, colour))


def outcomes_text(
    view: "OutcomesView", colours: "Palette", keys: tuple[str, str] = ("f", "g"), units: str = "kg"
) -> Text:
    """The panel's text; grip shown in the user's ``units`` (the rules work in kg)."""
    out = Text()
    psfs_key, grip_key = keys
    if not view.activities:
        out.append(f"PSFS: name up to 3 activities that are hard now and rate them weekly: press {psfs_key}.\n",
                   colours.muted)  # fmt: skip
    else:
        out.append("PSFS", "bold")
        since = min((a.points[0][0] for a in view.activities if a.points), default=None)
        when = f" · since {since.day} {since:%b %Y}" if since else ""
        out.append(f"  0 = unable, 10 = as before; ±2 is meaningful{when}\n", colours.muted)
    for a in view.activities:
        name = a.name if len(a.name) <= NAME else a.name[: NAME - 1] + "…"
        out.append(f"{name:<{NAME}} ", colours.muted if a.retired else "")
        out.append(sparkline([s for _, s in a.points], 0, 10), colours.primary)
        out.append("  ")
        out.append(_change(a.change, "", colours) if a.points else Text("not rated yet", colours.muted))
        out.append("\n")
    if view.activities and view.psfs_due:
        out.append(f"Due this week: press {psfs_key} to rate them.\n", colours.warning)
    if not view.grips:
        out.append(f"\nGrip (optional, hand dynamometer): press {grip_key} to enter the best of 3 per hand.",
                   colours.muted)  # fmt: skip
        return out
    out.append("\nGrip", "bold")
    since = min(g.points[0][0] for g in view.grips)
    out.append(f"  {units}, best of 3; ±{grip_meaningful(units)} is meaningful · since {since.day} {since:%b %Y}\n", colours.muted)
    values = [v for g in view.grips for _, v in g.points]
    top, low = max(values), max(0.0, min(values) - 5)  # the range read, so a change shows
    for g in view.grips:
        out.append(f"{g.side.capitalize() + ' hand':<{NAME}} ")
        out.append(sparkline([v for _, v in g.points], low, top), colours.accent)
        out.append("  ")
        out.append(_change(g.change, f" {units}", colours, units) if g.change
                   else Text(f"{grip_in(g.points[-1][1], units):g} {units}", ""))
        out.append("\n")
    for drop in view.drops:
        out.append(f"{drop.sentence()} Press ! for the red-flag check.\n", f"bold {colours.error}")
    out.rstrip()
    return out
