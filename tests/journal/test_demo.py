"""``rehab-tui demo``: repeatable, realistic history — and only ever into an empty journal."""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import NOW, ROOT, TZ

TODAY = NOW.date()
DAYS = 120
TABLES = ("profile", "sessions", "sets", "checkins", "doses", "red_flags")


def dump(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    finally:
        con.close()


def query(path: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def make_demo(path: Path, catalogue, **kwargs):  # noqa: ANN001, ANN201
    from journal.api import Journal
    from journal.demo.generator import generate

    options = {"days": DAYS, "seed": 1, "today": TODAY, "tz": TZ} | kwargs
    with Journal.open(path) as journal:
        return generate(journal, catalogue, **options)


@pytest.fixture(scope="module")
def catalogue():  # noqa: ANN201
    from catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, catalogue) -> Path:  # noqa: ANN001
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    make_demo(path, catalogue)
    return path


# ---- repeatable ------------------------------------------------------------------------------
def test_same_inputs_give_identical_rows(tmp_path: Path, catalogue) -> None:  # noqa: ANN001
    first, second, other = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    summary = make_demo(first, catalogue, days=60, seed=7)
    assert make_demo(second, catalogue, days=60, seed=7) == summary
    make_demo(other, catalogue, days=60, seed=8)
    assert dump(first) == dump(second)
    assert dump(first)["sets"] != dump(other)["sets"]


def test_summary_counts_what_was_written(demo: Path, catalogue) -> None:  # noqa: ANN001
    from journal.api import Journal

    with Journal.open(demo) as journal:
        counts = journal.counts()
    rows = dump(demo)
    assert counts["sessions"] == len(rows["sessions"]) > 0
    assert counts["sets"] > counts["sessions"] * 5
    assert counts["checkins"] > counts["sessions"]


def test_progress_is_reported_up_to_the_last_day(tmp_path: Path, catalogue) -> None:  # noqa: ANN001
    calls: list[tuple[int, int]] = []
    make_demo(
        tmp_path / "p.db",
        catalogue,
        days=200,
        progress=lambda done, total: calls.append((done, total)),
    )
    done = [d for d, _ in calls]
    assert done == sorted(done) and calls[-1] == (200, 200) and len(calls) >= 3


# ---- only into an empty journal --------------------------------------------------------------
def test_refuses_a_journal_with_data_and_leaves_it_unchanged(journal, catalogue, now) -> None:  # noqa: ANN001
    from journal.demo.generator import JournalNotEmpty, generate

    session = journal.start_session("gentle-mobility", "Gentle mobility", now)
    journal.finish_session(session.id, now)
    before = dump(journal.path)
    with pytest.raises(JournalNotEmpty) as err:
        generate(journal, catalogue, days=30, today=TODAY, tz=TZ)
    message = str(err.value)
    assert "\n" not in message and str(journal.path) in message and "already holds data" in message
    assert dump(journal.path) == before


def test_a_profile_the_user_set_counts_as_data(journal, catalogue, now) -> None:  # noqa: ANN001
    """Issue 15, item 2: a journal holding only a profile someone filled in is not replaced."""
    from journal.demo.generator import JournalNotEmpty, generate

    journal.update_profile(now, affected_side="left")
    with pytest.raises(JournalNotEmpty, match="profile"):
        generate(journal, catalogue, days=10, today=TODAY, tz=TZ)
    assert journal.profile().affected_side == "left"
    assert journal.counts()["sessions"] == 0


def test_a_fresh_profile_alone_does_not_count_as_data(journal, catalogue, now) -> None:  # noqa: ANN001
    from journal.demo.generator import generate

    journal.profile()
    generate(journal, catalogue, days=10, today=TODAY, tz=TZ)
    assert journal.counts()["sessions"] > 0


# ---- realistic -------------------------------------------------------------------------------
def test_profile_is_set_up_for_strength_work(demo: Path) -> None:
    (profile,) = query(demo, "SELECT * FROM profile")
    assert profile["affected_side"] == "right" and profile["units"] == "kg"
    assert profile["cleared_for_strength"] == 1 and profile["safety_ack_at"]
    onset = date.fromisoformat(profile["onset_date"])
    assert (TODAY - onset).days >= DAYS + 42


def test_history_ends_yesterday_and_nothing_is_left_in_progress(demo: Path) -> None:
    statuses = {r[0] for r in query(demo, "SELECT DISTINCT status FROM sessions")}
    assert statuses <= {"completed", "abandoned"} and "completed" in statuses
    ((first, last),) = query(demo, "SELECT MIN(local_day), MAX(local_day) FROM sessions")
    assert date.fromisoformat(first) >= TODAY - timedelta(days=DAYS)
    assert date.fromisoformat(last) == TODAY - timedelta(days=1)
    stamps = [
        r[0]
        for r in query(
            demo, "SELECT ended_at FROM sessions UNION ALL SELECT recorded_at FROM checkins"
        )
    ]
    assert max(stamps) < NOW.isoformat()


def test_sessions_keep_the_clock_sensible(demo: Path) -> None:
    from datetime import datetime

    for s in query(demo, "SELECT * FROM sessions"):
        start, end = datetime.fromisoformat(s["started_at"]), datetime.fromisoformat(s["ended_at"])
        assert start.date().isoformat() == s["local_day"] and start < end
        assert timedelta(minutes=2) < end - start < timedelta(hours=2)
        assert 6 <= start.hour <= 21
    for row in query(
        demo,
        "SELECT s.started_at, s.ended_at, t.logged_at FROM sets t "
        "JOIN sessions s ON s.id = t.session_id",
    ):
        assert row["started_at"] <= row["logged_at"] <= row["ended_at"]


def test_each_side_exercises_log_both_sides_affected_first_and_weaker(
    demo: Path, catalogue
) -> None:  # noqa: ANN001
    each = {e.id for e in catalogue.exercises.values() if e.per_side}
    sides = defaultdict(list)
    for s in query(
        demo,
        "SELECT t.* FROM sets t JOIN sessions s ON s.id = t.session_id "
        "WHERE s.status = 'completed' ORDER BY t.id",
    ):
        sides[(s["session_id"], s["exercise_id"])].append(s)
    per_side = {k: v for k, v in sides.items() if k[1] in each}
    assert per_side
    for rows in per_side.values():
        assert rows[0]["side"] == "right"
        assert {r["side"] for r in rows} == {"left", "right"}
    for rows in sides.values():
        if rows[0]["exercise_id"] not in each:
            assert {r["side"] for r in rows} == {"both"}

    def mean(field: str, side: str) -> float:
        values = [
            r[field]
            for rows in per_side.values()
            for r in rows
            if r["side"] == side and r[field] is not None
        ]
        return statistics.fmean(values) if values else 0.0

    assert mean("reps", "right") < mean("reps", "left")
    assert mean("pain_during", "right") > mean("pain_during", "left")
    assert mean("load", "right") <= mean("load", "left")


def test_symptoms_settle_over_time(demo: Path) -> None:
    rows = query(
        demo,
        "SELECT local_day, pain, tingling FROM checkins "
        "WHERE region = 'right_hand' ORDER BY local_day",
    )
    month = len(rows) // 4
    first, last = rows[:month], rows[-month:]
    assert (
        statistics.fmean(r["pain"] for r in last) < statistics.fmean(r["pain"] for r in first) - 1
    )
    assert (
        statistics.fmean(r["tingling"] for r in last)
        < statistics.fmean(r["tingling"] for r in first) - 1
    )


def test_a_flare_up_shows_in_pain_during_next_morning_and_a_step_back(demo: Path) -> None:
    assert query(demo, "SELECT 1 FROM sets WHERE pain_during >= 6 AND stop_reason = 'pain'")
    mornings = [
        r[0]
        for r in query(
            demo,
            "SELECT pain FROM checkins WHERE context = 'next_morning' AND region = 'right_hand'",
        )
    ]
    assert max(mornings) >= statistics.median(mornings) + 3
    regress = query(demo, "SELECT * FROM doses WHERE reason LIKE 'REGRESS%'")
    assert regress and "pain during" in regress[0]["reason"]


def test_next_morning_check_ins_follow_a_completed_session_of_the_day_before(demo: Path) -> None:
    rows = query(
        demo,
        "SELECT c.local_day AS day, s.local_day AS session_day, s.status FROM checkins c "
        "JOIN sessions s ON s.id = c.session_id WHERE c.context = 'next_morning'",
    )
    assert rows
    for r in rows:
        assert date.fromisoformat(r["day"]) - date.fromisoformat(r["session_day"]) == timedelta(
            days=1
        )
        assert r["status"] == "completed"
    contexts = {r[0] for r in query(demo, "SELECT DISTINCT context FROM checkins")}
    assert {"before", "after", "next_morning"} <= contexts


def test_dose_history_changes_with_reasons(demo: Path, catalogue) -> None:  # noqa: ANN001
    doses = query(demo, "SELECT * FROM doses ORDER BY since, id")
    assert all(d["reason"].strip() for d in doses)
    by_exercise = defaultdict(list)
    for d in doses:
        by_exercise[d["exercise_id"]].append(d)
    assert set(by_exercise) <= set(catalogue.exercises)
    assert sum(len(v) - 1 for v in by_exercise.values()) >= 10
    assert any(d["reason"].startswith("PROGRESS") for d in doses)
    heavier = [
        (a, b) for rows in by_exercise.values() for a, b in pairwise(rows)
        if a["load"] is not None and b["load"] is not None and b["load"] > a["load"]
    ]  # fmt: skip
    assert heavier and all(f"{b['reps']}" in b["reason"] for _, b in heavier)


def test_adherence_is_high_but_not_perfect(demo: Path, catalogue) -> None:  # noqa: ANN001
    from catalogue.schedule import due_days

    start, end = TODAY - timedelta(days=DAYS), TODAY - timedelta(days=1)
    done = {
        (r[0], r[1])
        for r in query(
            demo, "SELECT routine_id, local_day FROM sessions WHERE status = 'completed'"
        )
    }
    prescribed = [
        (r.id, d.isoformat()) for r in catalogue.routines.values() for d in due_days(r, start, end)
    ]
    kept = sum(1 for p in prescribed if p in done)
    assert 0.60 <= kept / len(prescribed) <= 0.95


def test_a_red_flag_was_reported_and_resolved(demo: Path) -> None:
    (flag,) = query(demo, "SELECT * FROM red_flags")
    assert flag["severity"] in ("emergency", "urgent", "soon")
    assert flag["resolved_at"] and flag["resolved_at"] > flag["reported_at"]


def test_every_value_passes_the_journal_validators(demo: Path) -> None:
    from journal.api import clean_scores, clean_set_fields
    from journal.records import CONTEXTS, REGIONS
    from journal.validate import number

    set_fields = ("exercise_id", "exercise_name", "side", "set_number", "target_reps", "reps",
                  "target_hold_s", "hold_s", "load", "load_unit", "level", "effort", "pain_during",
                  "stop_reason", "note")  # fmt: skip
    for row in query(demo, "SELECT * FROM sets"):
        values = {k: row[k] for k in set_fields}
        assert clean_set_fields(values) == values
        assert (row["load"] is None) == (row["load_unit"] is None)
    for row in query(demo, "SELECT * FROM checkins"):
        assert row["context"] in CONTEXTS and row["region"] in REGIONS
        assert clean_scores(dict(row)) == {
            k: row[k] for k in ("pain", "numbness", "tingling", "weakness")
        }
    for row in query(demo, "SELECT * FROM doses"):
        assert number("sets", row["sets"]) and row["reps_lo"] <= row["reps"] <= row["reps_hi"]
        assert (row["load"] is None) == (row["unit"] is None)


def test_short_histories_work(tmp_path: Path, catalogue) -> None:  # noqa: ANN001
    for days in (1, 3, 10):
        summary = make_demo(tmp_path / f"{days}.db", catalogue, days=days)
        assert summary.days == days and summary.doses > 0


@pytest.mark.slow
def test_ten_years(tmp_path: Path, catalogue) -> None:  # noqa: ANN001
    started = time.perf_counter()
    summary = make_demo(tmp_path / "ten.db", catalogue, days=3650)
    seconds = time.perf_counter() - started
    print(f"\n3650 days: {summary} in {seconds:.1f} s")
    assert summary.sets > 50_000 and summary.checkins > 15_000
    (in_progress,) = query(
        tmp_path / "ten.db", "SELECT COUNT(*) FROM sessions WHERE status = 'in_progress'"
    )
    assert in_progress[0] == 0
    # ... and History stays fast on it (one ten-year journal serves both checks)
    from journal.api import Journal
    from journal.store.gather import history_view

    with Journal.open(tmp_path / "ten.db") as journal:
        started = time.perf_counter()
        view = history_view(journal, catalogue, TODAY)
        seconds = time.perf_counter() - started
    assert view.day_streak.longest > 10 and len(view.heat) == 112
    assert seconds < 3.0, f"history_view took {seconds:.2f} s on ten years"


# ---- the command line ------------------------------------------------------------------------
def cli(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REHAB_TUI_CONFIG": str(config)}
    env.pop("REHAB_TUI_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_cli_fills_once_then_refuses(tmp_path: Path) -> None:
    config, db = tmp_path / "config", tmp_path / "j.db"
    config.mkdir()
    first = cli("demo", "--days", "30", "--seed", "2", "--db", str(db), config=config)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    (line,) = first.stdout.splitlines()
    assert line.startswith(f"Filled {db} with 30 days: ") and line.endswith(" check-ins.")
    before = dump(db)

    second = cli("demo", "--db", str(db), config=config)
    assert second.returncode == 1 and second.stdout == ""
    (error,) = second.stderr.splitlines()
    assert "already holds data" in error and "Traceback" not in second.stderr
    assert dump(db) == before


@pytest.mark.parametrize("days", ["0", "36501", "abc"])
def test_cli_rejects_bad_days_in_one_line(tmp_path: Path, days: str) -> None:
    result = cli("demo", "--days", days, "--db", str(tmp_path / "j.db"), config=tmp_path)
    assert result.returncode == 2
    (error,) = result.stderr.splitlines()
    assert "days" in error and "Traceback" not in result.stderr
    assert not (tmp_path / "j.db").exists()
