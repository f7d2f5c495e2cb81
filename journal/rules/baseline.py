"""A region's baseline (SPEC §5): median of its last 7 next-morning ratings before the session,
else of its before-session ratings; none: no baseline.

Only next-morning check-ins that count (``journal/rules/mornings.py``) should be handed in as
``next_morning``; the caller filters them.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections import defaultdict
from datetime import date
from typing import Iterable

from journal.records import CheckinRec

#: Baseline = median of this many ratings (SPEC §5).
BASELINE_N = 7
#: The change in a 0–10 rating that matters (Farrar et al. 2001).
MCID = 2


def day_of_stamp(text: str) -> date:
    """The local day of a journal timestamp (``2026-11-24T08:12:03+01:00`` → 24 Nov)."""
    return date.fromisoformat(text[:10])


class Baselines:
    """Baselines for many days at once: next-morning (else before-session) ratings by region."""

    CONTEXTS = ("next_morning", "before")

    def __init__(self, checkins: Iterable[CheckinRec]) -> None:
        lists: dict[tuple[str, str], list[CheckinRec]] = defaultdict(list)
        for c in checkins:
            if c.context in self.CONTEXTS:
                lists[(c.region, c.context)].append(c)
        self._recs = {k: sorted(v, key=lambda c: (c.local_day, c.id)) for k, v in lists.items()}
        self._days = {k: [c.local_day for c in v] for k, v in self._recs.items()}

    def __call__(self, region: str, symptom: str, before: date | None = None) -> float | None:
        """Median of the last 7 next-morning ratings of ``symptom`` in ``region`` dated before
        ``before``; else of before-session ratings; None if there are neither."""
        for context in self.CONTEXTS:
            key = (region, context)
            recs = self._recs.get(key)
            if not recs:
                continue
            end = len(recs) if before is None else bisect_left(self._days[key], before)
            if end:
                chosen = recs[max(0, end - BASELINE_N) : end]
                return float(statistics.median(getattr(c, symptom) for c in chosen))
        return None


def baseline(
    checkins: Iterable[CheckinRec], region: str, symptom: str, before: date | None = None
) -> float | None:
    """One baseline (see ``Baselines``)."""
    return Baselines(checkins)(region, symptom, before)
