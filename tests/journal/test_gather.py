"""History, suggestions and the report read from a real (demo) journal, checked against raw rows."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import NOW, TZ

TODAY = NOW.date()


@pytest.fixture(scope="module")
def catalogue():  # noqa: ANN201
    from catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, catalogue) -> Path:  # noqa: ANN001
    from journal.api import Journal
    from journal.demo.generator import generate

    path = tmp_path_factory.mktemp("history") / "demo.db"
    with Journal.open(path) as journal:
        generate(journal, catalogue, days=120, seed=3, today=TODAY, tz=TZ)
    return path


@pytest.fixture
def demo(demo_db: Path):  # noqa: ANN201
    from journal.api import Journal

    with Journal.open(demo_db) as journal:
        yield journal


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path):  # noqa: ANN201
    import shutil

    from journal.api import Journal

    path = tmp_path / "copy.db"
    shutil.copy(demo_db, path)
    with Journal.open(path) as journal:
        yield journal


def rows(path: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_sql_series_agree_with_the_pure_summary(demo, demo_db):  # noqa: ANN001
    from journal.store.gather import _connect, series_points
    from journal.rules.history import summarise_sets

    since = TODAY - timedelta(days=30)
    with _connect(demo) as conn:
        sql = series_points(conn, since, TODAY)
    days = {s.id: s.local_day for s in demo.sessions(since=since)}
    pure = summarise_sets([s for s in demo.sets() if s.session_id in days], days)
    assert len(sql) == len(pure) > 50
    for a, b in zip(sql, pure, strict=True):
        assert (a.session_id, a.day, a.exercise_id, a.side, a.sets, a.level, a.pain, a.load) == (
            b.session_id, b.day, b.exercise_id, b.side, b.sets, b.level, b.pain, b.load,
        )  # fmt: skip
        assert a.reps == pytest.approx(b.reps) and (a.hold_s is None) == (b.hold_s is None)


def test_history_view_shows_the_windows_it_promises(demo, catalogue):  # noqa: ANN001
    from journal.store.gather import history_view

    view = history_view(demo, catalogue, TODAY)
    assert len(view.heat) == 16 * 7 and view.heat[0].day.weekday() == 0
    assert view.heat[-1].day == TODAY + timedelta(days=5)  # the Sunday of this week
    assert [d.state for d in view.heat if d.day > TODAY] == ["future"] * 5
    assert len(view.weeks) == 8 and view.weeks[-1].start == date(2026, 11, 23)
    assert view.day_streak.current >= 1 and view.day_streak.longest >= view.day_streak.current
    assert {s.exercise_id for s in view.suggestions} == {
        step.exercise_id for r in catalogue.routines.values() for step in r.steps
    }
    per_side = {e.id for e in catalogue.exercises.values() if e.per_side}
    assert set(view.sides) and set(view.sides) <= per_side
    assert all(m.local_day >= view.chart_since for m in view.mornings)


def test_adherence_matches_the_session_rows(demo, demo_db, catalogue):  # noqa: ANN001
    """Recount every complete week by hand from the sessions table and the schedules."""
    from catalogue.schedule import due_days
    from journal.store.gather import _connect, calendar, history_view, mornings

    view = history_view(demo, catalogue, TODAY)
    with _connect(demo) as conn:
        cal = calendar(conn, demo, catalogue, demo.profile(), TODAY, mornings(conn))
    completed = {
        (r["routine_id"], date.fromisoformat(r["local_day"]))
        for r in rows(demo_db, "SELECT * FROM sessions WHERE status = 'completed'")
    }
    # Issue 12: a routine is also covered by a routine holding all its exercises that day.
    steps = {r.id: {s.exercise_id for s in r.steps} for r in catalogue.routines.values()}
    done = {
        (r, d) for (other, d) in completed for r in steps if steps[r] <= steps.get(other, set())
    } | completed
    for week in view.weeks[:-1]:
        end = week.start + timedelta(days=6)
        due = [(r.id, d) for r in catalogue.routines.values() for d in due_days(r, week.start, end)]
        prescribed = [p for p in due if p in done or not cal.excused(*p)]  # excused but done: counts
        assert (week.done, week.prescribed) == (sum(p in done for p in prescribed), len(prescribed))
    assert sum(w.prescribed for w in view.weeks) > 40


def test_red_flag_days_are_protected_not_missed(demo, demo_db, catalogue):  # noqa: ANN001
    from journal.store.gather import history_view

    (flag,) = rows(demo_db, "SELECT * FROM red_flags")
    first, last = (
        date.fromisoformat(flag["reported_at"][:10]),
        date.fromisoformat(flag["resolved_at"][:10]),
    )
    view = history_view(demo, catalogue, TODAY)
    states = {d.day: d.state for d in view.heat}
    flagged = [states[first + timedelta(days=n)] for n in range((last - first).days + 1)]
    assert set(flagged) <= {"done", "protected"} and "protected" in flagged


def test_progress_suggestions_check_out_against_the_raw_sets(demo, demo_db, catalogue):  # noqa: ANN001
    """Every PROGRESS: the last two days the exercise was done met every target at pain ≤ 2."""
    from journal.store.gather import suggestions

    # Issue 12: under the new rules the seed-3 demo (tingling after sessions, a morning rise on
    # 2026-11-21) ends with no PROGRESS at all; tests/journal/test_rules_issue12.py builds a
    # journal that does progress. Every PROGRESS offered here must still check out.
    found = [s for s in suggestions(demo, catalogue, TODAY) if s.decision == "PROGRESS"]
    assert {s.decision for s in suggestions(demo, catalogue, TODAY)} <= {"REGRESS", "HOLD", "PROGRESS"}
    for s in found:
        sets = rows(
            demo_db,
            "SELECT t.*, s.local_day FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.exercise_id = ? ORDER BY t.id",
            s.exercise_id,
        )
        days = sorted({r["local_day"] for r in sets})[-2:]
        last2 = [r for r in sets if r["local_day"] in days]
        assert all(r["reps"] >= r["target_reps"] and r["pain_during"] <= 2 for r in last2)
        assert all(r["load"] == s.current.load and r["reps"] == s.current.reps for r in last2)
        assert ", ".join(days) in s.reason


def test_today_view_agrees_with_history(demo, catalogue):  # noqa: ANN001
    from journal.store.gather import history_view, today_view

    view, today = history_view(demo, catalogue, TODAY), today_view(demo, catalogue, TODAY)
    assert today.day_streak == view.day_streak and today.week == view.weeks[-1]
    assert [s.exercise_id for s in today.waiting] == [
        s.exercise_id for s in view.suggestions if s.status == "pending"
    ]
    assert not today.stop


def test_accepting_and_declining_through_the_journal(demo_copy, catalogue):  # noqa: ANN001
    from journal.rules.dosing import dose_key
    from journal.store.gather import suggestions

    first = next(s for s in suggestions(demo_copy, catalogue, TODAY) if s.status == "pending")
    demo_copy.record_decision(
        exercise_id=first.exercise_id, decision="declined", rule=first.rule,
        from_dose=dose_key(first.current), to_dose=dose_key(first.proposed), reason=first.reason, now=NOW,
    )  # fmt: skip
    again = next(
        s for s in suggestions(demo_copy, catalogue, TODAY) if s.exercise_id == first.exercise_id
    )
    assert (again.decision, again.status) == (first.decision, "declined")
    demo_copy.change_dose(first.exercise_id, first.proposed, NOW, first.dose_reason)
    after = next(
        s for s in suggestions(demo_copy, catalogue, TODAY) if s.exercise_id == first.exercise_id
    )
    # Issue 12: the REGRESS condition that led here held in the last 7 days: hold.regressed is
    # named first (it was hold.changed); the dose changed either way.
    assert (after.decision, after.current) == ("HOLD", first.proposed)
    assert after.rule in ("hold.regressed", "hold.changed")


def test_an_open_red_flag_stops_everything_and_shows_on_today(demo_copy, catalogue):  # noqa: ANN001
    from journal.store.gather import suggestions, today_view

    demo_copy.report_red_flag("both-hands-numb", "urgent", NOW - timedelta(hours=1))
    assert {s.decision for s in suggestions(demo_copy, catalogue, TODAY)} == {"STOP"}
    assert today_view(demo_copy, catalogue, TODAY).stop


def test_an_empty_journal_suggests_holds_and_has_no_streak(journal, catalogue):  # noqa: ANN001
    from journal.store.gather import history_view

    view = history_view(journal, catalogue, TODAY)
    assert view.day_streak.current == 0 and all(w.before for w in view.weeks)
    # Issue 12: a new profile does not know the onset and is not cleared: strength and grip
    # work is ACUTE (acute.unknown), the rest holds for want of sessions.
    assert {s.rule for s in view.suggestions} == {"hold.no-mornings", "acute.unknown"}
    assert all(s.rule == "acute.unknown" for s in view.suggestions if s.decision == "ACUTE")
    assert view.points == [] and view.sides == {}


def test_report_has_every_section_and_agrees_with_history(demo, catalogue):  # noqa: ANN001
    from journal.store.gather import history_view, report_data
    from journal.exchange.report import render

    text = render(report_data(demo, catalogue, TODAY, 8))
    view = history_view(demo, catalogue, TODAY)
    for heading in ("# Rehab summary", "## Adherence", "## Symptom trend", "## Doses",
                    "### Every change, with its reason", "## Affected ÷ unaffected side",
                    "## Red flags reported", "## What the app suggests today"):  # fmt: skip
        assert heading in text
    assert f"Day streak {view.day_streak.current} " in text
    assert "or numbness or weakness spreading beyond one area (urgent), reviewed" in text
    for s in view.suggestions:
        if s.decision != "HOLD":
            assert s.sentence in text
    for w in view.weeks:
        assert f"| {w.start.isoformat()}" in text
    assert "REGRESS: pain during" in text  # the flare's step back, with its reason
    assert len(text.splitlines()) < 120
