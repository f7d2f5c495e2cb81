"""Symptom check-ins in the demo's story: before and after sessions, the next morning, now and
then on a bad afternoon, and the red flag (reported, then reviewed a few days on)."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from journal.clock import stamp
from journal.demo.person import AFFECTED
from journal.demo.story import StoryBase

AD_HOC_NOTES = (
    ("right_hand", "After a long afternoon of typing."),
    ("right_hand", "Hand tired after carrying the shopping."),
    ("neck", "Stiff neck after a long video call."),
    ("right_hand", ""),
)


class CheckinKeeping(StoryBase):
    """The story's check-in and red-flag rows."""

    def _checkins(
        self, when: datetime, i: int, session_id: int | None, context: str,
        regions: tuple[str, ...], bump: Callable[[str], tuple[float, ...]] | None = None,
        notes: dict[str, str] | None = None,
    ) -> dict[str, dict[str, int]]:  # fmt: skip
        recorded, day = stamp(when), when.date().isoformat()
        readings = {}
        for region in regions:
            values = self.symptoms.reading(region, i, bump(region) if bump else (0, 0, 0, 0))
            readings[region] = values
            self.rows.add(
                "checkins", recorded_at=recorded, local_day=day, session_id=session_id,
                context=context, region=region, note=(notes or {}).get(region, ""), **values,
            )  # fmt: skip
        return readings

    def _next_morning(self, i: int, when: datetime) -> None:
        """Ratings on waking, linked to yesterday's last completed session."""
        done = self.yesterday
        after_flare = i - 1 in self.plan.flares
        if done is None or (not after_flare and self.rng.random() < 0.1):
            return
        extra = (0.3, 0.0, 0.2, 0.0) if done.strength else (0.0, 0.0, 0.0, 0.0)
        hand = f"{AFFECTED}_hand"
        notes = {hand: f"Woke with an aching {AFFECTED} hand and wrist."} if after_flare else None
        readings = self._checkins(
            when, i, done.session_id, "next_morning", done.regions, lambda _r: extra, notes
        )
        if hand in readings:
            self.morning_pain.append(readings[hand]["pain"])

    def _ad_hoc(self, i: int) -> None:
        region, note = self.rng.choice(AD_HOC_NOTES)
        when = self.later(self.at(i, 12, 30), 0, 4 * 3600)
        self._checkins(
            when, i, None, "ad_hoc", (region,), lambda _r: (1.0, 0.3, 0.8, 0.5), {region: note}
        )

    def _red_flag(self, i: int) -> None:
        when = self.later(self.at(i, 21, 10), 0, 40 * 60)
        hand = f"{AFFECTED}_hand"
        note = f"Numbness spreading into the {AFFECTED} ring and little fingers; GP appointment for the morning."
        self._checkins(
            when, i, None, "ad_hoc", (hand,), lambda _r: (0.5, 3.0, 2.0, 1.0), {hand: note}
        )
        resolved = self.later(self.at(i + 3, 10, 0), 0, 90 * 60)
        note += " GP review: nerve irritation settling, fine to carry on gently."
        self.rows.add(
            "red_flags", reported_at=stamp(when), flag="spreading-weakness", severity="urgent",
            note=note, resolved_at=stamp(resolved),
        )  # fmt: skip
