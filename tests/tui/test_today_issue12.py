"""Issue 12 on Today: a routine covered by a bigger routine shows done; the morning's advice after
a next-morning rise; no next-morning prompt before 04:00 or after a check-in that counts."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW
from tests.tui.test_app_shell import past_morning_prompt, static_text
from tui.app import RehabApp

HANDS = ("neck", "left_hand", "right_hand", "left_arm", "right_arm")


def make_app(db, now=NOW) -> RehabApp:  # noqa: ANN001
    return RehabApp(db_path=db, clock=lambda: now, config_dir=db.parent / "config")


def _session(j, routine_id: str, name: str, start, minutes: int = 30):  # noqa: ANN001, ANN202
    s = j.start_session(routine_id, name, start)
    j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1, now=start,
              reps=10, target_reps=10, pain_during=0)  # fmt: skip
    return j.finish_session(s.id, start + timedelta(minutes=minutes))


def _rate(j, when, context, session_id=None, tingling=None):  # noqa: ANN001, ANN202
    tingling = tingling or {}
    j.record_checkins([{"region": r, "pain": 1, "numbness": 0, "tingling": tingling.get(r, 1), "weakness": 0}
                       for r in HANDS], context=context, now=when, session_id=session_id)  # fmt: skip


async def test_a_strength_session_with_the_whole_warm_up_marks_the_warm_up_done(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW - timedelta(days=3))
        _session(j, "neck-shoulder-strength", "Neck & shoulder strength", NOW - timedelta(hours=1, minutes=30))
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        due = {r.id: r.done for r in app.screen.data.due}
        assert due == {"gentle-mobility": True, "neck-shoulder-strength": True}


async def test_today_says_which_exercises_to_ease_off_after_a_morning_rise(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW - timedelta(days=12))
        for k in range(10, 1, -1):
            _rate(j, NOW - timedelta(days=k, hours=1), "next_morning")
        s = _session(j, "gentle-mobility", "Gentle mobility", NOW - timedelta(hours=14))  # 18:30 yesterday
        _rate(j, NOW - timedelta(minutes=20), "next_morning", s.id, tingling={"neck": 5})
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        for _ in range(60):
            await pilot.pause(0.05)
            if "Ease off" in static_text(app, "#today-history"):
                break
        text = static_text(app, "#today-history")
        assert "Ease off today:" in text and "neck tingling 5 this morning (baseline 1)" in text


async def test_no_morning_prompt_before_4_or_once_one_counts(db_path):
    from journal.api import Journal

    night = NOW.replace(hour=3, minute=30)
    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW - timedelta(days=3))
        s = _session(j, "gentle-mobility", "Gentle mobility", NOW - timedelta(hours=14))
        j_pending_at_night = j.pending_morning_checkin(night)
        j_pending_later = j.pending_morning_checkin(NOW)
    assert j_pending_at_night is None and j_pending_later.id == s.id
    with Journal.open(db_path) as j:
        _rate(j, NOW - timedelta(minutes=5), "next_morning", s.id)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await past_morning_prompt(app, pilot)
        assert app.screen.data.morning is None
        assert "Morning check-in" not in static_text(app, "#today-prompts")
