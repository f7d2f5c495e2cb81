"""First-run setup (after the safety notice) and the Profile screen, driven by keys."""

from __future__ import annotations

from datetime import date

from tests.conftest import NOW
from tests.tui.test_app_shell import make_app, static_text, wait_ready
from tui.screens.confirm import ConfirmScreen
from tui.screens.profile import ProfileScreen
from tui.screens.safety import SafetyNotice
from tui.screens.setup import SetupScreen
from tui.screens.today import TodayScreen


async def test_first_run_every_answer_is_stored_with_its_time(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SafetyNotice)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SetupScreen)
        assert "•" not in static_text(app, "#setup-options")  # a default is not an answer
        await pilot.press("l")  # affected side: left
        await pilot.press("n", "h", "enter")  # neck and hands
        await pilot.press("d", *"2026-10-01", "enter")  # onset on a date
        await pilot.press("y")  # cleared
        await pilot.press("l")  # lb
        await pilot.press("plus", "plus", "enter")  # 1.2 s
        await pilot.press("y")  # bell on
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Tell rehab-tui about you" not in static_text(app, "#today-prompts")
    p = app.journal.profile()
    assert p.setup_done and p.affected_side == "left" and p.symptom_areas == {"neck", "hands"}
    assert p.onset_kind == "date" and p.onset_date == date(2026, 10, 1)
    assert p.cleared_for_strength and p.units == "lb" and p.count_seconds == 1.2 and p.bell
    fields = [c.field for c in app.journal.profile_changes()]
    assert "cleared_for_strength" in fields and "units" in fields
    assert app.journal.profile_changes("cleared_for_strength")[-1].changed_at == "2026-11-24T08:30:00+01:00"


async def test_first_run_skipping_every_question_keeps_the_defaults(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        for _ in range(7):
            assert isinstance(app.screen, SetupScreen)
            await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
    p = app.journal.profile()
    assert p.setup_done and p.affected_side == "right" and p.units == "kg" and p.onset_kind == "unknown"
    assert not p.cleared_for_strength and app.journal.profile_changes() == []


async def test_bad_dates_are_refused_and_back_redoes_an_answer(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        await pilot.press("r", "escape")  # right; areas skipped
        for bad, says in (("2027-01-01", "in the future"), ("1899-12-31", "1900-01-01"), ("2026-02-30", "not a real date")):
            await pilot.press("d", *bad, "enter")
            assert says in static_text(app, "#setup-error")
            assert app.screen.question.id == "onset"
            await pilot.press("escape")  # back to the choices
        await pilot.press("u")  # not sure
        assert app.screen.question.id == "cleared_for_strength"
        await pilot.press("backspace", "backspace", "backspace")  # back to the side
        assert app.screen.question.id == "affected_side"
        await pilot.press("b")  # both, after all
        for _ in range(6):
            await pilot.press("escape")
        await wait_ready(app, pilot)
    p = app.journal.profile()
    assert p.affected_side == "both" and p.onset_kind == "unknown" and p.onset_date is None


async def test_setup_not_done_shows_the_line_and_p_opens_the_profile(db_path):
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Tell rehab-tui about you (p)" in static_text(app, "#today-prompts")
        await pilot.press("p")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert "Setup is not done yet" in static_text(app, "#changes")
        await pilot.press("s")  # setup again: every question
        await wait_ready(app, pilot)
        assert isinstance(app.screen, SetupScreen) and len(app.screen.questions) == 7
        await pilot.press("escape", "escape", "escape", "y")  # cleared: yes
        for _ in range(3):
            await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert "Cleared for strength work since 2026-11-24" in static_text(app, "#changes")
        await pilot.press("t")
        await wait_ready(app, pilot)
        assert "Tell rehab-tui about you" not in static_text(app, "#today-prompts")


async def test_profile_edits_one_setting_and_count_is_kept_in_range(db_path):
    from tests.helpers.setup_helpers import prepare_profile

    prepare_profile(db_path, count_seconds=1.4)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("p")
        await wait_ready(app, pilot)
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen) and app.screen.question.id == "count_seconds"
        await pilot.press(*["plus"] * 5, "enter")  # stops at 1.5
        await wait_ready(app, pilot)
        assert app.journal.profile().count_seconds == 1.5
        await pilot.press("enter")
        await pilot.press(*["minus"] * 12, "enter")  # stops at 0.8
        await wait_ready(app, pilot)
        assert app.journal.profile().count_seconds == 0.8
        assert "length of one count: 1.5 s → 0.8 s" in static_text(app, "#changes")


async def test_switching_units_asks_first_and_converts_doses(db_path):
    from catalogue import load_catalogue
    from catalogue.models import Dose
    from tests.helpers.setup_helpers import prepare_profile

    prepare_profile(db_path)
    from journal.api import Journal

    with Journal.open(db_path) as j:
        j.change_dose("wrist-flexion-curl", Dose(2, 8, 8, 12, load=1.5, unit="kg"), NOW, "set by you")
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("p")
        await wait_ready(app, pilot)
        for _ in range(4):
            await pilot.press("down")
        await pilot.press("enter", "l")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep kg
        await wait_ready(app, pilot)
        assert app.journal.profile().units == "kg"
        await pilot.press("enter", "l", "y")
        await wait_ready(app, pilot)
    assert app.journal.profile().units == "lb"
    dose = app.journal.current_doses()["wrist-flexion-curl"]
    assert (dose.load, dose.unit, dose.reason) == (3.5, "lb", "units changed to lb")
    assert len(app.journal.dose_history("wrist-flexion-curl")) == 2


async def test_check_ins_ask_about_the_users_areas_and_the_neck(db_path):
    from tests.helpers.setup_helpers import prepare_profile
    from tui.screens.checkin import CheckinScreen

    prepare_profile(db_path, symptom_areas=["hands"])
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.runflow.ad_hoc()  # the palette's "Symptom check-in": every region the app knows
        await wait_ready(app, pilot)
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.regions == ["neck", "left_hand", "right_hand"]
        assert "neck and hands" in static_text(app, ".modal-title")
        await pilot.press("3", "enter")
        await wait_ready(app, pilot)
    assert {c.region for c in app.journal.checkins()} == {"neck", "left_hand", "right_hand"}


async def test_a_neck_only_user_is_asked_about_the_neck_in_good_english(db_path):
    from tests.helpers.setup_helpers import prepare_profile
    from tui.screens.checkin import CheckinScreen

    prepare_profile(db_path, symptom_areas=["neck"])
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.runflow.ad_hoc()
        await wait_ready(app, pilot)
        assert isinstance(app.screen, CheckinScreen) and app.screen.regions == ["neck"]
        assert "how does your neck feel" in static_text(app, ".modal-title")


async def test_going_back_and_skipping_keeps_an_answer_already_given(db_path):
    """A new-user trial lost the onset date: answered, back to it with backspace, then esc to
    move on wiped it. esc skips a question; it never takes back an answer."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("enter")
        await wait_ready(app, pilot)
        await pilot.press("r", "h", "enter")
        await pilot.press("d", *"2026-10-01", "enter")
        assert app.screen.question.id == "cleared_for_strength"
        await pilot.press("escape", "backspace", "backspace")  # back to the onset
        assert app.screen.question.id == "onset"
        for _ in range(5):
            await pilot.press("escape")
        await wait_ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
    p = app.journal.profile()
    assert p.onset_kind == "date" and p.onset_date == date(2026, 10, 1)
