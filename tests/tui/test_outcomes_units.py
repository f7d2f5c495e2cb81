"""History's Outcomes panel shows grip in the user's units (a new-user trial saw kg in lb)."""

from datetime import timedelta
from types import SimpleNamespace

from journal.api import Journal
from tests.conftest import NOW
from tui.widgets.outcomes_panel import outcomes_text

COLOURS = SimpleNamespace(muted="grey50", primary="blue", accent="yellow", success="green",
                          error="red", warning="yellow")  # fmt: skip


def test_grip_in_lb_for_a_lb_user(tmp_path):
    with Journal.open(tmp_path / "j.db") as j:
        j.record_grip("left", [60, 62], "lb", NOW - timedelta(days=14))
        j.record_grip("left", [80], "lb", NOW)
        view = j.outcomes_view(NOW.date())
    text = outcomes_text(view, COLOURS, units="lb").plain
    assert "lb, best of 3" in text and "62 → 80 lb" in text and " kg " not in text.replace("(6 kg)", "")
    kg = outcomes_text(view, COLOURS, units="kg").plain
    assert "28.1 → 36.3 kg" in kg
