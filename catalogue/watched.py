"""Watched regions: the check-in regions whose symptoms judge an exercise (SPEC §5).

Kept as data beside the catalogue. A wrist, hand or finger exercise watches the hand and arm
of each side it works; a neck or shoulder exercise watches the neck and both arms and hands —
the nerves to the arm and hand leave the neck, so radicular symptoms show up in the hand.
Every built-in exercise works both sides (``both``, or ``each`` in turn), so both sides are
watched; the unaffected side is watched too (a symptom there is still a symptom).
"""

from __future__ import annotations

from catalogue.models import Exercise

#: Exercise region → the parts of the body it watches (``neck``, ``arm``, ``hand``).
WATCHED_PARTS: dict[str, tuple[str, ...]] = {
    "wrist": ("hand", "arm"),
    "hand": ("hand", "arm"),
    "fingers": ("hand", "arm"),
    "neck": ("neck", "arm", "hand"),
    "shoulder": ("neck", "arm", "hand"),
}
#: Exercise ``sides`` → the sides of the body it works.
WORKED_SIDES: dict[str, tuple[str, ...]] = {
    "both": ("left", "right"),
    "each": ("left", "right"),
}
#: Check-in regions in their fixed order (as ``journal.records.REGIONS``).
CHECKIN_REGIONS = ("neck", "left_hand", "right_hand", "left_arm", "right_arm")


def watched_regions(exercise: Exercise) -> tuple[str, ...]:
    """The check-in regions that judge ``exercise``, in check-in order.

    An unknown region (a user's own exercise with a region added later) watches everything:
    missing knowledge never narrows what is watched.
    """
    parts = WATCHED_PARTS.get(exercise.region)
    if parts is None:
        return CHECKIN_REGIONS
    sides = WORKED_SIDES.get(exercise.sides, ("left", "right"))
    wanted = {"neck"} if "neck" in parts else set()
    wanted |= {f"{side}_{part}" for side in sides for part in parts if part != "neck"}
    return tuple(r for r in CHECKIN_REGIONS if r in wanted)
