"""The benchmark journals: big, deterministic, and quick to make.

``rehab-tui demo`` tells a realistic story (~61,000 sets in ten years); the benchmarks need a
heavier user — about 150,000 sets and 15,000 check-ins in ten years, and a million sets for
export — so this generator writes rows straight through ``sqlite3`` (``executemany`` in one
transaction) into a journal created at the current schema by the journal API. Everything comes
from ``random.Random(seed)`` and the dates passed in.

The person: right hand affected, cleared for strength work, safety notice read. Gentle mobility
most mornings; hand & wrist strength (MO, WE, FR) and neck & shoulder strength (TU, TH, SA) most
evenings, four sets of each strength exercise, each side in turn where the exercise says so;
a check-in before and after each strength session and on the morning after; a dose change now
and then, with the decision behind it; a red flag, reviewed a few days later. The journal ends
yesterday, and this morning's check-in is already done, so the app asks nothing at start-up.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

#: Bump when the rows change, so cached journals are made again.
VERSION = 1

#: Routine → (name, weekdays it is due (Mon = 0), evening?).
ROUTINES = {
    "gentle-mobility": ("Gentle mobility", range(7), False),
    "hand-wrist-strength": ("Hand & wrist strength", (0, 2, 4), True),
    "neck-shoulder-strength": ("Neck & shoulder strength", (1, 3, 5), True),
}
WARM_UP = [
    ("neck-rotation", "Neck rotation", False, 10, None),
    ("neck-flexion-extension", "Neck flexion and extension", False, 10, None),
    ("finger-flex-stretch", "Finger flex and stretch", False, 10, None),
    ("wrist-table-stretch", "Wrist stretch at a table edge", True, 5, 15),
]
#: Exercise id → (name, per side?, reps, hold s, ladder or load unit, starting load or level).
STRENGTH = {
    "hand-wrist-strength": [
        ("grip-squeeze", "Grip squeeze", True, 12, 3, "putty", "soft"),
        ("finger-band-extension", "Finger extension against a band", True, 12, None, "band", "red"),
        ("wrist-flexion-curl", "Wrist flexion curl", True, 10, 4, "kg", 0.5),
        ("wrist-extension-curl", "Wrist extension", True, 10, 4, "kg", 0.5),
    ],
    "neck-shoulder-strength": [
        ("dumbbell-shrug", "Dumbbell shrug", False, 10, 1, "kg", 2.0),
        ("one-arm-row", "One-arm row", True, 10, 1, "kg", 2.0),
        ("lateral-raise", "Lateral raise", False, 10, None, "kg", 1.0),
        ("bent-arm-raise", "Bent-arm raise", False, 10, None, "kg", 1.0),
    ],
}
LADDERS = {
    "putty": ["extra-soft", "soft", "medium", "firm", "extra-firm"],
    "band": ["yellow", "red", "green", "blue", "black", "silver", "gold"],
}
NOTES = ("", "", "", "", "Felt good.", "Tired; kept the tempo slow.", "Stiff at the start.")


@dataclass(frozen=True)
class Spec:
    """One benchmark journal: ``days`` of history, ``sets_per`` sets of each strength exercise."""

    name: str
    days: int
    sets_per: int = 4
    mobility_sets: int = 4

    def file_name(self, end: date) -> str:
        return f"{self.name}-v{VERSION}-{end.isoformat()}.db"


THIRTY_DAYS = Spec("30-days", 30)
TEN_YEARS = Spec("10-years", 3650)
#: For export: about a million sets (ten years of a very keen user) and a small one for RSS.
MILLION = Spec("1m-sets", 3650, sets_per=32, mobility_sets=25)
TEN_THOUSAND = Spec("10k-sets", 240)
EMPTY = Spec("empty", 0)


def local_zone(day: date) -> timezone:
    offset = datetime.combine(day, time(12)).astimezone().utcoffset() or timedelta(0)
    return timezone(offset)


def _stamp(day: date, minutes: float, tz: timezone) -> str:
    moment = datetime.combine(day, time(0), tz) + timedelta(minutes=minutes)
    return moment.replace(microsecond=0).isoformat()


def _score(rng: random.Random, level: float) -> int:
    return max(0, min(10, round(level + rng.gauss(0, 0.8))))


class _Writer:
    def __init__(self, spec: Spec, end: date, seed: int) -> None:
        self.spec, self.end, self.rng = spec, end, random.Random(seed)
        self.tz = local_zone(end)
        self.sessions: list[tuple] = []
        self.sets: list[tuple] = []
        self.checkins: list[tuple] = []
        self.doses: list[tuple] = []
        self.decisions: list[tuple] = []
        self.flags: list[tuple] = []
        #: Exercise id → current (reps, load or level index) and the day it last changed.
        self.level: dict[str, float] = {}
        self.changed: dict[str, int] = {}

    # ---- one day -------------------------------------------------------------------------
    def day(self, i: int, day: date) -> None:
        rng = self.rng
        severity = 1.5 + 3.0 * max(0.0, 1 - i / 400) + 0.8 * (rng.random() < 0.05)
        trained = False
        for routine_id, (name, weekdays, evening) in ROUTINES.items():
            if day.weekday() not in weekdays or rng.random() > (0.88 if evening else 0.9):
                continue
            start = (18 * 60 + rng.uniform(0, 90)) if evening else (7 * 60 + rng.uniform(0, 60))
            trained |= evening
            self.session(routine_id, name, day, start, severity, evening)
        if trained or rng.random() < 0.15:  # tomorrow morning's check-in (done if tomorrow is today)
            morning = day + timedelta(days=1)
            for region in ("right_hand", "left_hand", "neck"):
                self.checkin(morning, 7 * 60 + rng.uniform(0, 45), None, "next_morning", region, severity)

    def session(
        self, routine_id: str, name: str, day: date, start: float, severity: float, strength: bool
    ) -> None:
        rng = self.rng
        sid = len(self.sessions) + 1
        minute = start
        if strength:
            self.checkin(day, minute, sid, "before", "right_hand", severity)
        rows = [(e, n, each, reps, hold, None, None) for e, n, each, reps, hold in WARM_UP]
        sets_of = {e[0]: (1 if strength else self.spec.mobility_sets) for e in WARM_UP}
        if strength:
            rows += STRENGTH[routine_id]
            sets_of.update({e[0]: self.spec.sets_per for e in STRENGTH[routine_id]})
        for exercise_id, ex_name, each, reps, hold, unit, first in rows:
            load, level, load_unit = self.dose(exercise_id, day, unit, first, reps, hold)
            for side in (("right", "left") if each else ("both",)):
                for n in range(1, sets_of[exercise_id] + 1):
                    minute += rng.uniform(0.5, 1.5)
                    pain = max(0, min(10, round(severity * (1.1 if side == "right" else 0.4) + rng.gauss(0, 1))))
                    done = reps - (rng.random() < 0.1) - (side == "right" and rng.random() < 0.2)
                    self.sets.append((
                        len(self.sets) + 1, sid, exercise_id, ex_name, side, n, reps, done,
                        hold, hold, load, load_unit, level, rng.randint(3, 8), pain,
                        "pain" if pain > 7 else "none", _stamp(day, minute, self.tz), "",
                    ))  # fmt: skip
        ended = _stamp(day, minute + 1, self.tz)
        self.sessions.append((
            sid, routine_id, name, _stamp(day, start, self.tz), ended, day.isoformat(),
            "completed", rng.choice(NOTES),
        ))  # fmt: skip
        if strength:
            self.checkin(day, minute + 2, sid, "after", "right_hand", severity + 0.5)

    def checkin(
        self, day: date, minute: float, sid: int | None, context: str, region: str, level: float
    ) -> None:
        rng = self.rng
        scale = 1.0 if region == "right_hand" else 0.6
        self.checkins.append((
            len(self.checkins) + 1, _stamp(day, minute, self.tz), day.isoformat(), sid, context,
            region, _score(rng, level * scale), _score(rng, level * scale * 0.6),
            _score(rng, level * scale * 0.8), _score(rng, level * scale * 0.7), "",
        ))  # fmt: skip

    # ---- doses: a step up now and then -----------------------------------------------------
    def dose(
        self, exercise_id: str, day: date, unit: str | None, first: object, reps: int, hold: int | None
    ) -> tuple[float | None, str | None, str | None]:
        if unit is None:
            return None, None, None
        i = (day - self.start).days
        if exercise_id not in self.level:
            self.level[exercise_id] = 0
            self.changed[exercise_id] = i
        elif i - self.changed[exercise_id] >= 21 and self.rng.random() < 0.3:
            self.level[exercise_id] += 1
            self.changed[exercise_id] = i
            self._record_change(exercise_id, day, unit, first, reps, hold)
        k = int(self.level[exercise_id])
        if unit in LADDERS:
            ladder = LADDERS[unit]
            return None, ladder[min(len(ladder) - 1, ladder.index(str(first)) + k // 6)], None
        base = float(first)  # type: ignore[arg-type]
        return min(base * 6, round(base + 0.25 * (k // 3), 2)), None, unit

    def _record_change(
        self, exercise_id: str, day: date, unit: str, first: object, reps: int, hold: int | None
    ) -> None:
        load, level, load_unit = (None, None, None)
        k = int(self.level[exercise_id])
        if unit in LADDERS:
            ladder = LADDERS[unit]
            level = ladder[min(len(ladder) - 1, ladder.index(str(first)) + k // 6)]
        else:
            load, load_unit = min(float(first) * 6, round(float(first) + 0.25 * (k // 3), 2)), unit  # type: ignore[arg-type]
        since = _stamp(day, 17 * 60, self.tz)
        reason = f"PROGRESS (2-for-2): {reps}/{reps} reps, pain ≤ 2 in the last 2 sessions"
        self.doses.append((
            len(self.doses) + 1, exercise_id, 3, reps, max(1, reps - 4), reps + 2, hold, load,
            load_unit if load is not None else None, unit if unit in LADDERS else None, level,
            since, reason,
        ))  # fmt: skip
        self.decisions.append((
            len(self.decisions) + 1, exercise_id, since, day.isoformat(), "accepted",
            "progress", f"{k - 1}", f"{k}", reason,
        ))  # fmt: skip

    # ---- the whole journal ---------------------------------------------------------------
    def build(self) -> None:
        days = self.spec.days
        self.start = self.end - timedelta(days=days)
        for i in range(days):
            self.day(i, self.start + timedelta(days=i))
        if days >= 60:  # a red flag, reviewed three days later
            flagged = self.start + timedelta(days=int(days * 0.8))
            self.flags.append((
                1, _stamp(flagged, 19 * 60, self.tz), "spreading-numbness", "soon",
                "Numb fingertips after rows.", _stamp(flagged + timedelta(days=3), 9 * 60, self.tz),
            ))  # fmt: skip

    def write(self, con: sqlite3.Connection) -> None:
        onset = self.end - timedelta(days=self.spec.days + 60)
        ack = _stamp(self.end - timedelta(days=self.spec.days + 1), 9 * 60, self.tz)
        con.execute(
            "INSERT OR REPLACE INTO profile (id, affected_side, onset_date, cleared_for_strength, "
            "units, count_seconds, bell, safety_ack_at, enabled_exercises, created_at) "
            "VALUES (1, 'right', ?, 1, 'kg', 1.0, 0, ?, '', ?)",
            (onset.isoformat(), ack, ack),
        )
        con.executemany("INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?)", self.sessions)
        con.executemany("INSERT INTO sets VALUES (" + ",".join("?" * 18) + ")", self.sets)
        con.executemany("INSERT INTO checkins VALUES (" + ",".join("?" * 11) + ")", self.checkins)
        con.executemany("INSERT INTO doses VALUES (" + ",".join("?" * 13) + ")", self.doses)
        con.executemany("INSERT INTO decisions VALUES (" + ",".join("?" * 9) + ")", self.decisions)
        con.executemany("INSERT INTO red_flags VALUES (?,?,?,?,?,?)", self.flags)


def _columns_match(con: sqlite3.Connection) -> None:
    """The tuples above follow the tables' column order; fail loudly if the schema moved."""
    expected = {"sessions": 8, "sets": 18, "checkins": 11, "doses": 13, "decisions": 9, "red_flags": 6}
    for table, n in expected.items():
        got = len(con.execute(f"PRAGMA table_info({table})").fetchall())
        if got != n:
            raise RuntimeError(f"benchmark generator: table {table} has {got} columns, expected {n}")


def make(spec: Spec, path: Path, *, end: date, seed: int = 7) -> dict[str, int]:
    """Create the journal at ``path`` (which must not exist); returns row counts."""
    from journal.api import Journal

    Journal.open(path, create_dir=False).close()  # the schema at head, through the real path
    writer = _Writer(spec, end, seed)
    writer.build()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        _columns_match(con)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("BEGIN IMMEDIATE")
        writer.write(con)
        con.execute("COMMIT")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("sessions", "sets", "checkins", "doses")
        }
    finally:
        con.close()
    return counts


def cached(spec: Spec, cache: Path, *, end: date, log=print) -> Path:  # noqa: ANN001
    """The journal for ``spec`` ending yesterday (``end`` = today), made once and reused."""
    from journal.store import paths

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{paths.HEAD}-{spec.file_name(end)}"
    if not path.exists():
        tmp = path.with_name("." + path.name)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        counts = make(spec, tmp, end=end)
        tmp.rename(path)
        log(f"  made {path.name}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    return path
