"""Issue 12 through a real journal: the new user whose one session skipped the before check-in,
the next-morning window in the API, gather → suggest, Today's morning advice, and STOP said once
by ``suggest`` and ``report``. Clocks are fixed, in Europe/Berlin."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest

from tests.helpers.berlin import BERLIN

TODAY = date(2026, 11, 24)
D = timedelta(days=1)
HANDS = ("left_hand", "right_hand", "left_arm", "right_arm", "neck")


@pytest.fixture(scope="module")
def catalogue():  # noqa: ANN201
    from catalogue import load_catalogue

    return load_catalogue()


def t(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN)


def rate(journal, when: datetime, context: str, session_id=None, **scores):  # noqa: ANN001, ANN003, ANN201
    return journal.record_checkins(
        [{"region": r, "pain": 1, "numbness": 0, "tingling": 1, "weakness": 0, **scores.get(r, {})} for r in HANDS],
        context=context, now=when, session_id=session_id,
    )  # fmt: skip


def routine_session(journal, catalogue, day: date, *, pain=0, before=True, after=True, hh=18):  # noqa: ANN001, ANN201
    """The Hand & wrist routine done fully at its current doses (every set at target)."""
    from journal.rules.doses import effective_dose

    routine = catalogue.routines["hand-wrist-strength"]
    start = t(day, hh)
    s = journal.start_session(routine.id, routine.name, start)
    if before:
        rate(journal, start, "before", s.id)
    current = journal.current_doses()
    minute = 1
    for step in routine.steps:
        e = catalogue.exercises[step.exercise_id]
        dose = effective_dose(e, current)
        for n in range(1, (step.sets or dose.sets) + 1):
            for side in (("right", "left") if e.per_side else ("both",)):
                journal.log_set(
                    s.id, exercise_id=e.id, exercise_name=e.name, set_number=n, now=start + timedelta(minutes=minute),
                    side=side, target_reps=dose.reps, reps=dose.reps, load=dose.load,
                    load_unit=dose.unit if dose.load is not None else None, level=dose.level,
                    target_hold_s=dose.hold_s, hold_s=dose.hold_s, pain_during=pain,
                )  # fmt: skip
                minute += 1
    end = start + timedelta(minutes=minute + 1)
    if after:
        rate(journal, end, "after", s.id)
    journal.finish_session(s.id, end)
    return s


def test_a_new_user_whose_one_session_skipped_the_before_checkin_loads_everywhere(journal, catalogue, capsys, monkeypatch):
    """Bullet 4: was a KeyError on ('neck', 'before') in suggest, report, Today and History."""
    from journal.exchange.report import render
    from journal.store.gather import history_view, report_data, suggestions, today_view

    routine_session(journal, catalogue, TODAY - D, before=False)
    found = suggestions(journal, catalogue, TODAY)
    assert found and {s.decision for s in found} <= {"ACUTE", "HOLD"}
    assert "## What the app suggests today" in render(report_data(journal, catalogue, TODAY))
    assert today_view(journal, catalogue, TODAY).day_streak.current >= 0
    assert history_view(journal, catalogue, TODAY).suggestions
    from tui.cli import main

    monkeypatch.setattr("journal.clock.now_local", lambda: t(TODAY, 9))
    journal.close()
    assert main(["suggest", "--db", str(journal.path)]) == 0
    assert main(["report", "--db", str(journal.path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_morning_checkin_outside_the_window_is_stored_ad_hoc(journal, catalogue):
    s = routine_session(journal, catalogue, TODAY - D, hh=22)  # ends 22:23
    assert journal.pending_morning_checkin(t(TODAY, 0, 30)) is None  # not offered at 00:30
    assert journal.pending_morning_checkin(t(TODAY, 3, 59)) is None
    assert journal.pending_morning_checkin(t(TODAY, 4, 15)) is None  # < 6 h after the end
    assert journal.pending_morning_checkin(t(TODAY, 4, 23)).id == s.id  # 6 h
    assert journal.pending_morning_checkin(t(TODAY, 7, 0)).id == s.id
    assert journal.pending_morning_checkin(t(TODAY, 14, 0)) is None  # the window closed at 13:59
    early = rate(journal, t(TODAY, 0, 30), "next_morning", s.id)
    assert {c.context for c in early} == {"ad_hoc"}
    assert journal.pending_morning_checkin(t(TODAY, 7, 0)).id == s.id  # still offered
    ok = rate(journal, t(TODAY, 7, 5), "next_morning", s.id)
    assert {c.context for c in ok} == {"next_morning"}
    assert journal.pending_morning_checkin(t(TODAY, 7, 10)) is None


def test_a_next_morning_stored_the_same_evening_does_not_hide_the_prompt(journal, catalogue, db_path):
    """A journal written before this rule could hold one: it neither counts nor hides."""
    import sqlite3

    s = routine_session(journal, catalogue, TODAY - D)
    with sqlite3.connect(db_path) as raw:
        raw.execute(
            "INSERT INTO checkins (recorded_at, local_day, session_id, context, region, pain, numbness, "
            "tingling, weakness, note) VALUES (?, ?, ?, 'next_morning', 'neck', 1, 0, 1, 0, '')",
            (t(TODAY - D, 21).isoformat(), (TODAY - D).isoformat(), s.id),
        )
    assert journal.pending_morning_checkin(t(TODAY, 7, 0)).id == s.id
    from journal.store.gather import _connect, mornings

    with _connect(journal) as conn:
        assert mornings(conn) == []


def _progressing_journal(journal, catalogue):  # noqa: ANN001, ANN202
    journal.update_profile(t(TODAY - 30 * D, 9), onset_kind="over-6-weeks", cleared_for_strength=True)
    for k in range(10, 1, -1):  # settled mornings: baseline 1
        rate(journal, t(TODAY - k * D, 7), "next_morning")
    for day in (TODAY - 3 * D, TODAY - D):
        routine_session(journal, catalogue, day)
        rate(journal, t(day + D, 7, 30), "next_morning")


def test_gather_to_suggest_progresses_a_journal_that_earned_it(journal, catalogue):
    from journal.store.gather import suggestions

    _progressing_journal(journal, catalogue)
    found = {s.exercise_id: s for s in suggestions(journal, catalogue, TODAY)}
    assert found["wrist-flexion-curl"].decision == "PROGRESS", found["wrist-flexion-curl"].reason
    assert found["grip-squeeze"].decision == "PROGRESS"
    assert "2026-11-21, 2026-11-23" in found["wrist-flexion-curl"].reason


def test_today_shows_the_morning_advice_after_a_rise(journal, catalogue):
    from journal.store.gather import today_view

    _progressing_journal(journal, catalogue)
    assert today_view(journal, catalogue, TODAY).advice is None
    rate(journal, t(TODAY, 8), "next_morning", None, right_hand={"tingling": 5})
    advice = today_view(journal, catalogue, TODAY).advice
    assert advice is not None and "Wrist flexion curl" in advice.exercises
    assert "right-hand tingling 5 this morning (baseline 1)" in advice.sentence


def test_stop_is_said_once_in_text_and_per_exercise_in_json(journal, catalogue, capsys, monkeypatch):
    from tui.cli import main

    _progressing_journal(journal, catalogue)
    journal.report_red_flag("worsening-pain", "soon", t(TODAY - 2 * D, 9))
    journal.report_red_flag("chest", "emergency", t(TODAY - D, 9))
    journal.close()
    monkeypatch.setattr("journal.clock.now_local", lambda: t(TODAY, 9))
    capsys.readouterr()
    assert main(["suggest", "--db", str(journal.path)]) == 0
    text = capsys.readouterr().out
    assert text.count("STOP") == 1 and "emergency: call your local emergency number now" in text
    assert text.splitlines()[0].startswith("STOP")
    assert main(["suggest", "--json", "--db", str(journal.path)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) > 1 and {i["decision"] for i in items} == {"STOP"}
    assert main(["report", "--db", str(journal.path)]) == 0
    report = capsys.readouterr().out
    assert report.count("emergency: call your local emergency number now") == 1
    assert report.index("**STOP**") < report.index("## Adherence")


# ---- generated journals through the real path ----------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DAY_PLANS = st.lists(
    st.fixed_dictionaries({
        "back": st.integers(0, 12), "hh": st.sampled_from([7, 18, 23]), "pain": st.sampled_from([None, 0, 2, 4, 7]),
        "before": st.booleans(), "after": st.booleans(), "finish": st.sampled_from(["completed", "abandoned", "open"]),
        "morning_hh": st.sampled_from([None, 0, 7, 15]), "tingling": st.integers(0, 7),
    }),
    max_size=5,
)  # fmt: skip


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(DAY_PLANS, st.booleans())
def test_gather_suggest_status_report_today_and_history_never_raise(tmp_path_factory, catalogue, plans, flag):  # noqa: ANN001
    from journal.api import Journal
    from journal.exchange.report import render
    from journal.status import status_line
    from journal.store.gather import history_view, report_data, suggestions, today_view

    path = tmp_path_factory.mktemp("gen") / "journal.db"
    with Journal.open(path) as journal:
        routine = catalogue.routines["neck-shoulder-strength"]
        for plan in sorted(plans, key=lambda p: -p["back"]):
            day = TODAY - plan["back"] * D
            start = t(day, plan["hh"], 40)
            if journal.in_progress() is not None:
                journal.abandon_session(journal.in_progress().id, start)
            s = journal.start_session(routine.id, routine.name, start)
            if plan["before"]:
                rate(journal, start, "before", s.id)
            for n, step in enumerate(routine.steps[:5], 1):
                e = catalogue.exercises[step.exercise_id]
                journal.log_set(s.id, exercise_id=e.id, exercise_name=e.name, set_number=1, reps=e.dose.reps,
                                target_reps=e.dose.reps, load=e.dose.load, load_unit=e.dose.unit,
                                now=start + timedelta(minutes=10 * n), pain_during=plan["pain"])  # fmt: skip
            end = start + timedelta(minutes=55)  # 23:40 → 00:35: across midnight
            if plan["after"]:
                rate(journal, end, "after", s.id, right_hand={"tingling": plan["tingling"]})
            if plan["finish"] == "completed":
                journal.finish_session(s.id, end)
            elif plan["finish"] == "abandoned":
                journal.abandon_session(s.id, end)
            if plan["morning_hh"] is not None and day < TODAY:
                rate(journal, t(day + D, plan["morning_hh"]), "next_morning", s.id, left_hand={"tingling": plan["tingling"]})
        if flag:
            journal.report_red_flag("myelopathy", "urgent", t(TODAY - 2 * D, 9))
        found = suggestions(journal, catalogue, TODAY)
        assert all(s.reason for s in found)
        if flag:
            assert {s.decision for s in found} == {"STOP"}
        render(report_data(journal, catalogue, TODAY))
        view = today_view(journal, catalogue, TODAY)
        assert view.stop is flag
        history_view(journal, catalogue, TODAY)
        journal.pending_morning_checkin(t(TODAY, 8))
        assert status_line(path, [], TODAY)
