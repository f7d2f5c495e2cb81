"""Tempo guidance and the rest countdown, as plain state machines over an injected clock.

Nothing here imports Textual: the runner asks :meth:`Guidance.state` on every repaint and
draws what it returns. Time comes only from ``clock()`` (``time.monotonic`` in the app, a
fake in tests) — elapsed time is always *now minus a timestamp*, never a count of ticks, so a
late or skipped repaint cannot make the timer drift.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

Clock = Callable[[], float]

IDLE, RUNNING, PAUSED, DONE = "idle", "running", "paused", "done"
READY = "get ready"


@dataclass(frozen=True, slots=True)
class Beat:
    """One timed stretch of a set: "get ready", or one phase of one rep."""

    name: str
    counts: int
    seconds: float
    rep: int  # 0 for get ready, else 1-based
    phase: int  # index of the phase within the rep; -1 for get ready
    start: float  # seconds from the start of the set


@dataclass(frozen=True, slots=True)
class GuideState:
    status: str  # idle | running | paused | done
    beat: Beat | None  # None when idle or done
    elapsed: float  # seconds guided so far (pauses excluded)
    total: float  # seconds the whole set takes
    reps: int  # target reps
    reps_done: int  # reps fully completed
    hold_s: float | None  # hold achieved per rep so far (None: the exercise has no hold)

    @property
    def beat_elapsed(self) -> float:
        return 0.0 if self.beat is None else self.elapsed - self.beat.start

    @property
    def beat_remaining(self) -> float:
        return 0.0 if self.beat is None else max(0.0, self.beat.start + self.beat.seconds - self.elapsed)

    @property
    def count(self) -> int:
        """Counts left in this beat (what the big timer shows): 3-2-1, hold 4-3-2-1."""
        if self.beat is None:
            return 0
        per_count = self.beat.seconds / max(self.beat.counts, 1)
        return max(1, math.ceil(round(self.beat_remaining / per_count, 6)))

    @property
    def progress(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.elapsed / self.total)

    @property
    def key(self) -> tuple:
        """Changes exactly when the beat changes (for the bell and repaints)."""
        return (self.status == DONE, None if self.beat is None else (self.beat.rep, self.beat.phase))


class Guidance:
    """Guides one set: get ready 3-2-1, then each rep's phases with their counts.

    ``phases`` is one rep as (name, counts, seconds). ``start``/``pause``/``resume``
    change state at ``clock()``; :meth:`state` reports where the set is at ``clock()``.
    """

    def __init__(
        self,
        phases: Sequence[tuple[str, int, float]],
        reps: int,
        clock: Clock,
        *,
        count_seconds: float = 1.0,
        ready_counts: int = 3,
        hold_phases: Sequence[int] = (),
    ) -> None:
        self.clock = clock
        self.reps = max(0, reps)
        self.hold_phases = tuple(hold_phases)
        beats: list[Beat] = []
        t = 0.0
        if ready_counts:
            beats.append(Beat(READY, ready_counts, ready_counts * count_seconds, 0, -1, 0.0))
            t = beats[-1].seconds
        self.ready_seconds = t
        self.rep_seconds = sum(max(seconds, 0.0) for _, _, seconds in phases)
        self.phases = [(name, counts, max(seconds, 0.0)) for name, counts, seconds in phases]
        self._ready = beats
        self.total = t + self.rep_seconds * self.reps
        self._accumulated = 0.0
        self._since: float | None = None
        self._started = False

    # ---- control ------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._accumulated += self.clock() - self._since
            self._since = None

    def resume(self) -> None:
        if self._started and self._since is None and self.elapsed() < self.total:
            self._since = self.clock()

    def toggle(self) -> str:
        """``space``: start, pause or resume; returns the new status."""
        if not self._started:
            self.start()
        elif self.running:
            self.pause()
        else:
            self.resume()
        return self.state().status

    def elapsed(self) -> float:
        running = 0.0 if self._since is None else self.clock() - self._since
        return min(self._accumulated + running, self.total)

    # ---- where are we -------------------------------------------------------------------
    def beat_at(self, t: float) -> Beat | None:
        if t < self.ready_seconds:
            return self._ready[0]
        if self.rep_seconds <= 0 or t >= self.total:
            return None
        into = t - self.ready_seconds
        rep = min(int(into // self.rep_seconds), self.reps - 1)
        start = self.ready_seconds + rep * self.rep_seconds
        for i, (name, counts, seconds) in enumerate(self.phases):
            if t < start + seconds or i == len(self.phases) - 1:
                return Beat(name, counts, seconds, rep + 1, i, start)
            start += seconds
        return None  # pragma: no cover - the loop always returns

    def reps_done_at(self, t: float) -> int:
        if self.rep_seconds <= 0 or t < self.ready_seconds:
            return 0
        return min(self.reps, int(round((t - self.ready_seconds) / self.rep_seconds, 9)))

    def hold_at(self, t: float) -> float | None:
        """Seconds held per rep: the full hold once a rep got past its hold, else so far."""
        holds = [(i, self.phases[i][2]) for i in self.hold_phases if i < len(self.phases)]
        if not holds:
            return None
        full = max(seconds for _, seconds in holds)
        if self.reps_done_at(t) >= 1:
            return full
        beat = self.beat_at(t)
        if beat is None or beat.rep == 0:
            return 0.0
        best = 0.0
        for i, seconds in holds:
            offset = self.ready_seconds + sum(s for _, _, s in self.phases[:i])
            best = max(best, min(seconds, max(0.0, t - offset)))
        return round(best, 1)

    def state(self) -> GuideState:
        t = self.elapsed()
        if not self._started:
            status = IDLE
        elif t >= self.total:
            status = DONE
        else:
            status = RUNNING if self.running else PAUSED
        beat = None if status in (IDLE, DONE) else self.beat_at(t)
        return GuideState(
            status=status,
            beat=beat,
            elapsed=t,
            total=self.total,
            reps=self.reps,
            reps_done=self.reps_done_at(t),
            hold_s=self.hold_at(t) if self._started else None,
        )


class Countdown:
    """The rest between sets: ``seconds`` from ``clock()`` at creation; skip ends it early."""

    def __init__(self, seconds: float, clock: Clock) -> None:
        self.clock = clock
        self.seconds = max(0.0, seconds)
        self.started_at = clock()
        self.skipped = False

    def remaining(self) -> float:
        if self.skipped:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - self.started_at))

    @property
    def over(self) -> bool:
        return self.remaining() <= 0

    def skip(self) -> None:
        self.skipped = True


def clock_text(seconds: float) -> str:
    """``0:45`` for a countdown, rounded up so it reaches ``0:00`` only at the end."""
    whole = max(0, math.ceil(round(seconds, 6)))
    return f"{whole // 60}:{whole % 60:02d}"
