"""Charts drawn with fpdf2's primitives (lines, rectangles, text): a line chart over days and a
bar chart. No plotting library: the PDF path stays light and the charts are vectors."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from fpdf import FPDF

RGB = tuple[int, int, int]
GRID: RGB = (215, 215, 215)
INK: RGB = (60, 60, 60)
#: Room (mm) kept between a label and a line drawn across the chart.
CLEAR = 0.6
PALETTE: tuple[RGB, ...] = ((196, 60, 57), (230, 150, 30), (40, 110, 190), (60, 150, 90), (130, 80, 170))


def _frame(pdf: "FPDF", x: float, y: float, w: float, h: float, lo: float, hi: float, ticks: Sequence[float],
           unit: str = "") -> None:  # fmt: skip
    pdf.set_font("Helvetica", size=6)
    pdf.set_text_color(*INK)
    pdf.set_line_width(0.15)
    for t in ticks:
        ty = y + h - (t - lo) / (hi - lo) * h
        pdf.set_draw_color(*GRID)
        pdf.line(x, ty, x + w, ty)
        label = f"{t:g}{unit}"
        pdf.text(x - pdf.get_string_width(label) - 1, ty + 1, label)
    pdf.set_draw_color(*INK)
    pdf.line(x, y + h, x + w, y + h)
    pdf.line(x, y, x, y + h)


def legend(pdf: "FPDF", x: float, y: float, names: Sequence[str]) -> None:
    pdf.set_font("Helvetica", size=6.5)
    for i, name in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        pdf.set_fill_color(*colour)
        pdf.rect(x, y - 1.8, 3, 2, style="F")
        pdf.set_text_color(*INK)
        pdf.text(x + 4, y, name)
        x += 6 + pdf.get_string_width(name)


def line_chart(
    pdf: "FPDF", x: float, y: float, w: float, h: float,
    series: Sequence[tuple[str, Sequence[tuple[date, float]]]],
    *, lo: float, hi: float, ticks: Sequence[float], first: date, last: date, unit: str = "",
) -> None:  # fmt: skip
    """Lines over days (``first``..``last`` across the width), one colour per series, a dot on
    each reading, and the first and last day under the axis."""
    _frame(pdf, x, y, w, h, lo, hi, ticks, unit)
    span = max((last - first).days, 1)

    def at(day: date, value: float) -> tuple[float, float]:
        value = min(max(value, lo), hi)
        return x + (day - first).days / span * w, y + h - (value - lo) / (hi - lo) * h

    for i, (_name, points) in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        pdf.set_draw_color(*colour)
        pdf.set_fill_color(*colour)
        pdf.set_line_width(0.45)
        xy = [at(d, v) for d, v in points if first <= d <= last]
        if len(xy) > 1:
            pdf.polyline(xy)
        for px, py in xy:
            pdf.circle(px, py, 0.5, style="F")
    pdf.set_font("Helvetica", size=6)
    pdf.set_text_color(*INK)
    pdf.text(x, y + h + 3, f"{first:%d %b}")
    end = f"{last:%d %b %Y}"
    pdf.text(x + w - pdf.get_string_width(end), y + h + 3, end)
    legend(pdf, x, y - 1.5, [name for name, _ in series])


def bar_chart(
    pdf: "FPDF", x: float, y: float, w: float, h: float,
    bars: Sequence[tuple[str, float | None, str]],
    *, hi: float, ticks: Sequence[float], unit: str = "", reference: float | None = None,
    colour: RGB = PALETTE[2],
) -> None:  # fmt: skip
    """Vertical bars (label, value or None, caption above); ``reference`` draws a dashed line.
    A caption the line would run through (a bar ending just under it) goes above the line."""
    _frame(pdf, x, y, w, h, 0, hi, ticks, unit)
    ry = y + h - reference / hi * h if reference is not None else None
    n = max(len(bars), 1)
    slot = w / n
    pdf.set_font("Helvetica", size=5.5)
    for i, (label, value, caption) in enumerate(bars):
        bx = x + i * slot + slot * 0.15
        bw = slot * 0.7
        if value is not None:
            bh = min(value, hi) / hi * h
            pdf.set_fill_color(*colour)
            pdf.rect(bx, y + h - bh, bw, bh, style="F")
        pdf.set_text_color(*INK)
        cap = caption if value is not None else "-"
        top = y + h - (min(value, hi) / hi * h if value is not None else 0) - 0.8
        if ry is not None and top - pdf.font_size - CLEAR < ry < top + CLEAR:
            top = ry - CLEAR  # the line would cross it: above the line instead
        pdf.text(bx + (bw - pdf.get_string_width(cap)) / 2, top, cap)
        pdf.text(bx + (bw - pdf.get_string_width(label)) / 2, y + h + 2.8, label)
    if ry is not None:
        pdf.set_draw_color(*INK)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1, gap=1)
            pdf.line(x, ry, x + w, ry)


def paired_bars(
    pdf: "FPDF", x: float, y: float, w: float, rows: Sequence[tuple[str, float | None, float | None]],
    *, hi: float = 1.5, reference: float = 1.0,
) -> float:  # fmt: skip
    """Horizontal bars, two per row (first week, last week) as ratios; returns the height used.

    Each bar's percentage is written just after it — or, where the dashed ``reference`` line
    would run through it (a bar ending a little short of 100 %), just after the line, so no
    label is ever drawn over it."""
    label_w, bar_h, gap = 52, 2.2, 1.6
    scale = (w - label_w - 14) / hi
    rx = x + label_w + reference * scale
    pdf.set_font("Helvetica", size=6.5)
    cy = y
    for name, first, last in rows:
        pdf.set_text_color(*INK)
        shown = name if pdf.get_string_width(name) < label_w - 2 else name[:34] + "..."
        pdf.text(x, cy + bar_h + 0.6, shown)
        for j, value in enumerate((first, last)):
            by = cy + j * bar_h
            if value is None:
                continue
            pdf.set_fill_color(*(PALETTE[2] if j else (160, 180, 205)))
            pdf.rect(x + label_w, by, min(value, hi) * scale, bar_h - 0.3, style="F")
            pdf.set_font("Helvetica", size=5.5)
            text = f"{round(value * 100)} %"
            tx = x + label_w + min(value, hi) * scale + 1
            if tx - CLEAR < rx < tx + pdf.get_string_width(text) + CLEAR:
                tx = rx + 1  # the line would cross it: after the line instead
            pdf.text(tx, by + bar_h - 0.6, text)
            pdf.set_font("Helvetica", size=6.5)
        cy += 2 * bar_h + gap
    pdf.set_draw_color(*INK)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=0.8, gap=0.8)
        pdf.line(rx, y - 1, rx, cy)
    pdf.set_font("Helvetica", size=5.5)
    pdf.text(rx - 3, cy + 2.2, "100 %")
    return cy - y + 3
