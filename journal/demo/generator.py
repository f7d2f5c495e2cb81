"""A realistic, deterministic history for an empty journal (``rehab-tui demo``).

Everything comes from ``random.Random(seed)`` and the dates passed in — never the wall
clock — so the same ``seed``, ``days``, ``today`` and ``tz`` give byte-identical rows.
Rows are built in Python and bulk-inserted with SQLAlchemy Core (executemany) inside one
transaction: ten years take seconds, and an interrupted run leaves the journal empty.

The story: a desk worker whose right hand is affected starts the programme two months after
symptoms began, cleared for strength work by a clinician. They keep most of the schedule
(mobility in the morning, strength in the evening), miss some days and have a bad week; they
get stronger while the affected side lags behind; their symptoms settle, with noise. About
60 % of the way through a flare-up makes them step one dose back, and later they report a red
flag that is reviewed a few days on. Doses progress by the 2-for-2 rule (SPEC §6), one change
at a time, each row with the numbers that justified it. What one step up or down is comes from
``journal/rules/dosing.py``, shared with the app's progression rules.

The story is told in parts: ``person`` (symptoms), ``plan`` (what happens when), ``story`` (the
shared state), ``sessions``, ``checkins`` and ``doses`` (the rows of each kind) and ``rows``
(buffering and writing them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection

from catalogue.models import Catalogue, Routine
from journal import validate
from journal.api import Journal
from journal.clock import stamp
from journal.demo.outcomes import write_outcomes
from journal.demo.person import AFFECTED
from journal.demo.sessions import SessionKeeping
from journal.demo.story import Done
from journal.errors import JournalError
from journal.store.engine import translate_errors
from journal.store.tables import T_PROFILE

Progress = Callable[[int, int], None]

#: Days simulated between two bulk inserts (and progress reports).
CHUNK_DAYS = 90


class JournalNotEmpty(JournalError):
    """The demo only fills an empty journal; ``str(err)`` is the one-line message."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    days: int
    sessions: int
    sets: int
    checkins: int
    doses: int
    red_flags: int = 0


def generate(
    journal: Journal,
    catalogue: Catalogue,
    *,
    days: int = 120,
    seed: int = 1,
    today: date,
    tz: tzinfo | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty journal with ``days`` days of history ending yesterday.

    ``tz`` is the time zone the timestamps are written in (default: this machine's UTC
    offset at noon on ``today``). ``progress(done_days, days)`` is called as work advances.
    Raises JournalNotEmpty if the journal already holds data (it is left untouched).
    """
    days = int(validate.number("days", days))  # type: ignore[arg-type]
    story = _Story(catalogue, days=days, seed=seed, today=today, tz=tz or local_offset(today))
    with translate_errors(journal.path), journal._writer.begin() as conn:
        # Asked under the write lock (issue 15): a first session, an import or a profile from
        # setup landing a moment earlier is seen here, and nothing is written over it.
        from journal.api import PROFILE_DEFAULTS
        from journal.store.person import what_a_person_wrote

        held = what_a_person_wrote(conn, PROFILE_DEFAULTS)
        if held:
            raise JournalNotEmpty(
                f"{journal.path} already holds data ({held}); "
                "demo only fills an empty journal — pass another --db"
            )
        story.write(conn, progress)
        write_outcomes(conn, day0=story.day0, days=days, seed=seed, tz=story.tz)
    return story.summary()


def local_offset(day: date) -> timezone:
    """This machine's UTC offset at noon on ``day``, as a fixed zone."""
    offset = datetime.combine(day, time(12)).astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


class _Story(SessionKeeping):
    """The whole story, day by day."""

    # -- driving -----------------------------------------------------------------------------
    def write(self, conn: Connection, progress: Progress | None) -> None:
        self.rows.start_after_existing(conn)
        self._write_profile(conn)
        self._initial_doses()
        if progress:
            progress(0, self.days)
        for i in range(self.days):
            self._day(i)
            if (i + 1) % CHUNK_DAYS == 0 or i == self.days - 1:
                self.rows.flush(conn)
                if progress:
                    progress(i + 1, self.days)

    def summary(self) -> DemoSummary:
        c = self.rows.counts
        return DemoSummary(
            self.days, c["sessions"], c["sets"], c["checkins"], c["doses"], c["red_flags"]
        )

    def _write_profile(self, conn: Connection) -> None:
        created = stamp(self.at(0, 6, 20))
        conn.execute(delete(T_PROFILE))
        conn.execute(
            insert(T_PROFILE),
            {
                "id": 1, "affected_side": AFFECTED,
                "onset_date": (self.day0 - timedelta(days=60)).isoformat(),
                "cleared_for_strength": True, "units": "kg", "count_seconds": 1.0, "bell": False,
                "safety_ack_at": created, "enabled_exercises": "", "created_at": created,
                "symptom_areas": "neck,hands,arms", "onset_kind": "date", "setup_done_at": created,
            },
        )  # fmt: skip


    # -- a day -------------------------------------------------------------------------------
    def _day(self, i: int) -> None:
        weekend = (self.day0 + timedelta(days=i)).weekday() >= 5
        wake = self.later(self.at(i, 7 if weekend else 6, 40), 0, 45 * 60)
        self._next_morning(i, wake)
        if i - 1 in self.plan.flares:
            self._step_back(i, self.later(wake, 120, 600))
        morning = self.later(wake, 5 * 60, 25 * 60)
        evening = self.later(self.at(i, 16 if weekend else 17, 30), 0, 150 * 60)
        done: Done | None = None
        for routine in self.routines:
            if i not in self.due[routine.id] or not self._keeps(i, routine):
                continue
            mobility = self.mobility[routine.id]
            start = morning if mobility else evening
            end, finished = self._session(i, routine, start)
            if mobility:
                morning = self.later(end, 10 * 60, 40 * 60)
            else:
                evening = self.later(end, 30 * 60, 90 * 60)
            done = finished or done
        self.yesterday = done
        if self.rng.random() < 0.035:
            self._ad_hoc(i)
        if i == self.plan.flag_day:
            self._red_flag(i)

    def _keeps(self, i: int, routine: Routine) -> bool:
        """Whether the routine due on day i gets done (about 85 % of the time)."""
        mobility = self.mobility[routine.id]
        if routine.id == self.plan.flare_routine and i in self.plan.flares:
            return True
        if i == self.days - 1 and not self.plan.flag_rest(i):
            return True  # yesterday was kept: a live streak and a next-morning check-in to give
        if not mobility and (
            self.plan.flag_rest(i) or (i - 1 in self.plan.flares and self.rng.random() < 0.7)
        ):
            return False
        if i in self.plan.bad_days:
            skip = 0.5 if mobility else 0.75
        else:
            skip = 0.09 if mobility else 0.11
        return self.rng.random() >= skip
