"""The CSV cell rules: numbers, the formula-injection guard, loads and levels — both ways."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.exchange.csv_format import (
    cell,
    is_plain_number,
    load_cells,
    number_text,
    parse_load,
    protect,
    unprotect,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [(4.0, "4"), (0.5, "0.5"), (0.65, "0.65"), (2.25, "2.25"), (600.0, "600"), (0.001, "0.001"),
     (123.456, "123.456"), (0, "0"), (17, "17"), (0.1 + 0.2, "0.30000000000000004")],
)  # fmt: skip
def test_number_text(value, text):
    assert number_text(value) == text
    assert float(text) == value


@given(st.floats(min_value=0, max_value=600, allow_nan=False).map(lambda x: round(x, 3)))
def test_numbers_round_trip_exactly(value):
    text = number_text(value)
    assert "e" not in text and float(text) == value and is_plain_number(text)


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=already quoted", "''=already quoted"),
        ("''+two", "'''+two"),
        ("'plain quote", "'plain quote"),
        ("'", "'"),
        ("a=b", "a=b"),
        ("", ""),
        ('ça va, "merci"\nligne 2', 'ça va, "merci"\nligne 2'),
    ],
)
def test_formula_guard(stored, written):
    assert protect(stored) == written
    assert unprotect(written) == stored
    assert cell(stored) == written


@given(st.text())
def test_formula_guard_round_trips_any_text(text):
    guarded = protect(text)
    assert unprotect(guarded) == text
    assert not guarded[:1] or guarded[0] not in "=+-@\t\r"


@pytest.mark.parametrize(
    ("stored", "cells", "parsed"),
    [
        ((0.5, None, "kg"), ("0.5", "kg"), ("0.5", "kg", None)),
        ((4.0, None, "lb"), ("4", "lb"), ("4", "lb", None)),
        ((2.5, None, None), ("2.5", ""), ("2.5", None, None)),
        ((None, "soft", "putty"), ("soft", "putty"), (None, "putty", "soft")),
        ((None, "red", None), ("red", ""), (None, None, "red")),
        ((None, "5", "ladder"), ("5", "ladder"), (None, "ladder", "5")),
        ((None, "4.0", None), ("4.0", ""), ("4.0", None, None)),  # a number written oddly: a load
        ((None, None, None), ("", ""), (None, None, None)),
        ((None, None, "kg"), ("", "kg"), (None, "kg", None)),
    ],
)
def test_loads_and_levels(stored, cells, parsed):
    load, level, unit = stored
    written = tuple(cell(v) for v in load_cells(load, level, unit))
    assert written == cells
    assert parse_load(*cells) == parsed


def test_level_unit_filled_from_the_ladder():
    assert load_cells(None, "yellow", None, "band") == ("yellow", "band")
    assert load_cells(None, "yellow", "band", "putty") == ("yellow", "band")
    assert load_cells(1.0, None, "kg", "band") == (1.0, "kg")
