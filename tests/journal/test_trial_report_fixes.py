"""What a new-user trial of Today, History and the report found: the week's count agrees with
Today when a routine done was excused (ACUTE), grip shows in the user's units, the HOLD reasons
are given in the README's order, a set stopped for a symptom is no side-comparison result, the
chart's time axis fits one session, the report's outcomes are the period's, and missing means
are said as such."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from catalogue.models import Routine, RoutineStep
from journal.records import GripRec, PsfsActivityRec, PsfsRatingRec, SetRec
from journal.rules.streaks import Calendar, days, weeks
from tests.conftest import ROOT, TZ

THURSDAY = date(2026, 11, 26)
WARM = Routine("warm", "Gentle mobility", "FREQ=DAILY", (RoutineStep("neck-rotation"), RoutineStep("wrist-table-stretch")))
NECK = Routine("neck", "Neck & shoulder", "FREQ=WEEKLY;BYDAY=TU,TH,SA",
               (RoutineStep("neck-rotation"), RoutineStep("wrist-table-stretch"), RoutineStep("dumbbell-shrug")))  # fmt: skip
EVENING = Routine("evening-hands-pm", "Evening hands - pm", "FREQ=WEEKLY;BYDAY=MO,TH",
                  (RoutineStep("finger-flex-stretch"),))  # fmt: skip


# ---- 1. an excused routine done anyway counts, so the week agrees with Today ------------------
def test_a_routine_excused_by_acute_but_done_counts_as_due_and_done():
    done = frozenset({("neck", THURSDAY), ("evening-hands-pm", THURSDAY)})
    cal = Calendar((WARM, NECK, EVENING), done, THURSDAY, acute_until=date.max, strength_routines=frozenset({"neck"}))
    (day,) = days(cal, THURSDAY, THURSDAY, THURSDAY)
    assert (day.state, day.due, day.required, day.done) == ("done", 3, 3, 3)  # was 2 of 2
    week = weeks(cal, THURSDAY - timedelta(days=3), THURSDAY)[-1]
    assert (week.done, week.prescribed) == (3, 3)
    skipped = Calendar((WARM, NECK, EVENING), frozenset({("warm", THURSDAY), ("evening-hands-pm", THURSDAY)}), THURSDAY,
                       acute_until=date.max, strength_routines=frozenset({"neck"}))  # fmt: skip
    (rest,) = days(skipped, THURSDAY, THURSDAY, THURSDAY)
    assert (rest.state, rest.required, rest.done) == ("protected", 2, 2)  # still excused when not done


@pytest.fixture
def users_journal(tmp_path: Path):  # noqa: ANN201
    """A new user (not cleared) with their own Mon/Thu routine, all three due routines done."""
    from catalogue import load_catalogue
    from catalogue.routine_files import save_routine
    from journal.api import Journal

    folder = tmp_path / "catalogue"
    folder.mkdir()
    before = load_catalogue(folder)
    save_routine(folder, EVENING)
    catalogue = load_catalogue(folder)
    now = datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
    with Journal.open(tmp_path / "journal.db") as journal:
        for rid in ("neck-shoulder-strength", "evening-hands-pm"):
            s = journal.start_session(rid, catalogue.routines[rid].name, now)
            journal.finish_session(s.id, now + timedelta(minutes=10))
            now += timedelta(hours=1)
        yield journal, before, catalogue


def test_today_history_and_the_report_count_the_users_own_routine(users_journal):
    from journal.exchange.report import render
    from journal.store.gather import history_view, report_data, today_view

    journal, before, catalogue = users_journal
    old = today_view(journal, before, THURSDAY).week  # remembered for the catalogue without it …
    week = today_view(journal, catalogue, THURSDAY).week  # … and not reused once it is there
    assert (old.done, old.prescribed) == (2, 2)
    assert (week.done, week.prescribed) == (3, 3)
    assert history_view(journal, catalogue, THURSDAY).weeks[-1].prescribed == 3
    text = render(report_data(journal, catalogue, THURSDAY, 2))
    assert "Completed **3 of 3** routines due (100 %)" in text
    assert "prescribed sessions" not in text and "| Week of | Done | Due | Adherence |" in text


# ---- 2 and 6. outcomes in the user's units, and for the report's period ----------------------
def _grip(gid: int, day: date, value: float, unit: str = "kg", side: str = "left") -> GripRec:
    return GripRec(gid, f"{day.isoformat()}T09:00:00+01:00", day, side, value, unit, "[]")


def _view(since: date | None = None):  # noqa: ANN202
    from journal.rules.outcomes import outcomes_view

    act = PsfsActivityRec(1, "typing for an hour", "2026-01-01T00:00:00+01:00", None)
    ratings = [PsfsRatingRec(n, 1, f"{d.isoformat()}T09:00:00+01:00", d, s)
               for n, (d, s) in enumerate([(date(2026, 8, 7), 3), (date(2026, 11, 16), 5), (date(2026, 11, 25), 6)])]  # fmt: skip
    grips = [_grip(1, date(2026, 8, 7), 14.5), _grip(2, date(2026, 11, 17), 18.0), _grip(3, date(2026, 11, 25), 20.5)]
    return outcomes_view([act], ratings, grips, THURSDAY, since)


def test_report_outcomes_are_in_lb_for_a_user_in_lb():
    from journal.exchange.report import _outcomes

    text = "\n".join(_outcomes(_view(), "lb"))
    assert "Grip, left hand (best of 3): 32 → 45 lb" in text  # 14.5 kg, 20.5 kg
    assert "a grip change of 13 lb (6 kg) or more" in text
    assert not re.search(r"\d kg\b(?! or more)", text.replace("13 lb (6 kg)", ""))
    assert "14.5 → 20.5 kg" in "\n".join(_outcomes(_view(), "kg"))


def test_a_grip_drop_is_said_in_the_users_units():
    from journal.rules.outcomes import grip_drops

    (drop,) = grip_drops([_grip(1, date(2026, 11, 1), 30.0), _grip(2, date(2026, 11, 20), 20.0)])
    assert "Left grip 44 lb on 2026-11-20 is 22 lb below" in drop.sentence("lb")
    assert " kg" not in drop.sentence("lb") and "20 kg" in drop.sentence()


def test_the_reports_outcomes_are_the_periods_with_the_older_baseline_labelled():
    from journal.exchange.report import _outcomes

    view = _view(since=date(2026, 11, 16))
    (activity,), (grip,) = view.activities, view.grips
    assert [d for d, _ in activity.points] == [date(2026, 11, 16), date(2026, 11, 25)]
    assert activity.baseline == (date(2026, 8, 7), 3) and grip.baseline == (date(2026, 8, 7), 14.5)
    text = "\n".join(_outcomes(view, "kg"))
    assert "5 → 6 of 10 (2026-11-16 → 2026-11-25)" in text and "3 → 6" not in text
    assert "baseline 3 of 10 on 2026-08-07" in text and "baseline 14.5 kg on 2026-08-07" in text
    assert "18 → 20.5 kg (2026-11-17 → 2026-11-25)" in text
    whole = _view()  # History: every reading, no baseline line
    assert whole.activities[0].baseline is None and len(whole.activities[0].points) == 3


def test_the_pdf_outcomes_use_the_users_units_and_the_period(tmp_path, users_journal):
    pytest.importorskip("fpdf")
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    from journal.exchange.pdf import write_pdf
    from journal.store.gather import report_data

    journal, _before, catalogue = users_journal
    data = report_data(journal, catalogue, THURSDAY, 2)
    data = type(data)(**{**{f: getattr(data, f) for f in data.__dataclass_fields__},
                         "profile": __import__("dataclasses").replace(data.profile, units="lb")})  # fmt: skip
    target = write_pdf(tmp_path / "r.pdf", data, _view(since=data.since))
    text = " ".join(subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())  # fmt: skip
    assert "Grip, left hand (best of 3): 39.5 -> 45 lb" in text and "baseline 32 lb on 2026-08-07" in text
    assert "13 lb (6 kg)" in text and "completed 3 of 3 routines due" in text
    assert "20 kg" not in text


# ---- 3. HOLD reasons in the README's order ---------------------------------------------------
def test_hold_checks_run_in_the_order_of_the_readme_table():
    from journal.rules.conditions import HOLD_CHECKS, HOLD_IDS, untried

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = [m for m in re.findall(r"^\| `(hold\.[a-z-]+)`", readme, re.M) if m != "hold.top"]
    in_code: list[str] = []
    for check in HOLD_CHECKS:
        rule = HOLD_IDS[check]
        if check is not untried and rule not in in_code:  # untried: no session at all to judge
            in_code.append(rule)
    assert in_code == table


# ---- 4. a set stopped for a symptom is not a strength result ---------------------------------
def _set(sid: int, side: str, reps: int, stop: str = "none") -> SetRec:
    return SetRec(sid, 1, "wrist-flexion-curl", "Wrist flexion curl", side, 1, 10, reps, None, None,
                  None, None, None, None, 1, stop, "2026-11-24T18:00:00+01:00", "")  # fmt: skip


def test_the_side_comparison_leaves_out_sets_stopped_for_a_symptom():
    from journal.rules.history import side_ratios, summarise_sets

    sets = [_set(1, "right", 8), _set(2, "left", 5, "tingling"), _set(3, "left", 8), _set(4, "right", 8, "fatigue")]
    day = {1: date(2026, 11, 24)}
    all_sets = side_ratios(summarise_sets(sets, day), "right", THURSDAY, 1)
    measured = side_ratios(summarise_sets(sets, day, measured_only=True), "right", THURSDAY, 1)
    assert all_sets["wrist-flexion-curl"][0].reps == pytest.approx(8 / 6.5)  # the old 123 %
    assert measured["wrist-flexion-curl"][0].reps == pytest.approx(1.0)


def test_history_and_the_report_compare_sides_without_symptom_stopped_sets(users_journal):
    from journal.store.gather import history_view, report_data

    journal, _before, catalogue = users_journal
    journal.update_profile(datetime(2026, 11, 26, 12, 0, tzinfo=TZ), affected_side="right")
    s = journal.start_session("hand-wrist-strength", "Hand & wrist strength", datetime(2026, 11, 26, 15, 0, tzinfo=TZ))
    for n, (side, reps, stop) in enumerate([("right", 8, "none"), ("left", 5, "tingling")]):
        journal.log_set(s.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl", set_number=1,
                        side=side, reps=reps, pain_during=1, stop_reason=stop,
                        now=datetime(2026, 11, 26, 15, 1 + n, tzinfo=TZ))  # fmt: skip
    journal.finish_session(s.id, datetime(2026, 11, 26, 15, 10, tzinfo=TZ))
    for sides in (history_view(journal, catalogue, THURSDAY).sides, report_data(journal, catalogue, THURSDAY, 2).sides):
        assert all(w.reps is None for w in sides.get("wrist-flexion-curl", []))  # was 160 %


# ---- 7. missing means are said, and no needless ".0" -----------------------------------------
def test_missing_means_are_not_rated_and_whole_numbers_have_no_decimal():
    from journal.exchange import pdf, report

    assert [pdf._n(None), pdf._n(0.0), pdf._n(2.46)] == ["not rated", "0", "2.5"]
    assert [report._num(None), report._num(3.0)] == ["not rated", "3"]
