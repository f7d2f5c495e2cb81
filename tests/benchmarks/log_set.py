"""B5 probe: ``python -m tests.benchmarks.log_set JOURNAL ROUNDS`` prints two p99s in seconds.

Each round logs 200 sets through ``Journal.log_set`` (validated, committed before it returns)
and 200 rows with a raw ``sqlite3`` INSERT + COMMIT on a connection with the journal's pragmas,
alternating one and one; the p99 of each side is taken per round and the medians printed.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

PER_ROUND = 200
RAW_INSERT = (
    "INSERT INTO sets (session_id, exercise_id, exercise_name, side, set_number, target_reps, "
    "reps, target_hold_s, hold_s, load, load_unit, level, effort, pain_during, stop_reason, "
    "logged_at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main(path: Path, rounds: int) -> None:
    from journal.api import Journal
    from journal.store.engine import apply_pragmas

    now = datetime(2026, 11, 24, 18, 0, tzinfo=timezone.utc)
    journal = Journal.open(path, create_dir=False)
    session = journal.start_session("hand-wrist-strength", "Hand & wrist strength", now)
    raw = sqlite3.connect(path, isolation_level=None)
    apply_pragmas(raw)
    api_p99, raw_p99 = [], []
    try:
        for _ in range(rounds):
            api_times, raw_times = [], []
            for n in range(PER_ROUND):
                moment = now + timedelta(seconds=n)
                start = time.perf_counter()
                journal.log_set(
                    session.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl",
                    set_number=1 + n % 4, now=moment, side="right", target_reps=10, reps=10,
                    target_hold_s=4, hold_s=4, load=1.5, load_unit="kg", effort=5, pain_during=2,
                )  # fmt: skip
                api_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                raw.execute("BEGIN IMMEDIATE")
                raw.execute(RAW_INSERT, (
                    session.id, "wrist-flexion-curl", "Wrist flexion curl", "right", 1 + n % 4, 10,
                    10, 4, 4, 1.5, "kg", None, 5, 2, "none", moment.isoformat(), "",
                ))  # fmt: skip
                raw.execute("COMMIT")
                raw_times.append(time.perf_counter() - start)
            api_p99.append(p99(api_times))
            raw_p99.append(p99(raw_times))
    finally:
        raw.close()
        journal.close()
    print(statistics.median(api_p99), statistics.median(raw_p99))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
