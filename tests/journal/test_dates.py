"""--since/--until: ISO days and spans back from today; a bad date names itself."""

from __future__ import annotations

from datetime import date

import pytest

from journal.dates import day_range, parse_day
from journal.errors import InvalidValue

TODAY = date(2026, 5, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("0d", TODAY),
        ("30d", date(2026, 5, 1)),
        ("6w", date(2026, 4, 19)),
        ("3m", date(2026, 2, 28)),  # 31 May minus 3 months: the end of February
        ("1M", date(2026, 4, 30)),
        ("1y", date(2025, 5, 31)),
    ],
)
def test_days(text, expected):
    assert parse_day(text, TODAY, "--since") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "--since: 2026-02-30 is not a real date"),
        ("2025-02-29", "--since: 2025-02-29 is not a real date"),
        ("3x", "--since: '3x' is not a date; use a day like 2026-03-01"),
        ("yesterday", "--since: 'yesterday' is not a date"),
        ("-3d", "--since: '-3d' is not a date"),
        ("26-03-01", "--since: '26-03-01' is not a date"),
        ("999999y", "--since: 999999y reaches back before the year 1"),
        ("", "--since: '' is not a date"),
    ],
)
def test_bad_days_name_themselves(text, message):
    with pytest.raises(InvalidValue) as err:
        parse_day(text, TODAY, "--since")
    assert str(err.value).startswith(message)


def test_range_is_inclusive_and_ordered():
    assert day_range("2026-05-01", "2026-05-01", TODAY) == (date(2026, 5, 1), date(2026, 5, 1))
    assert day_range(None, "7d", TODAY) == (None, date(2026, 5, 24))
    assert day_range(None, None, TODAY) == (None, None)
    with pytest.raises(InvalidValue, match="--since 2026-05-02 is after --until 2026-05-01"):
        day_range("2026-05-02", "2026-05-01", TODAY)
    with pytest.raises(InvalidValue, match="--until: 2026-13-01 is not a real date"):
        day_range("1d", "2026-13-01", TODAY)
