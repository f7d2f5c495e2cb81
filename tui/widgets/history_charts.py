"""History charts drawn with textual-plotext: one exercise's progress, and morning symptoms.

Each function takes the widget's ``plt`` and plain data; colours come from the theme palette
(the plot's background and axes follow the theme through PlotextPlot's "auto" theme).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Sequence

from textual.color import Color

if TYPE_CHECKING:
    from textual_plotext.plot import Plot

    from catalogue import Ladder
    from journal.rules.history import SeriesPoint
    from journal.records import CheckinRec
    from tui.theme import Palette

DATE_FORM = ("Y-m-d", "d b")
SMOOTH_DAYS = 7


def rgb(colour: str) -> tuple[int, int, int]:
    """A theme colour as RGB for plotext. ANSI themes name terminal colours (``bright_black``),
    which Textual's parser refuses: those go through Rich's standard palette instead."""
    try:
        return Color.parse(colour).rgb
    except Exception:  # noqa: BLE001 - ColorParseError, or a name only Rich knows
        try:
            from rich.color import Color as RichColor

            return tuple(RichColor.parse(colour.removeprefix("ansi_")).get_truecolor())  # type: ignore[return-value]
        except Exception:  # noqa: BLE001
            return (128, 128, 128)


def _start(plt: "Plot", title: str) -> None:
    plt.clear_figure()
    plt.date_form(*DATE_FORM)
    plt.title(title)


Legend = list[tuple[str, str]]


def nice_ticks(lo: float, hi: float, *, whole: bool, most: int = 6) -> list[float]:
    """Round tick values spanning lo..hi (whole numbers only for counts such as reps)."""
    if hi <= lo:
        hi = lo + 1
    steps = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100]
    step = next((s for s in steps if (not whole or s >= 1) and (hi - lo) / s <= most - 1), 100)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + 1e-9:
        ticks.append(round(t, 2))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(t, 2))
    return ticks


def _label(value: float) -> str:
    return f"{value:g}"


#: The shortest span the time axis shows: one session is not drawn across years.
MIN_SPAN_DAYS = 14


def date_ticks(days: Sequence[date], most: int = 5) -> tuple[date, date, list[date]]:
    """The time axis for ``days``: its first and last day and up to ``most`` ticks between,
    whole days apart. One day or a few days close together get a span of at least
    ``MIN_SPAN_DAYS`` around them (plotext alone spreads a single point over years)."""
    lo, hi = min(days), max(days)
    short = MIN_SPAN_DAYS - (hi - lo).days
    if short > 0:
        lo -= timedelta(days=short // 2)
        hi += timedelta(days=short - short // 2)
    span = (hi - lo).days
    step = max(1, math.ceil(span / (most - 1)))
    ticks = [lo + timedelta(days=k) for k in range(0, span + 1, step)]
    return lo, hi, ticks


def date_axis(plt: "Plot", days: Sequence[date]) -> None:
    """Fix the x axis to the days plotted (``date_ticks``), labelled ``4 Dec``."""
    if not days:
        return
    lo, hi, ticks = date_ticks(days)
    plt.xlim(lo.isoformat(), (hi + timedelta(days=1)).isoformat())  # a tick on the last day keeps its label
    plt.xticks([t.isoformat() for t in ticks], [f"{t.day} {t:%b}" for t in ticks])


def first_day(series: dict[str, list["SeriesPoint"]]) -> date | None:
    """The first day with a point in any side's series (what the chart's title says)."""
    return min((p.day for points in series.values() for p in points), default=None)


def draw_progress(
    plt: "Plot",
    series: dict[str, list["SeriesPoint"]],
    name: str,
    affected: str,
    ladders: dict[str, "Ladder"],
    colours: "Palette",
    units: str = "kg",
) -> Legend:
    """Reps per set over time (each side), and the load, hold or ladder level on the right axis.

    Returns the legend as (label, colour) pairs for the panel's border (plotext's own legend
    marks the axis of each line with "L"/"⅃", which reads as noise); empty when there is
    nothing to plot (only a title is drawn).
    """
    _start(plt, name)
    if not series:
        plt.title(f"{name}: no sets in this period")
        return []
    other = {"left": "right", "right": "left"}.get(affected, "left")
    main = affected if affected in series else ("both" if "both" in series else next(iter(series)))
    tag = "" if main == "both" else f" {main[0].upper()}"
    points = series[main]
    xs = [p.day.isoformat() for p in points]
    legend: Legend = [(f"reps{tag}", colours.primary)]
    reps = [p.reps or 0 for p in points]
    plt.plot(xs, reps, color=rgb(colours.primary), marker="braille")
    if main != "both" and other in series:
        second = series[other]
        reps += [p.reps or 0 for p in second]
        plt.plot(
            [p.day.isoformat() for p in second], [p.reps or 0 for p in second],
            color=rgb(colours.muted), marker="braille",
        )  # fmt: skip
        legend.append((f"reps {other[0].upper()}", colours.muted))
    date_axis(plt, [p.day for side in series.values() for p in side])
    ticks = nice_ticks(min(reps), max(reps), whole=True)  # reps are counted: no 7.58
    plt.yticks(ticks, [_label(t) for t in ticks])
    plt.ylim(ticks[0], ticks[-1])
    right = _right_axis(points, ladders, units)
    if right is not None:
        label, values, level_ticks = right
        plt.plot(xs, values, color=rgb(colours.accent), marker="braille", yside="right")
        if level_ticks:
            plt.yticks(*level_ticks, yside="right")
        else:
            side_ticks = nice_ticks(min(values), max(values), whole=label == "hold s")
            plt.yticks(side_ticks, [_label(t) for t in side_ticks], yside="right")
            plt.ylim(side_ticks[0], side_ticks[-1], yside="right")
        legend.append((f"{label}{tag} (right axis)", colours.accent))
    return legend


def _right_axis(
    points: Sequence["SeriesPoint"], ladders: dict[str, "Ladder"], units: str = "kg"
) -> tuple[str, list[float], tuple[list[int], list[str]] | None] | None:
    if any(p.load is not None for p in points):
        from catalogue.units import load_in

        # Series loads are in kg (journal.store.gather.series_points); shown in the user's unit.
        return units, [load_in(p.load, "kg", units) if p.load else 0 for p in points], None
    if any(p.hold_s is not None for p in points):
        return "hold s", [p.hold_s or 0 for p in points], None
    levels = [p.level for p in points if p.level]
    ladder = next((lad for lad in ladders.values() if levels and levels[0] in lad.levels), None)
    if ladder is None:
        return None
    index = [ladder.levels.index(p.level) if p.level in ladder.levels else 0 for p in points]
    used = sorted(set(index))
    return "level", [float(i) for i in index], (used, [ladder.levels[i] for i in used])


def morning_series(
    mornings: Sequence["CheckinRec"], symptom: str, smooth: int = SMOOTH_DAYS
) -> tuple[list[date], list[float]]:
    """The worst region's rating each morning, as a mean over the last ``smooth`` days with data."""
    worst: dict[date, int] = defaultdict(int)
    for m in mornings:
        if m.context == "next_morning":
            worst[m.local_day] = max(worst[m.local_day], getattr(m, symptom))
    days = sorted(worst)
    values: list[float] = []
    first = total = 0  # the window is days[first : n + 1], kept with a running sum (a year is 365 days)
    for n, d in enumerate(days):
        total += worst[d]
        while days[first] < d - timedelta(days=smooth - 1):
            total -= worst[days[first]]
            first += 1
        values.append(total / (n + 1 - first))
    return days, values


def draw_symptoms(plt: "Plot", mornings: Sequence["CheckinRec"], colours: "Palette") -> Legend:
    _start(plt, f"Morning pain and tingling (worst region, {SMOOTH_DAYS}-day mean)")
    legend: Legend = []
    for symptom, colour in (("pain", colours.error), ("tingling", colours.warning)):
        days, values = morning_series(mornings, symptom)
        if days:
            plt.plot([d.isoformat() for d in days], values, color=rgb(colour), marker="braille")
            legend.append((symptom, colour))
    if not legend:
        plt.title("Morning symptoms: no next-morning check-ins yet")
        return []
    date_axis(plt, sorted({m.local_day for m in mornings if m.context == "next_morning"}))
    plt.ylim(0, 10)
    plt.yticks([0, 2, 4, 6, 8, 10], ["0", "2", "4", "6", "8", "10"])
    return legend


def legend_markup(legend: Legend) -> str:
    """The legend for a panel's border subtitle: a coloured bar, then the label."""
    return "  ".join(f"[{colour}]━━[/] {label}" for label, colour in legend)
