"""What a new user found hard to read in the runner: a set line broken inside "pain 0", the rest
naming "set 1 of 1" instead of the next exercise, a narrow summary with an exercise twice and
no side — and where `<` `>` do something (the flow, without Textual)."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.text import Text

from catalogue import load_catalogue
from catalogue.models import Routine, RoutineStep
from journal.records import ProfileRec, SessionRec, SetRec
from journal.rules.plan import build_plan
from tests.helpers.runner_helpers import FakeClock
from tui.runner import draw
from tui.runner import flow as F
from tui.runner.summary import summary
from tui.theme import Palette

COLOURS = Palette("green", "yellow", "red", "blue", "magenta", "grey50")


def make_flow(*steps: RoutineStep) -> F.RunFlowState:
    profile = ProfileRec("right", None, False, "kg", 1.0, False, None, frozenset())
    flow = F.make_flow(build_plan(Routine("r", "R", "FREQ=DAILY", steps), load_catalogue(), {}, profile), FakeClock())
    flow.go_to(0)
    return flow


def test_fold_breaks_between_parts_never_inside_one():
    parts = [Text(p) for p in ("8 reps", "hold 4 s", "0.5 kg", "pain 2")]
    folded = draw.fold(Text("To log  ", style="bold"), parts, 30)
    assert folded.plain.splitlines() == ["To log  8 reps · hold 4 s", "        0.5 kg · pain 2"]
    assert all(len(line) <= 30 for line in folded.plain.splitlines())
    assert draw.fold(Text("To log  "), parts, 0).plain == "To log  8 reps · hold 4 s · 0.5 kg · pain 2"
    assert not folded.style and folded.spans[0].style == "bold"  # the head's bold stays on the head


def test_the_set_to_log_keeps_pain_and_its_number_together_at_every_width():
    flow = make_flow(RoutineStep("wrist-flexion-curl", sets=1))
    flow.pain = 7
    for width in range(24, 80):
        shown = draw.entry(flow, COLOURS, saving=False, width=width)
        rows = shown.plain.splitlines()
        assert any(row.rstrip().endswith("pain 7") for row in rows), (width, rows)
        assert all(len(row) <= width for row in rows[1:]), (width, rows)  # only a lone first part may be wider


def test_a_rest_before_the_next_exercise_names_it():
    flow = make_flow(RoutineStep("neck-rotation", sets=2, rest_s=30), RoutineStep("finger-flex-stretch", sets=1))
    flow.press("reps", 1)
    out = flow.press("log")
    flow.saved(1, out.log)
    assert flow.state() == F.REST
    assert "next: set 2 of 2, both sides" in draw.panel(flow, COLOURS, "right").label.plain
    flow.press("guide")  # ends the rest
    flow.press("reps", 1)
    flow.saved(2, flow.press("log").log)
    assert flow.state() == F.REST and flow.current.exercise.id == "finger-flex-stretch"
    assert "next: Finger flex and stretch, both sides" in draw.panel(flow, COLOURS, "right").label.plain


def test_lighter_and_heavier_exist_only_where_there_is_a_step():
    flow = make_flow(RoutineStep("neck-rotation", sets=1), RoutineStep("wrist-flexion-curl", sets=1))
    assert flow.load_step(-1) is None and flow.load_step(+1) is None  # mobility: no load, no level
    flow.press("skip")
    assert flow.current.exercise.id == "wrist-flexion-curl"
    assert flow.load_step(-1).load == 0.25 and flow.load_step(+1).load == 0.75
    flow.press("lighter")
    assert flow.load_step(-1) is None and flow.load_step(+1).load == 0.5  # the lightest step; back up


def test_the_narrow_summary_says_which_side_each_row_is():
    flow = make_flow(RoutineStep("wrist-flexion-curl", sets=1))
    sets = []
    for n, side in enumerate(("right", "left"), start=1):
        flow.press("reps", 1)
        values = flow.press("log").log
        sets.append(SetRec(n, 1, values["exercise_id"], values["exercise_name"], side, 1, 8, 8, 4, 4, 0.5, "kg", None, None, 0, "none",
                           "2026-11-24T08:40:00+01:00", ""))  # fmt: skip
        flow.saved(n, values)
    session = SessionRec(1, "r", "R", "2026-11-24T08:30:00+01:00", "2026-11-24T08:42:00+01:00", date(2026, 11, 24), "completed", "")
    shown = summary(session, sets, flow=flow, routine_name="R", regions=[], before={}, after={}, colours=COLOURS, narrow=True)
    console = Console(width=78, record=True, color_system=None)
    console.print(shown)
    rows = [line for line in console.export_text().splitlines() if " 8 " in f"{line} "]
    assert len(rows) == 2 and "right" in rows[0] and "left" in rows[1], rows
    assert rows[0].startswith("Wrist flexion curl") and not rows[1].startswith("Wrist")  # the name once
