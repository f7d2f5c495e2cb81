"""Spoken cues: rendered once with espeak-ng into the cache folder, played by whatever player
exists without blocking, within 150 ms of their phase; a missing tool or a failing device is one
line, then the bell."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

import pytest

from journal.api import Journal
from tests.conftest import NOW
from tests.helpers.runner_helpers import make_app, prepare, settle, until
from tui.runner.voice import Voice

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def fake_player(folder: Path, log: Path, exit_code: int = 0) -> Path:
    """An `aplay` that writes the wall time it started and the file it was given."""
    folder.mkdir(parents=True, exist_ok=True)
    player = folder / "aplay"
    player.write_text(f'#!/bin/sh\necho "$(date +%s.%N) $2" >> "{log}"\nexit {exit_code}\n')
    player.chmod(0o755)
    return player


def which_with(player: Path | None, espeak: bool = True):
    def which(name: str) -> str | None:
        if name == "espeak-ng":
            return shutil.which("espeak-ng") if espeak else None
        if player is not None and name == "aplay":
            return str(player)
        return None

    return which


def wait_for(predicate, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.02)
    assert predicate()


@needs_espeak
def test_each_phrase_is_rendered_once_and_played_in_a_subprocess(tmp_path):
    log = tmp_path / "played.log"
    voice = Voice(tmp_path / "cache", which=which_with(fake_player(tmp_path / "bin", log)))
    assert voice.ok and voice.player[1:] == ("-q",)
    voice.prepare(["hold", "two"])
    wait_for(lambda: voice.path_for("hold").exists() and voice.path_for("two").exists())
    assert voice.path_for("hold").read_bytes()[:4] == b"RIFF"  # a WAV file
    made = voice.path_for("hold").stat().st_mtime_ns
    started = time.monotonic()
    assert voice.say("hold") is True
    assert time.monotonic() - started < 0.01  # say() only queues
    wait_for(lambda: log.exists() and str(voice.path_for("hold")) in log.read_text())
    voice.say("hold")
    wait_for(lambda: log.read_text().count("\n") == 2)
    assert voice.path_for("hold").stat().st_mtime_ns == made  # not rendered again
    voice.close()


def test_missing_espeak_or_player_is_one_line_then_the_bell(tmp_path):
    told: list[str] = []
    voice = Voice(tmp_path / "cache", which=which_with(None, espeak=False), on_problem=told.append)
    assert not voice.ok and "espeak-ng" in voice.problem and "install" in voice.problem
    assert voice.say("hold") is False and voice.say("two") is False
    assert len(told) == 1  # once, not at every count
    no_player = Voice(tmp_path / "cache", which=which_with(None))
    if shutil.which("espeak-ng"):
        assert not no_player.ok and "aplay" in no_player.problem


@needs_espeak
def test_a_failing_sound_device_is_reported_once(tmp_path):
    told: list[str] = []
    log = tmp_path / "played.log"
    voice = Voice(tmp_path / "cache", which=which_with(fake_player(tmp_path / "bin", log, exit_code=1)), on_problem=told.append)
    voice.say("hold")
    wait_for(lambda: log.exists())
    time.sleep(0.2)  # the player has exited with 1
    voice.say("two")
    wait_for(lambda: bool(told))
    assert "sound" in told[0] and not voice.ok
    assert voice.say("three") is False and len(told) == 1
    voice.close()


@needs_espeak
async def test_cues_start_within_150_ms_of_their_phase(tmp_path, monkeypatch):
    """The real app with the real clock and the voice on: a fake player records when each cue
    starts; each is compared with the moment its count began."""
    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        j.update_profile(NOW, voice=True)
    log = tmp_path / "played.log"
    bin_dir = tmp_path / "bin"
    fake_player(bin_dir, log)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    app = make_app(db, config, time.monotonic)
    app.voice_cache_dir = tmp_path / "cache"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.runflow.start("test-run")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CheckinScreen")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.__class__.__name__ == "RunnerScreen" and app.screen.stage == "set")
        r = app.screen
        voice = r.cues.voice
        assert voice is not None and voice.ok
        await until(pilot, lambda: voice.path_for("turn left").exists() and voice.path_for("two").exists(), timeout=15)
        await pilot.pause(0.5)
        await pilot.press("space")  # neck rotation: get ready 3, turn left 2, hold 2 …
        since = r.flow.guide._since
        offset = time.time() - time.monotonic()
        await pilot.pause(6.4)
        await pilot.press("space")
    lines = [line.split() for line in log.read_text().splitlines()]
    by_path = {str(voice.path_for(p)): p for p in ("get ready, three", "two", "one", "turn left", "hold")}
    expected = ["get ready, three", "two", "one", "turn left", "two", "hold"]
    heard = [(float(t), by_path.get(path, path)) for t, path in lines]
    # Each cue heard at its count, in order. A cue that is already late when a newer one is
    # queued is dropped by design (voice.py), so a loaded machine may skip one; never two.
    slots, k = [], 0
    for t, phrase in heard:
        at = next((j for j in range(k, len(expected)) if expected[j] == phrase), None)
        if at is None:
            break  # past the measured counts (or out of order: too few slots below)
        slots.append((t, at))
        k = at + 1
    assert len(slots) >= len(expected) - 1 and slots[0][1] == 0, heard
    late = [t - (since + k + offset) for t, k in slots]
    print(f"cue latency ms: {[round(x * 1000) for x in late]} median {statistics.median(late) * 1000:.0f}")
    assert all(x > -0.02 for x in late)  # never early
    # Within 150 ms as a rule; on a loaded 2-core machine (the suite runs three workers) one
    # cue may be held up by another process: one outlier is allowed, never two, never over 1 s.
    assert statistics.median(late) <= 0.150 and sorted(late)[-2] <= 0.250 and max(late) <= 1.0, late


async def test_v_turns_spoken_cues_on_in_the_profile_and_without_espeak_says_so_then_rings(tmp_path, monkeypatch):
    from tests.helpers.runner_helpers import FakeClock

    db, config = prepare(tmp_path)
    with Journal.open(db) as j:
        j.update_profile(NOW, bell=True)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # neither espeak-ng nor a player
    clock = FakeClock()
    app = make_app(db, config, clock)
    rings: list[float] = []
    app.bell = lambda: rings.append(clock.t)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.runflow.start("test-run")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CheckinScreen")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.__class__.__name__ == "RunnerScreen" and app.screen.stage == "set")
        await pilot.press("v")
        await until(pilot, lambda: app.profile is not None and app.profile.voice)
        told = [n.message for n in app._notifications if "espeak-ng" in n.message]
        assert len(told) == 1 and "install" in told[0]
        await pilot.press("space")
        for _ in range(4):
            clock.advance(1.5)
            await pilot.pause(0.3)
        assert rings, "the bell stands in for the voice"
        assert len([n for n in app._notifications if "espeak-ng" in n.message]) == 1  # said once
    with Journal.open(db) as j:
        assert j.profile().voice is True
