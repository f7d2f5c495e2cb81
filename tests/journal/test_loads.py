import pytest

from journal.rules.loads import heavier, lighter


@pytest.mark.parametrize(
    "load,unit,expected",
    [(0.4, "kg", 0.65), (1.0, "kg", 1.25), (10, "kg", 10.5), (6, "kg", 6.5), (6.1, "kg", 6.6),
     (20, "lb", 21.0), (5, "lb", 5.5)],
)  # fmt: skip
def test_heavier_adds_five_percent_rounded_up_to_the_increment(load, unit, expected):
    assert heavier(load, unit) == expected


@pytest.mark.parametrize("load,expected", [(1.0, 0.75), (10, 9.0), (0.25, 0.25), (2.0, 1.75)])
def test_lighter_takes_off_ten_percent_at_least_one_step(load, expected):
    assert lighter(load, "kg") == expected
