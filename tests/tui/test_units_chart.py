"""History's progress chart draws loads in the user's unit (series loads are kept in kg)."""

from __future__ import annotations

from datetime import date

from journal.store.gather import SeriesPoint
from tui.widgets.history_charts import _right_axis


def point(load: float | None) -> SeriesPoint:
    return SeriesPoint(1, date(2026, 11, 1), "wrist-flexion-curl", "left", 2, 8.0, None, load, None, 0)


def test_loads_on_the_right_axis_in_the_users_unit():
    assert _right_axis([point(0.5), point(1.0)], {}, "lb") == ("lb", [1.0, 2.0], None)
    assert _right_axis([point(0.5), point(None)], {}, "kg") == ("kg", [0.5, 0], None)
