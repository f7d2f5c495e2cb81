"""Spoken cues for busy hands: espeak-ng renders each phrase once to a WAV file, a player plays it.

Nothing here blocks the caller: :meth:`Voice.say` puts the phrase on a queue and returns; one
background thread renders what is missing (``espeak-ng -w``) into the cache folder
(``platformdirs.user_cache_path("rehab-tui") / "voice"``) and starts the player in a subprocess
(the first of ``pw-play``, ``paplay``, ``aplay``, ``afplay`` on ``PATH``). A new cue stops the
one still playing, so counts never pile up. :meth:`prepare` renders a set's phrases ahead, so
a cue costs only the player's start.

When espeak-ng or a player is missing, or the player fails (no sound device), ``problem`` says in
one line what to install or check, ``on_problem`` is called once, and the runner rings the bell
instead.
"""

from __future__ import annotations

import hashlib
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Callable, Iterable

PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ()),
    ("paplay", ()),
    ("aplay", ("-q",)),
    ("afplay", ()),
)
INSTALL = "check espeak-ng and the sound player (the bell rings meanwhile)."


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("rehab-tui") / "voice"


class Voice:
    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        which: Callable[[str], str | None] = shutil.which,
        on_problem: Callable[[str], None] | None = None,
        on_start: Callable[[str], None] | None = None,
    ) -> None:
        self.cache_dir = cache_dir or default_cache_dir()
        self.espeak = which("espeak-ng")
        self.player: tuple[str, ...] | None = None
        for name, args in PLAYERS:
            path = which(name)
            if path:
                self.player = (path, *args)
                break
        self.problem: str | None = None
        if self.espeak is None:
            self.problem = "Spoken cues need espeak-ng: apt-get install espeak-ng (the bell rings meanwhile)."
        elif self.player is None:
            self.problem = "Spoken cues need a sound player (aplay): apt-get install alsa-utils. Bell meanwhile."
        self.on_problem = on_problem
        self.on_start = on_start
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._playing: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._told = False

    @property
    def ok(self) -> bool:
        return self.problem is None

    # ---- the caller's side (never blocks) -------------------------------------------------
    def say(self, phrase: str) -> bool:
        """Speak ``phrase`` soon; False when the voice cannot (the caller rings the bell)."""
        if not self.ok:
            self._tell()
            return False
        self._ensure_thread()
        self._queue.put(("say", phrase))
        return True

    def prepare(self, phrases: Iterable[str]) -> None:
        """Render these phrases now, in the background, so saying them later is instant."""
        if not self.ok:
            return
        self._ensure_thread()
        for phrase in dict.fromkeys(phrases):
            if not self.path_for(phrase).exists():
                self._queue.put(("render", phrase))

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
        self._stop_playing()

    def path_for(self, phrase: str) -> Path:
        digest = hashlib.sha1(f"espeak-ng|{phrase}".encode()).hexdigest()[:16]
        return self.cache_dir / f"{digest}.wav"

    # ---- the background thread -----------------------------------------------------------
    def _ensure_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="rehab-voice", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            kind, phrase = item
            if kind == "say" and any(i is not None and i[0] == "say" for i in list(self._queue.queue)):
                continue  # a newer cue is waiting: this one is already late, say the newest only
            try:
                path = self._render(phrase)
                if kind == "say" and path is not None:
                    self._play(path, phrase)
            except OSError as err:
                self._fail(f"Spoken cues failed ({err.strerror or err}): " + INSTALL)

    def _render(self, phrase: str) -> Path | None:
        path = self.path_for(phrase)
        if path.exists():
            return path
        assert self.espeak is not None
        self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        done = subprocess.run(
            [self.espeak, "-w", str(tmp), phrase], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10
        )
        if done.returncode != 0 or not tmp.exists():
            tmp.unlink(missing_ok=True)
            self._fail(f"espeak-ng could not render a cue (exit {done.returncode}): " + INSTALL)
            return None
        os.replace(tmp, path)
        return path

    def _play(self, path: Path, phrase: str) -> None:
        if self.problem is not None:
            return
        previous = self._playing
        if previous is not None and previous.poll() not in (None, 0) and previous.returncode > 0:
            self._fail(f"The sound player failed (exit {previous.returncode}): check the sound device. Bell instead.")
            return
        self._stop_playing()
        assert self.player is not None
        self._playing = subprocess.Popen(
            [*self.player, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if self.on_start is not None:
            self.on_start(phrase)

    def _stop_playing(self) -> None:
        playing, self._playing = self._playing, None
        if playing is not None and playing.poll() is None:
            playing.terminate()
            try:
                playing.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                playing.kill()

    def _fail(self, message: str) -> None:
        if self.problem is None:
            self.problem = message
        self._tell()

    def _tell(self) -> None:
        if not self._told and self.on_problem is not None and self.problem:
            self._told = True
            self.on_problem(self.problem)
