"""The demo's outcome measures: weekly PSFS ratings of three hard activities, and grip strength
of both hands every fortnight, improving with the rest of the story (the affected right hand
weaker and slower to recover), with noise. Deterministic: its own ``random.Random`` from the
seed, so the sessions, sets and check-ins of a seed are unchanged by it.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from journal.clock import stamp
from journal.store import models as m

ACTIVITIES = ("typing for an hour", "opening a jar", "carrying shopping bags")
#: Activity → (rating on day 0, rating once recovered).
PSFS_CURVES = {ACTIVITIES[0]: (3.0, 8.0), ACTIVITIES[1]: (2.0, 7.0), ACTIVITIES[2]: (4.0, 8.5)}
#: Side → (grip kg on day 0, grip kg once recovered).
GRIP_CURVES = {"right": (21.0, 33.0), "left": (37.0, 39.5)}
RECOVERY_DAYS = 90.0


def _level(start: float, end: float, i: int) -> float:
    return end - (end - start) * math.exp(-i / RECOVERY_DAYS)


def write_outcomes(conn: Connection, *, day0: date, days: int, seed: int, tz: tzinfo) -> None:
    """Insert the PSFS activities, their weekly ratings and fortnightly grip readings."""
    rng = random.Random(f"outcomes-{seed}")

    def at(i: int, hour: int) -> str:
        moment = datetime.combine(day0 + timedelta(days=i), time(hour, rng.randrange(60)), tzinfo=tz)
        return stamp(moment)

    ids = []
    for name in ACTIVITIES:
        row = {"name": name, "created_at": at(0, 9), "retired_at": None}
        ids.append(conn.execute(insert(m.PsfsActivity.__table__).values(row)).inserted_primary_key[0])
    ratings, grips = [], []
    for i in range(0, days, 7):
        if i and rng.random() < 0.12:  # a week skipped now and then
            continue
        day = i + rng.randrange(0, min(3, days - i))
        when = at(day, 9)
        for aid, name in zip(ids, ACTIVITIES):
            start, end = PSFS_CURVES[name]
            score = round(_level(start, end, day) + rng.gauss(0, 0.6))
            ratings.append({"activity_id": aid, "recorded_at": when,
                            "local_day": when[:10], "score": max(0, min(10, score))})  # fmt: skip
    for i in range(1, days, 14):
        when = at(i, 18)
        for side, (start, end) in GRIP_CURVES.items():
            trials = [round(_level(start, end, i) + rng.gauss(0, 1.0), 1) for _ in range(3)]
            grips.append({"recorded_at": when, "local_day": when[:10], "side": side, "value": max(trials),
                          "unit": "kg", "trials": ",".join(f"{t:g}" for t in trials)})  # fmt: skip
    if ratings:
        conn.execute(insert(m.PsfsRating.__table__), ratings)
    if grips:
        conn.execute(insert(m.GripReading.__table__), grips)
