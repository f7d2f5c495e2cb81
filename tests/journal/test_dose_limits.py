"""A dose set by hand is checked against its exercise's limits (journal/rules/dose_limits.py)."""

from __future__ import annotations

import pytest

from catalogue import load_catalogue
from journal.rules.dose_limits import FieldProblem, check_dose

CAT = load_catalogue()
CURL = CAT.exercises["wrist-flexion-curl"]
OK = {"sets": "3", "reps_lo": "8", "reps_hi": "12", "reps": "10", "load": "2.5"}


def test_a_good_dose_in_the_users_unit():
    dose = check_dose(CURL, CURL.dose, OK, "lb")
    assert (dose.sets, dose.reps, dose.reps_lo, dose.reps_hi, dose.load, dose.unit) == (3, 10, 8, 12, 2.5, "lb")


@pytest.mark.parametrize(
    ("field", "text", "says"),
    [
        ("sets", "0", "sets must be a whole number from 1 to 10"),
        ("sets", "11", "from 1 to 10"),
        ("sets", "", "sets is required"),
        ("reps_lo", "13", "lowest reps (13) is above highest reps (12)"),
        ("reps_hi", "101", "highest reps must be a whole number from 1 to 100"),
        ("reps", "7", "reps 7 is outside the range 8–12"),
        ("reps", "٣", "reps must be"),
        ("load", "0", "load must be above 0"),
        ("load", "201", "at most 200 lb"),
        ("load", "2.25", "steps of 0.5 lb"),
        ("load", "nan", "load must be a number"),
    ],
)
def test_each_bad_field_is_named(field, text, says):
    with pytest.raises(FieldProblem) as err:
        check_dose(CURL, CURL.dose, {**OK, field: text}, "lb")
    assert err.value.field == field and says in str(err.value)


def test_hold_and_level_limits_and_no_load_for_mobility():
    grip = CAT.exercises["grip-squeeze"]
    putty = CAT.ladders[grip.dose.ladder]
    texts = {"sets": "2", "reps_lo": "8", "reps_hi": "12", "reps": "8", "level": "firm"}
    assert check_dose(grip, grip.dose, texts, "kg", putty).level == "firm"
    with pytest.raises(FieldProblem, match="level must be one of"):
        check_dose(grip, grip.dose, {**texts, "level": "granite"}, "kg", putty)
    neck = CAT.exercises["neck-rotation"]
    with pytest.raises(FieldProblem, match="takes no load"):
        check_dose(neck, neck.dose, {**texts, "load": "1"}, "kg")
    hold = {"sets": "1", "reps_lo": "1", "reps_hi": "5", "reps": "2", "hold_s": "301"}
    with pytest.raises(FieldProblem, match="hold must be a whole number of seconds from 1 to 300"):
        check_dose(neck, neck.dose, hold, "kg")
