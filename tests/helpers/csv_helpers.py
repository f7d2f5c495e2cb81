"""A small, fully known journal for the CSV tests, written through the journal API."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW

#: Notes that stress the CSV rules: separators, quotes, newlines, Unicode, formula starts.
NASTY_NOTES = (
    'a, b "quoted"',
    "line one\nline two",
    "ça va — 手 👍",
    '=HYPERLINK("http://x")',
    "+1 rep",
    "-2 kg",
    "@mention",
    "\tindented",
    "'=already guarded",
)


def fill(journal) -> dict[str, int]:
    """Two sessions on 2026-11-22 and 2026-11-23 and an ad-hoc check-in on the 24th."""
    day1 = NOW - timedelta(days=2)
    s1 = journal.start_session("hand-wrist-strength", "Hand & wrist strength", day1)
    journal.record_checkins(
        [{"region": "right_hand", "pain": 3, "numbness": 1, "tingling": 2, "weakness": 4, "note": "=before"}],
        context="before", now=day1 + timedelta(minutes=1), session_id=s1.id,
    )  # fmt: skip
    journal.log_set(
        s1.id, exercise_id="wrist-flexion-curl", exercise_name="Wrist flexion curl", set_number=1,
        side="right", target_reps=10, reps=9, target_hold_s=4, hold_s=4.5, load=0.5, load_unit="kg",
        effort=6, pain_during=2, note=NASTY_NOTES[0], now=day1 + timedelta(minutes=3),
    )  # fmt: skip
    journal.log_set(
        s1.id, exercise_id="grip-squeeze", exercise_name="Grip squeeze", set_number=1,
        target_reps=12, reps=12, level="soft", effort=3, pain_during=0, stop_reason="tingling",
        note=NASTY_NOTES[1], now=day1 + timedelta(minutes=5),
    )  # fmt: skip
    journal.finish_session(s1.id, day1 + timedelta(minutes=20), note=NASTY_NOTES[3])
    day2 = NOW - timedelta(days=1)
    s2 = journal.start_session("gentle-mobility", "Gentle mobility", day2)
    for n, note in enumerate(NASTY_NOTES[2:], start=1):
        journal.log_set(
            s2.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=n,
            target_reps=5, reps=5, note=note, now=day2 + timedelta(minutes=n),
        )  # fmt: skip
    journal.record_checkins(
        [{"region": "neck", "pain": 0, "numbness": 0, "tingling": 0, "weakness": 0, "note": "-fine"}],
        context="ad_hoc", now=NOW,
    )  # fmt: skip
    return {"s1": s1.id, "s2": s2.id}
