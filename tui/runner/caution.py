"""The before-session caution: pain 7 or more, or a rating 2 above its baseline in a watched region.

Pure functions over plain check-in records (``journal.records.CheckinRec``-like objects with
``region``, ``context``, ``recorded_at`` and the four ratings). A region's baseline for a rating
is the median of its last 7 next-morning values, else of its last 7 before-session values; with
neither there is no baseline, and only the pain ≥ 7 rule applies (missing data is not good news,
but it is not a rise either).
"""

from __future__ import annotations

from statistics import median
from typing import Any, Iterable, Mapping, Sequence

RATINGS = ("pain", "numbness", "tingling", "weakness")
HIGH_PAIN = 7
RISE = 2
WINDOW = 7


def baselines(history: Iterable[Any], regions: Sequence[str]) -> dict[str, dict[str, float]]:
    """Region → rating → baseline, from earlier check-ins (oldest first or any order)."""
    rows = sorted(history, key=lambda c: c.recorded_at)
    out: dict[str, dict[str, float]] = {}
    for region in regions:
        for context in ("next_morning", "before"):
            mine = [c for c in rows if c.region == region and c.context == context][-WINDOW:]
            if mine:
                out[region] = {r: float(median(getattr(c, r) for c in mine)) for r in RATINGS}
                break
    return out


def cautions(
    entries: Iterable[Mapping[str, Any]],
    base: Mapping[str, Mapping[str, float]],
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per reason to be careful today; empty when there is none."""
    labels = labels or {}
    lines = []
    for e in entries:
        region = e["region"]
        name = labels.get(region, region.replace("_", " "))
        if e.get("pain", 0) >= HIGH_PAIN:
            lines.append(f"{name}: pain {e['pain']} (7 or more)")
        for rating in RATINGS:
            value, usual = e.get(rating), base.get(region, {}).get(rating)
            if value is None or usual is None or (rating == "pain" and value >= HIGH_PAIN):
                continue
            if value >= usual + RISE:
                lines.append(f"{name}: {rating} {value}, usually {usual:g}")
    return lines
