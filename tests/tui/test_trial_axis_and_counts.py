"""History's time axis with one or a few sessions, and counts said in the singular for one."""

from __future__ import annotations

import re

from datetime import date, timedelta

from tests.conftest import ROOT


def test_one_session_gets_a_two_week_axis_around_it_not_years():
    from tui.widgets.history_charts import MIN_SPAN_DAYS, date_ticks

    day = date(2025, 12, 4)
    lo, hi, ticks = date_ticks([day])
    assert lo <= day <= hi and (hi - lo).days == MIN_SPAN_DAYS
    assert ticks[0] == lo and all(lo <= t <= hi for t in ticks) and 2 <= len(ticks) <= 5
    lo, hi, ticks = date_ticks([day, day + timedelta(days=2)])
    assert (hi - lo).days == MIN_SPAN_DAYS and lo <= day
    year = [day + timedelta(days=n) for n in range(0, 365, 7)]
    lo, hi, ticks = date_ticks(year)
    assert (lo, hi) == (year[0], year[-1]) and len(ticks) <= 5 and ticks == sorted(ticks)


def test_the_progress_chart_draws_one_session_within_its_fortnight():
    from textual_plotext.plot import Plot

    from journal.rules.history import SeriesPoint
    from tui.theme import Palette
    from tui.widgets.history_charts import draw_progress, first_day

    day = date(2025, 12, 4)
    series = {"both": [SeriesPoint(1, day, "grip-squeeze", "both", 2, 10.0, None, None, None, 1)]}
    plt = Plot()
    draw_progress(plt, series, "Grip squeeze", "right", {}, Palette("#00ff00", "#ffff00", "#ff0000", "#0000ff", "#ff00ff", "#888888"))
    plt.plotsize(80, 20)
    text = re.sub(r"\x1b\[[0-9;]*m", "", plt.build())
    labels = set(re.findall(r"\b\d{1,2} [A-Z][a-z]{2}\b", text))
    assert labels and all(l.endswith(("Nov", "Dec")) for l in labels), labels  # was 18 Jun … 19 May
    assert first_day(series) == day


def test_counts_are_singular_for_one_in_every_command():
    from tui.words import count

    assert [count(1, "sessions"), count(2, "sessions"), count(1_204, "check-ins"), count(1, "red flags")] == [
        "1 session", "2 sessions", "1,204 check-ins", "1 red flag",
    ]
    for path in (ROOT / "tui" / "commands").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r":,\} (sessions|sets|check-ins|rows|days|resources)", text), path.name
