"""Tempo guidance on an injected clock: phases, counts, pauses, holds and drift."""

from __future__ import annotations

import random

import pytest

from tui.runner.tempo import DONE, IDLE, PAUSED, READY, RUNNING, Countdown, Guidance, clock_text


class FakeClock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


CURL = [("curl", 1, 1.0), ("hold", 4, 4.0), ("release", 4, 4.0)]


def test_get_ready_then_each_phase_with_counts():
    clock = FakeClock()
    g = Guidance(CURL, 2, clock, hold_phases=[1])
    assert g.state().status == IDLE and g.total == 3 + 2 * 9
    g.start()
    seen = []
    for _ in range(int(g.total * 10) + 5):
        s = g.state()
        if s.beat is not None:
            seen.append((s.beat.name, s.beat.rep, s.count))
        clock.advance(0.1)
    # every count of every beat, in order, once (deduplicated)
    compact = [x for i, x in enumerate(seen) if i == 0 or seen[i - 1] != x]
    assert compact[:4] == [(READY, 0, 3), (READY, 0, 2), (READY, 0, 1), ("curl", 1, 1)]
    assert compact[4:12] == [("hold", 1, 4), ("hold", 1, 3), ("hold", 1, 2), ("hold", 1, 1),
                             ("release", 1, 4), ("release", 1, 3), ("release", 1, 2), ("release", 1, 1)]  # fmt: skip
    assert compact[-1] == ("release", 2, 1)
    end = g.state()
    assert end.status == DONE and end.reps_done == 2 and end.hold_s == 4.0 and end.progress == 1.0


def test_pause_freezes_time_and_resume_continues():
    clock = FakeClock()
    g = Guidance(CURL, 1, clock, hold_phases=[1])
    assert g.toggle() == RUNNING
    clock.advance(5.5)  # 3 ready + 1 curl + 1.5 into the hold
    assert g.toggle() == PAUSED
    frozen = g.state()
    assert frozen.beat.name == "hold" and frozen.beat_elapsed == pytest.approx(1.5) and frozen.count == 3
    clock.advance(600)  # a long pause changes nothing
    assert g.state().elapsed == pytest.approx(5.5)
    assert g.state().hold_s == pytest.approx(1.5)  # achieved so far: the set could end here
    assert g.toggle() == RUNNING
    clock.advance(2.5)
    s = g.state()
    assert s.beat.name == "release" and s.beat.rep == 1 and s.count == 4
    clock.advance(10)
    assert g.state().status == DONE and g.state().reps_done == 1


def test_no_drift_over_a_60_second_hold_with_late_irregular_ticks():
    """Ticks arrive late and unevenly; the timer follows the clock, not the tick count."""
    clock = FakeClock(50_000.0)
    g = Guidance([("hold", 60, 60.0)], 1, clock, hold_phases=[0])
    g.start()
    clock.advance(3.0)  # get ready
    rng = random.Random(4)
    ticks, naive = 0, 0.0
    while clock.t - 50_003.0 < 59.5:
        clock.advance(0.1 + rng.uniform(0.0, 0.04))  # a 0.1 s timer that always fires late
        naive += 0.1
        ticks += 1
        g.state()
    true_elapsed = clock.t - 50_003.0
    assert abs(naive - true_elapsed) > 1.0  # counting ticks would be seconds off
    s = g.state()
    assert abs(s.beat_elapsed - true_elapsed) < 0.05
    assert abs(s.beat_remaining - (60.0 - true_elapsed)) < 0.05
    clock.advance(60.0 - true_elapsed + 0.001)
    assert g.state().status == DONE and g.state().hold_s == 60.0


def test_counts_follow_the_count_length():
    clock = FakeClock()
    g = Guidance([("lift", 2, 3.0)], 1, clock, count_seconds=1.5)
    g.start()
    assert g.state().count == 3 and g.ready_seconds == 4.5
    clock.advance(4.5 + 1.4)
    assert g.state().beat.name == "lift" and g.state().count == 2
    clock.advance(1.5)
    assert g.state().count == 1


def test_rest_countdown_and_skip():
    clock = FakeClock()
    rest = Countdown(45, clock)
    clock.advance(15.2)
    assert clock_text(rest.remaining()) == "0:30" and not rest.over
    rest.skip()
    assert rest.over and rest.remaining() == 0
    assert clock_text(90) == "1:30" and clock_text(0) == "0:00"


def test_guidance_and_the_pure_runner_logic_never_import_textual():
    from tests.tui.test_imports import loaded_after

    mods = loaded_after("import tui.runner.tempo, journal.rules.plan, journal.rules.redflags")
    assert "textual" not in mods and "sqlalchemy" not in mods
