"""Knowing when a frame has really reached the terminal (a mixin for the App).

Textual holds output back at times: while it starts up (a "batch"), and for 50 ms after every
mode switch (``delay_update``). Refreshes still happen then, and ``call_after_refresh``
callbacks run, but nothing is drawn. Two consequences for rehab-tui:

* A mode's first screen (Today) is laid out and drawn inside the start-up batch, and Textual
  drops that frame. The next one came only after everything ``call_after_refresh`` had queued
  (the rest of Today, the footer's keys, opening the journal) had run: 25–50 ms late. Here the
  dropped frame is kept and written the moment the batch ends.
* Work meant for "after this is on screen" (the rest of Today; the Journal's next page; working
  out History in the background) waits for a frame really written: :meth:`after_paint`.

This leans on Textual internals (``_display``, ``_end_batch``, ``_batch_count``); should they
change, the timer in :meth:`after_paint` still runs what waits, half a second late, and
tests/tui/test_startup.py fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual._compositor import LayoutUpdate
from textual._context import active_message_pump
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

#: The longest anything waits for a frame (none may come: nothing changed on screen).
PAINT_WAIT = 0.5


class FrameWatch:
    """Mixed into the App, before ``textual.app.App``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        #: A frame has gone to the terminal.
        self.painted = False
        self._held_frame: tuple[Screen, LayoutUpdate | None, int] | None = None
        self._after_paint: list[tuple[MessagePump, Callable[[], object], float]] = []
        self._paint_timer: Timer | None = None

    def _display(self, screen: Screen, renderable: object) -> None:
        if renderable is not None and self._batch_count and not self.painted:
            # Keep the first whole frame; after a second dropped one, draw afresh at the end.
            whole = self._held_frame is None and isinstance(renderable, LayoutUpdate)
            self._held_frame = (screen, renderable if whole else None, self._css_update_count)
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is not None and not self._batch_count:
            self.painted = True
            self._held_frame = None
            self._run_waiting(lambda _since: True)

    def _end_batch(self) -> None:
        super()._end_batch()  # type: ignore[misc]
        if not self._batch_count and self._held_frame is not None:
            screen, frame, css_count = self._held_frame
            self._held_frame = None
            # Not if the screen or the theme changed since: the next frame comes anyway.
            if screen is self.screen and css_count == self._css_update_count and not self.painted:
                self._display(screen, frame or screen._compositor.render_full_update())

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the next frame has gone to the terminal (or, if none comes,
        after PAINT_WAIT), in the context of the widget or screen that asked."""
        self._after_paint.append((active_message_pump.get(), callback, time.monotonic()))
        if self._paint_timer is None:
            self._paint_timer = self.set_timer(PAINT_WAIT, self._overdue)

    def _run_waiting(self, due: Callable[[float], bool]) -> bool:
        """Run the waiting callbacks ``due(since)`` picks; True if there were any."""
        now = [entry for entry in self._after_paint if due(entry[2])]
        if now:
            self._after_paint = [entry for entry in self._after_paint if not due(entry[2])]
            for caller, callback, _since in now:
                caller.call_later(callback)
        return bool(now)

    def _overdue(self) -> None:
        """No frame for PAINT_WAIT: run what has waited that long."""
        self._paint_timer = None
        cutoff = time.monotonic() - PAINT_WAIT * 0.95
        if self._run_waiting(lambda since: since <= cutoff):
            self.painted = True  # no frame came: stop holding things back for one
        if self._after_paint:  # asked for since this timer was set: when the oldest is due
            oldest = min(since for _caller, _callback, since in self._after_paint)
            self._paint_timer = self.set_timer(max(0.01, oldest + PAINT_WAIT - time.monotonic()), self._overdue)
