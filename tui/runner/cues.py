"""The runner's cues: each count, rest, side switch and finished set spoken (when the voice is
on and works) or a bell at each phase change (when the bell is on). ``v`` and ``b`` toggle them,
kept in the profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journal.rules.plan import PlannedSet, tempo_steps
from tui.runner import flow as F
from tui.runner.spoken import announcement, number
from tui.runner.host import host

if TYPE_CHECKING:

    from tui.runner.voice import Voice

BELL_INSTEAD = "Spoken cues: bell instead"


class Cues:
    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.voice: Voice | None = None
        self._said: tuple | None = None
        self._bell_key: tuple | None = None

    def tick(self) -> None:
        """Say (or ring) what the flow announces now, once each."""
        said = announcement(self.screen.flow)
        if said is None or said[0] == self._said:
            return
        self._said = said[0]
        if self.voice is not None and self.voice.say(said[1]):
            return
        bell_key = said[0][:4] if said[0][0] == "beat" else said[0]  # phase changes, not every count
        if bell_key != self._bell_key:
            first = self._bell_key is None
            self._bell_key = bell_key
            profile = host(self.screen).profile
            if profile is not None and profile.bell and not first:
                self.screen.app.bell()

    def toggle(self, what: str) -> None:
        app = host(self.screen)
        if app.profile is None:
            return
        on = not getattr(app.profile, what)
        now = app.now()
        app.write(lambda j: j.update_profile(now, **{what: on}), what="profile")
        if what == "voice":
            self.voice_on() if on else self.voice_off()
        label = "Spoken cues" if what == "voice" else "Bell"
        self.screen.notify(f"{label} {'on' if on else 'off'}.", timeout=3)

    def voice_on(self) -> None:
        from tui.runner.voice import Voice

        screen = self.screen

        def problem(line: str) -> None:  # from the voice's thread
            screen.app.call_from_thread(screen.notify, line, title=BELL_INSTEAD, severity="warning", timeout=12)

        self.voice = Voice(getattr(screen.app, "voice_cache_dir", None), on_problem=problem)
        if not self.voice.ok:
            screen.notify(self.voice.problem or "", title=BELL_INSTEAD, severity="warning", timeout=12)
            self.voice.on_problem = None
        elif screen.flow.current is not None:
            self.prepare(screen.flow.current)

    def voice_off(self) -> None:
        if self.voice is not None:
            self.voice.close()
            self.voice = None

    def prepare(self, planned: PlannedSet) -> None:
        """Render this exercise's phrases ahead, so each cue costs only the player's start."""
        if self.voice is None:
            return
        phrases = ["get ready, three", "rest", "rest over: next set", "set done", "switch to your left side", "switch to your right side"]
        for name, counts, _ in tempo_steps(planned.exercise, planned.dose, 1.0):
            phrases.append(name)
            phrases += [number(n) for n in range(1, counts + 1)]
        self.voice.prepare(phrases)
