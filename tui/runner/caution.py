"""The before-session caution: pain 7 or more, or a rating 2 above its baseline in a watched region;
and, after a set ended for a symptom, the next exercise's cautions that speak to it (:func:`after_stop`).

Pure functions over plain check-in records (``journal.records.CheckinRec``-like objects with
``region``, ``context``, ``recorded_at`` and the four ratings). A region's baseline for a rating
is the median of its last 7 next-morning values, else of its last 7 before-session values; with
neither there is no baseline, and only the pain ≥ 7 rule applies (missing data is not good news,
but it is not a rise either).
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from catalogue.watched import watched_regions

if TYPE_CHECKING:
    from catalogue.models import Exercise

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


#: A symptom a set ended for → the words a caution uses for it.
SYMPTOM_WORDS = {"tingling": ("tingl",), "numbness": ("numb",), "pain": ("pain", "ache", "hurt", "sore")}


def after_stop(stopped: "Exercise", following: "Exercise", reason: str) -> tuple[str, ...]:
    """The cautions of ``following`` to show after ``stopped`` ended for ``reason`` (pain,
    tingling, numbness): those that name the symptom; else, when it watches a region the
    stopped one did, all of them; else none."""
    words = SYMPTOM_WORDS.get(reason)
    if not words or not following.cautions:
        return ()
    naming = tuple(c for c in following.cautions if any(w in c.lower() for w in words))
    if naming:
        return naming
    if set(watched_regions(stopped)) & set(watched_regions(following)):
        return following.cautions
    return ()
