"""Tests for the catalogue package: built-in data, user files, schedules, wording."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalogue
from catalogue import MIN_INCREMENT, Routine, due_days, is_due, load_catalogue
from catalogue.schedule import _dateutil_days, rrule_problem

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = Path(os.environ.get("REHAB_SEED_DIR", ROOT.parent / "shared" / "seed"))

WARM_UP = ["neck-rotation", "neck-flexion-extension", "finger-flex-stretch", "wrist-table-stretch"]
SOURCE_IDS = WARM_UP + [
    "grip-squeeze", "finger-band-extension", "wrist-flexion-curl", "wrist-extension-curl",
    "dumbbell-shrug", "one-arm-row", "lateral-raise", "bent-arm-raise",
]
SLIDERS = ["median-nerve-slider", "ulnar-nerve-slider"]


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return load_catalogue()


# ---- package ------------------------------------------------------------------------------------

def test_import_is_light_and_marked() -> None:
    code = (
        "import sys, catalogue\n"
        "assert catalogue.REHAB_TUI_PACKAGE is True\n"
        "assert 'catalogue.loader' not in sys.modules, 'loader should load lazily'\n"
        "catalogue.load_catalogue(); catalogue.is_due\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy', 'platformdirs')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError):
        catalogue.no_such_thing  # noqa: B018


# ---- built-in exercises -------------------------------------------------------------------------

def test_every_source_exercise_present_with_valid_dose(cat: catalogue.Catalogue) -> None:
    for ex_id in SOURCE_IDS + SLIDERS:
        ex = cat.exercises[ex_id]
        d = ex.dose
        assert 1 <= d.sets <= 10 and d.reps_lo <= d.reps <= d.reps_hi, ex_id
        assert ex.tempo and all(p.counts >= 1 for p in ex.tempo), ex_id
        assert 3 <= len(ex.instructions) <= 6 and 2 <= len(ex.cues) <= 4 and 1 <= len(ex.cautions) <= 4, ex_id
        if d.load is not None:
            step = MIN_INCREMENT[d.unit]
            assert math.isclose(d.load / step, round(d.load / step)), ex_id
        if d.ladder is not None:
            assert d.level in cat.ladders[d.ladder].levels
        if ex.kind in ("strength", "grip"):
            assert (d.sets, d.reps_lo, d.reps_hi) == (2, 8, 12), ex_id
        else:
            assert d.load is None and d.ladder is None and d.sets == 1, ex_id
    assert not cat.problems


def test_specific_doses_and_tempos(cat: catalogue.Catalogue) -> None:
    ex = cat.exercises
    assert (ex["grip-squeeze"].dose.ladder, ex["grip-squeeze"].dose.level) == ("putty", "soft")
    assert ex["finger-band-extension"].dose.ladder == "band"
    curl = ex["wrist-flexion-curl"]
    assert [(p.name, p.counts) for p in curl.tempo] == [("curl", 1), ("hold", 4), ("release", 4)]
    assert [p.counts for p in ex["wrist-extension-curl"].tempo] == [1, 4, 4]
    assert (curl.dose.load, curl.dose.unit, curl.sides) == (0.5, "kg", "each")
    assert [(p.name, p.counts) for p in ex["dumbbell-shrug"].tempo] == [("lift", 1), ("hold", 1), ("lower", 2)]
    assert ex["one-arm-row"].sides == "each"
    assert ex["dumbbell-shrug"].dose.describe() == "2 × 8 reps (range 8–12) @ 1.0 kg"


def test_sliders_hidden_and_cautious(cat: catalogue.Catalogue) -> None:
    visible = {e.id for e in cat.visible_exercises()}
    assert set(SOURCE_IDS) <= visible and not visible & set(SLIDERS)
    assert "median-nerve-slider" in {e.id for e in cat.visible_exercises(frozenset({"median-nerve-slider"}))}
    for ex_id in SLIDERS:
        ex = cat.exercises[ex_id]
        assert ex.hidden and ex.kind == "nerve-glide" and not ex.loadable
        text = " ".join(ex.cautions).lower()
        assert "slider" in text and "stop" in text and "tingling" in text and "lasts after the set" in text


def test_ladders_exact(cat: catalogue.Catalogue) -> None:
    assert cat.ladders["putty"].levels == ("extra-soft", "soft", "medium", "firm", "extra-firm")
    assert cat.ladders["band"].levels == ("yellow", "red", "green", "blue", "black", "silver", "gold")
    assert cat.ladders["band"].step("gold", 1) == "gold"
    assert MIN_INCREMENT == {"kg": 0.25, "lb": 0.5}


# ---- routines and schedules ---------------------------------------------------------------------

def test_routines(cat: catalogue.Catalogue) -> None:
    r = cat.routines
    assert (r["gentle-mobility"].name, r["gentle-mobility"].rrule) == ("Gentle mobility", "FREQ=DAILY")
    assert [s.exercise_id for s in r["gentle-mobility"].steps] == WARM_UP
    assert r["hand-wrist-strength"].rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert r["neck-shoulder-strength"].rrule == "FREQ=WEEKLY;BYDAY=TU,TH,SA"
    for rid, rest in [("hand-wrist-strength", SOURCE_IDS[4:8]), ("neck-shoulder-strength", SOURCE_IDS[8:])]:
        steps = [s.exercise_id for s in r[rid].steps]
        assert steps == WARM_UP + rest, rid
    for routine in r.values():
        assert all(30 <= s.rest_s <= 90 for s in routine.steps)


def test_due_on_a_monday(cat: catalogue.Catalogue) -> None:
    monday = date(2026, 11, 23)
    assert monday.weekday() == 0
    r = cat.routines
    assert is_due(r["hand-wrist-strength"], monday)
    assert not is_due(r["neck-shoulder-strength"], monday)
    assert is_due(r["gentle-mobility"], monday)
    week = due_days(r["neck-shoulder-strength"], monday, monday + timedelta(days=6))
    assert [d.isoformat() for d in week] == ["2026-11-24", "2026-11-26", "2026-11-28"]
    assert due_days(r["gentle-mobility"], monday, monday) == [monday]  # inclusive
    assert due_days(r["gentle-mobility"], monday, monday - timedelta(days=1)) == []


def test_due_days_fast(cat: catalogue.Catalogue) -> None:
    start, end = date(2026, 1, 1), date(2035, 12, 31)
    best = min(_timed(lambda: [due_days(r, start, end) for r in cat.routines.values()]) for _ in range(3))
    assert best < 0.05


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def test_routine_start_and_monthly_rules() -> None:
    fortnightly = Routine("f", "F", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", (), start=date(2025, 3, 1))
    days = due_days(fortnightly, date(2025, 2, 1), date(2025, 3, 31))
    # RFC 5545: the week holding DTSTART (Sat 1 March, weeks start Monday) is week 0.
    assert [d.isoformat() for d in days] == ["2025-03-10", "2025-03-24"]
    monthly = Routine("m", "M", "FREQ=MONTHLY;BYDAY=1MO", ())
    assert due_days(monthly, date(2026, 11, 1), date(2026, 12, 31)) == [date(2026, 11, 2), date(2026, 12, 7)]


@pytest.mark.parametrize("text, why", [
    ("FREQ=DAILLY", "FREQ: must be DAILY, WEEKLY or MONTHLY"),
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL: 0 is outside 1–99"),
    ("FREQ=DAILY;BYHOUR=5", "BYHOUR is not supported"),
    ("FREQ=MONTHLY;BYMONTHDAY=31", "BYMONTHDAY: 31 is outside"),
    ("FREQ=WEEKLY;BYDAY=+1MO", "numbered weekday needs FREQ=MONTHLY"),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "never falls"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20250101", "cannot be combined"),
    ("BYDAY=MO", "FREQ is missing"),
    ("garbage", "is not NAME=VALUE"),
])
def test_bad_rrules_rejected_quickly(text: str, why: str) -> None:
    assert why in (rrule_problem(text) or "")


@settings(max_examples=150, deadline=None)
@given(
    freq=st.sampled_from(["DAILY", "WEEKLY"]),
    interval=st.integers(1, 5),
    days=st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), unique=True, max_size=4),
    anchor=st.dates(date(2023, 1, 1), date(2026, 12, 31)),
    start=st.dates(date(2022, 6, 1), date(2027, 6, 1)),
    span=st.integers(0, 120),
)
def test_fast_path_matches_dateutil(freq, interval, days, anchor, start, span) -> None:  # type: ignore[no-untyped-def]
    text = f"FREQ={freq};INTERVAL={interval}" + (f";BYDAY={','.join(days)}" if days else "")
    if rrule_problem(text, anchor):
        return
    routine = Routine("x", "X", text, (), start=anchor)
    end = start + timedelta(days=span)
    assert due_days(routine, start, end) == _dateutil_days(text, anchor, start, end)


# ---- user files ---------------------------------------------------------------------------------

GOOD = """
[[exercise]]
id = "my-good"
name = "My good one"
region = "hand"
kind = "grip"
tempo = [{ name = "squeeze", counts = 1 }, { name = "release", counts = 2 }]
instructions = ["Squeeze gently.", "Let go."]
dose = { sets = 2, reps_lo = 8, reps_hi = 12, ladder = "putty", level = "soft" }
"""


def _bad_exercise(**changes: str) -> str:
    lines = {
        "id": '"my-bad"', "name": '"Bad"', "region": '"hand"', "kind": '"strength"',
        "tempo": '[{ name = "lift", counts = 1 }]', "instructions": '["Lift."]',
        "dose": "{ sets = 2, reps_lo = 8, reps_hi = 12 }",
    }
    for key, value in changes.items():
        if value == "DROP":
            lines.pop(key)
        else:
            lines[key] = value
    return "\n[[exercise]]\n" + "\n".join(f"{k} = {v}" for k, v in lines.items()) + "\n"


_long = "x" * 2500
EXERCISE_CASES = [
    ({"region": "DROP", "regoin": '"hand"'}, "exercise[2].regoin: unknown key (did you mean 'region'?)"),
    ({"region": "DROP"}, "exercise[2].region: required key is missing"),
    ({"region": '"nek"'}, "exercise[2].region: 'nek' is not one of neck, shoulder, wrist, hand, fingers (did you mean 'neck'?)"),
    ({"kind": '"cardio"'}, "exercise[2].kind: 'cardio' is not one of"),
    ({"dose": "{ sets = 0, reps_lo = 8, reps_hi = 12 }"}, "exercise[2].dose.sets: must be between 1 and 10, got 0"),
    ({"dose": "{ sets = 11, reps_lo = 8, reps_hi = 12 }"}, "exercise[2].dose.sets: must be between 1 and 10, got 11"),
    ({"dose": '{ sets = "2", reps_lo = 8, reps_hi = 12 }'}, "exercise[2].dose.sets: expected an integer, got a string"),
    ({"dose": "{ sets = true, reps_lo = 8, reps_hi = 12 }"}, "exercise[2].dose.sets: expected an integer, got true/false"),
    ({"dose": "{ sets = 2, reps_lo = 12, reps_hi = 8 }"}, "exercise[2].dose.reps_lo: reps_lo (12) is greater than reps_hi (8)"),
    ({"dose": "{ sets = 2, reps = 20, reps_lo = 8, reps_hi = 12 }"}, "exercise[2].dose.reps: 20 is outside reps_lo–reps_hi (8–12)"),
    ({"dose": '{ sets = 2, reps_lo = 8, reps_hi = 12, ladder = "puty", level = "soft" }'},
     "exercise[2].dose.ladder: unknown ladder 'puty' (known: putty, band) (did you mean 'putty'?)"),
    ({"dose": '{ sets = 2, reps_lo = 8, reps_hi = 12, ladder = "putty", level = "hard" }'},
     "exercise[2].dose.level: 'hard' is not a level of putty"),
    ({"dose": "{ sets = 2, reps_lo = 8, reps_hi = 12, load = 1.5 }"}, "exercise[2].dose.unit: required when load is set"),
    ({"dose": '{ sets = 2, reps_lo = 8, reps_hi = 12, load = -1, unit = "kg" }'}, "exercise[2].dose.load: must be more than 0"),
    ({"dose": '{ sets = 2, reps_lo = 8, reps_hi = 12, load = 1, unit = "stone" }'}, "exercise[2].dose.unit: 'stone' is not one of kg, lb"),
    ({"dose": "{ sets = 2, reps_lo = 8, reps_hi = 12, hold = 3 }"}, "exercise[2].dose.hold: unknown key (did you mean 'hold_s'?)"),
    ({"dose": "DROP"}, "exercise[2].dose: required key is missing"),
    ({"measure": '"hold"'}, "exercise[2].dose.hold_s: required when measure is 'hold'"),
    ({"kind": '"mobility"', "dose": '{ sets = 1, reps_lo = 5, reps_hi = 10, load = 1, unit = "kg" }'},
     "exercise[2].dose: mobility exercises take no load or ladder"),
    ({"tempo": '[{ name = "lift", counts = 0 }]'}, "exercise[2].tempo[1].counts: must be between 1 and 30, got 0"),
    ({"tempo": "[]"}, "exercise[2].tempo: needs 1–8 items, got 0"),
    ({"instructions": f'["{_long}"]'}, "exercise[2].instructions[1]: too long (2500 characters, at most 2000)"),
    ({"name": '"bad\\u001bname"'}, "exercise[2].name: contains a control character (U+001B)"),
    ({"name": '"   "'}, "exercise[2].name: must not be empty"),
    ({"id": '"My Bad"'}, "exercise[2].id: 'My Bad' is not a slug"),
    ({"id": '"my-good"'}, "exercise[2].id: 'my-good' is already used by exercise[1] in this file"),
    ({"hidden": '"yes"'}, "exercise[2].hidden: expected true/false, got a string"),
]


def _load(tmp_path: Path, files: dict[str, str | bytes]) -> catalogue.Catalogue:
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_catalogue(tmp_path)


def _assert_rest_loaded(cat: catalogue.Catalogue) -> None:
    assert "my-good" in cat.exercises and cat.exercises["my-good"].source == "mine.toml"
    assert set(SOURCE_IDS) <= set(cat.exercises) and len(cat.routines) >= 3


@pytest.mark.parametrize("changes, message", EXERCISE_CASES, ids=[m.split(": ")[0] for _, m in EXERCISE_CASES])
def test_bad_user_exercise(tmp_path: Path, changes: dict[str, str], message: str) -> None:
    cat = _load(tmp_path, {"mine.toml": GOOD + _bad_exercise(**changes)})
    assert any(p.startswith(f"mine.toml: {message}") for p in cat.problems), cat.problems
    assert "my-bad" not in cat.exercises
    _assert_rest_loaded(cat)


def _routine(rrule: str = '"FREQ=WEEKLY;BYDAY=TU"', steps: str = '[{ exercise = "my-good" }]', extra: str = "") -> str:
    return f'\n[[routine]]\nid = "my-routine"\nname = "Mine"\nrrule = {rrule}\nsteps = {steps}\n{extra}\n'


ROUTINE_CASES = [
    ({"steps": '[{ exercise = "my-good" }, { exercise = "nek-rotation" }]'},
     "routine[1].steps[2].exercise: unknown exercise 'nek-rotation' (did you mean 'neck-rotation'?)"),
    ({"rrule": '"FREQ=DAILLY"'}, "routine[1].rrule: invalid RRULE 'FREQ=DAILLY': FREQ: must be DAILY, WEEKLY or MONTHLY"),
    ({"rrule": '"FREQ=DAILY;INTERVAL=0"'}, "routine[1].rrule: invalid RRULE"),
    ({"steps": '[{ exercise = "my-good", sets = 0 }]'}, "routine[1].steps[1].sets: must be between 1 and 10, got 0"),
    ({"steps": '[{ exercise = "my-good", rest = 30 }]'}, "routine[1].steps[1].rest: unknown key (did you mean 'rest_s'?)"),
    ({"steps": "[]"}, "routine[1].steps: needs 1–40 items, got 0"),
    ({"extra": 'start = "2025-03-01"'}, "routine[1].start: expected a date, got a string"),
    ({"extra": "start = 1900-01-01"}, "routine[1].start: 1900-01-01 is outside the years 2000–2100"),
    ({"rrule": '"FREQ=DAILY;INTERVAL=7;BYDAY=TU"', "extra": "start = 2025-03-01"}, "routine[1].rrule: invalid RRULE"),
]


@pytest.mark.parametrize("changes, message", ROUTINE_CASES, ids=[m.split(": ")[0] + str(i) for i, (_, m) in enumerate(ROUTINE_CASES)])
def test_bad_user_routine(tmp_path: Path, changes: dict[str, str], message: str) -> None:
    cat = _load(tmp_path, {"mine.toml": GOOD + _routine(**changes)})
    assert any(p.startswith(f"mine.toml: {message}") for p in cat.problems), cat.problems
    assert "my-routine" not in cat.routines
    _assert_rest_loaded(cat)


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe[[exercise]]\n", "mine.toml: byte 1: not valid UTF-8 text (0xff); file skipped"),
    ('[[exercise]]\nid = "x"\nname = \n', "mine.toml: line 3, column 8: invalid TOML: "),
    ("[exercise]\nid = 'x'\n", "mine.toml: exercise: expected an array of tables ([[exercise]]), got a table"),
    ("[[exercises]]\nid = 'x'\n", "mine.toml: exercises: unknown key (did you mean 'exercise'?)"),
    ("exercise = [1]\n", "mine.toml: exercise[1]: expected a table, got an integer"),
    ("a = " + "[" * 5000, "mine.toml: file: invalid TOML: nested too deeply; file skipped"),
])
def test_broken_user_file_skipped_rest_loads(tmp_path: Path, content: str | bytes, message: str) -> None:
    cat = _load(tmp_path, {"a-good.toml": GOOD, "mine.toml": content})
    assert any(p.startswith(message) for p in cat.problems), cat.problems
    assert "my-good" in cat.exercises and cat.exercises["my-good"].source == "a-good.toml"


def test_user_exercise_used_by_user_routine_and_override(tmp_path: Path) -> None:
    override = _bad_exercise(id='"neck-rotation"', name='"My neck turn"', kind='"mobility"',
                             dose="{ sets = 1, reps_lo = 3, reps_hi = 6 }")
    routine = _routine(steps='[{ exercise = "my-good", sets = 3, rest_s = 45 }, { exercise = "neck-rotation" }]',
                       extra="start = 2025-03-01")
    # The routine lives in an earlier file than the exercise it uses.
    cat = _load(tmp_path, {"a.toml": routine, "mine.toml": GOOD + override})
    assert cat.problems == ()
    r = cat.routines["my-routine"]
    assert (r.source, r.start, r.steps[0].sets, r.steps[0].rest_s, r.steps[1].sets) == ("a.toml", date(2025, 3, 1), 3, 45, None)
    assert cat.exercises["my-good"].dose.reps == 8  # defaults to reps_lo
    assert cat.exercises["neck-rotation"].name == "My neck turn"
    assert list(cat.exercises)[0] == "neck-rotation"  # override keeps its place
    assert is_due(r, date(2025, 3, 4)) and not is_due(r, date(2025, 3, 3))


def test_routine_using_broken_exercise_says_so(tmp_path: Path) -> None:
    cat = _load(tmp_path, {"mine.toml": GOOD + _bad_exercise(region='"nek"') + _routine(steps='[{ exercise = "my-bad" }]')})
    assert "mine.toml: routine[1].steps[1].exercise: unknown exercise 'my-bad' (its own entry has problems)" in cat.problems


def test_missing_user_dir_is_fine(tmp_path: Path) -> None:
    assert load_catalogue(tmp_path / "nope").problems == ()


# ---- wording is our own -------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _ngrams(words: list[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _catalogue_strings(cat: catalogue.Catalogue) -> list[str]:
    out = []
    for ex in cat.exercises.values():
        out += [ex.name, *ex.equipment, *ex.instructions, *ex.cues, *ex.cautions, " ".join(ex.instructions)]
    for r in cat.routines.values():
        out += [r.name, r.description]
    return out


def test_copy_check_catches_a_copied_sentence() -> None:
    seed = _ngrams(_words("Strength training, also called resistance or weight training, increases strength."))
    assert _ngrams(_words("Note: strength training, also called resistance or weight training, helps.")) & seed


def test_no_sentence_copied_from_seed(cat: catalogue.Catalogue) -> None:
    seeds = sorted(SEED_DIR.glob("*.txt"))
    if not seeds:
        pytest.skip(f"seed article not found in {SEED_DIR}")
    seed = set().union(*(_ngrams(_words(p.read_text(encoding="utf-8"))) for p in seeds))
    copied = [s for s in _catalogue_strings(cat) if _ngrams(_words(s)) & seed]
    assert not copied


# ---- fuzzing: user files never raise ------------------------------------------------------------

def _fuzz_load(content: bytes) -> catalogue.Catalogue:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "mine.toml").write_bytes(content)
        cat = load_catalogue(Path(tmp))
    assert set(SOURCE_IDS) <= set(cat.exercises)
    assert all(p.startswith("mine.toml: ") and p.isprintable() for p in cat.problems), cat.problems
    return cat


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_random_user_file_never_raises(content: bytes) -> None:
    _fuzz_load(content)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(f"\\u{ord(c):04x}" if c in '"\\' or ord(c) < 32 or ord(c) == 127 else c
                             for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + "}"


_scalars = st.one_of(st.text(max_size=30), st.integers(-5, 200), st.floats(allow_nan=True), st.booleans(),
                     st.dates(), st.sampled_from(["neck", "putty", "soft", "each", "FREQ=DAILY", "my-good"]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["name", "counts", "sets", "reps", "reps_lo", "reps_hi", "ladder", "level", "load", "unit", "x"]),
    inner, max_size=4), max_leaves=8)
_BASE = {
    "id": "fuzzed", "name": "Fuzzed", "region": "hand", "kind": "grip",
    "tempo": [{"name": "squeeze", "counts": 1}], "instructions": ["Squeeze."],
    "dose": {"sets": 2, "reps_lo": 8, "reps_hi": 12, "ladder": "putty", "level": "soft"},
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from([*_BASE, "sides", "measure", "hidden", "cues", "regoin"]), _values, max_size=2),
    st.dictionaries(st.sampled_from([*_BASE["dose"], "reps", "hold_s", "load", "unit", "sets_"]), _scalars, max_size=3),
)
def test_mutated_exercise_never_raises(changes: dict[str, object], dose_changes: dict[str, object]) -> None:
    entry = {**_BASE, "dose": {**_BASE["dose"], **dose_changes}, **changes}
    body = "\n".join(f"{_toml(k)} = {_toml(v)}" for k, v in entry.items())
    cat = _fuzz_load(f"[[exercise]]\n{body}\n".encode())
    assert ("fuzzed" in cat.exercises) != bool(cat.problems) or "id" in changes


def test_neck_rotation_text_and_tempo_guide_agree_one_rep_is_a_turn_each_way():
    from catalogue import load_catalogue
    from catalogue.models import Dose
    from journal.rules.plan import tempo_steps
    from tui.runner.tempo import Guidance

    ex = load_catalogue().exercises["neck-rotation"]
    assert any("One turn each way counts as one rep" in line for line in ex.instructions)
    names = [p.name for p in ex.tempo]
    assert names.index("turn left") < names.index("turn right")  # both turns inside one rep
    t = [0.0]
    guide = Guidance(tempo_steps(ex, Dose(sets=1, reps=5, reps_lo=5, reps_hi=10), 1.0), 5, lambda: t[0])
    guide.start()
    t[0] = 3 + 6  # get ready, then turned left and back only
    assert guide.state().reps_done == 0
    t[0] = 3 + 12  # and right and back: one rep
    assert guide.state().reps_done == 1
