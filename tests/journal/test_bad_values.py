"""Bad values at every entry point (SPEC §8), thrown by hypothesis: out-of-range numbers,
non-numbers, impossible dates, huge strings, control characters, broken Unicode.

Every validator and journal call either returns a clean value or raises InvalidValue /
JournalError with a one-line message — never anything else — and a refused call stores
nothing. The command line answers junk arguments with one line and exit 1 or 2.
"""

from __future__ import annotations

import io
import math
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from journal import validate
from journal.api import EDITABLE_SET_FIELDS, Journal, clean_set_fields
from journal.errors import InvalidValue, JournalError
from journal.records import CONTEXTS, REGIONS, SIDES, STOP_REASONS
from tests.helpers import procs
from tests.conftest import NOW

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

#: How many generated inputs each fuzz test throws; the README quotes the total.
EXAMPLES = FUZZ.max_examples

# ---- junk ---------------------------------------------------------------------------------------

numberish = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.from_regex(r"\s*[+-]?[0-9]{0,7}([.,][0-9]{0,4})?(e[+-]?[0-9]{1,3})?\s*", fullmatch=True),
    st.sampled_from(["nan", "inf", "-inf", "1_000", "٣", "８", "0x10", "1e999", "9" * 5000, "²", "½",
                     "10\x00", " 8 ", "8\n", "−3", "abc", "", " ", "true", "None"]),
)  # fmt: skip
nasty_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # control characters
    st.sampled_from(["\ud800", "ok\udcff", "\x00", "\x1b[31mred", "\r\n", "\u202e", "\ufeff"]),
    st.integers(min_value=2001, max_value=20_000).map(lambda n: "é" * n),  # too long
)
junk = st.one_of(
    st.none(), st.booleans(), numberish, nasty_text, st.binary(max_size=20), st.dates(),
    st.datetimes(), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.decimals(allow_nan=True), st.fractions(), st.complex_numbers(), st.just(object()),
    st.sampled_from([*SIDES, *STOP_REASONS, *CONTEXTS, *REGIONS, "2026-02-30", "2026-13-01", "2026-11-24"]),
)  # fmt: skip


def one_line(err: BaseException) -> str:
    message = str(err)
    assert message and "\n" not in message and "\r" not in message, repr(message)
    assert len(message) < 400, message
    return message


def refused_or_clean(fn, *args, **kwargs):
    """Call ``fn``; a refusal must be InvalidValue/JournalError with a one-line message."""
    try:
        return fn(*args, **kwargs)
    except (InvalidValue, JournalError) as err:
        one_line(err)
        return err


# ---- validators ---------------------------------------------------------------------------------


@FUZZ
@given(st.sampled_from(sorted(validate.LIMITS)), junk, st.booleans())
def test_number_gives_a_clean_number_in_range_or_a_message(field, value, optional):
    result = refused_or_clean(validate.number, field, value, optional=optional)
    if isinstance(result, InvalidValue):
        return
    lo, hi, whole = validate.LIMITS[field]
    if result is None:
        assert optional
        return
    assert type(result) is (int if whole else float)
    assert math.isfinite(result) and lo <= result <= hi


@FUZZ
@given(junk)
def test_text_gives_clean_text_or_a_message(value):
    result = refused_or_clean(validate.text, "note", value)
    if isinstance(result, str):
        assert len(result) <= validate.MAX_TEXT
        assert all(c in "\t\n" or c >= " " for c in result.replace("\x7f", ""))
        result.encode("utf-8")


@FUZZ
@given(junk)
def test_iso_day_gives_a_real_date_or_a_message(value):
    result = refused_or_clean(validate.iso_day, "since", value)
    assert isinstance(result, (date, InvalidValue))


@FUZZ
@given(junk)
def test_choice_gives_an_allowed_value_or_a_message(value):
    result = refused_or_clean(validate.choice, "side", value, SIDES)
    assert result in SIDES or isinstance(result, InvalidValue)


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("reps", "abc", "reps must be a whole number from 0 to 500 (got 'abc')"),
        ("reps", "-3", "reps must be from 0 to 500 (got '-3')"),
        ("reps", "100000", "reps must be from 0 to 500 (got '100000')"),
        ("pain", 11, "pain must be from 0 to 10 (got 11)"),
        ("pain", "٣", "pain must be a whole number from 0 to 10 (got '٣')"),
        ("reps", "1_0", "reps must be a whole number from 0 to 500 (got '1_0')"),
        ("load", "nan", "load must be a number from 0 to 500 (got 'nan')"),
        ("hold_s", "2,5", "hold s must be a number from 0 to 600 (got '2,5')"),
    ],
)
def test_number_messages_name_field_rule_and_value(field, value, words):
    with pytest.raises(InvalidValue) as err:
        validate.number(field, value)
    assert str(err.value) == words


def test_impossible_date_is_named():
    with pytest.raises(InvalidValue, match="2026-02-30 is not a real date"):
        validate.iso_day("since", "2026-02-30")
    with pytest.raises(InvalidValue, match="must be a date like 2026-03-01"):
        validate.iso_day("since", "٢٠٢٦-٠٣-٠١")


# ---- the journal API: refused means nothing stored ------------------------------------------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    """One journal for all the examples (hypothesis reruns the test body, not the fixture)."""
    j = Journal.open(tmp_path_factory.mktemp("fuzz") / "journal.db")
    session = j.start_session("hand-wrist", "Hand & wrist strength", NOW)
    first = j.log_set(session.id, exercise_id="grip-squeeze", exercise_name="Grip squeeze",
                      set_number=1, now=NOW, reps=8)  # fmt: skip
    yield j, session.id, first.id
    j.close()


def snapshot(j: Journal) -> tuple:
    return (procs.table_rows(j.path),)


set_kwargs = st.fixed_dictionaries(
    {},
    optional={
        k: junk
        for k in ("side", "target_reps", "reps", "target_hold_s", "hold_s", "load", "load_unit",
                  "level", "effort", "pain_during", "stop_reason", "note", "exercise_id",
                  "exercise_name", "set_number")
    },
)  # fmt: skip


@FUZZ
@given(set_kwargs)
def test_clean_set_fields_never_raises_anything_else(values):
    refused_or_clean(clean_set_fields, values)


@FUZZ
@given(set_kwargs, junk)
def test_log_set_with_junk_stores_nothing_or_a_clean_row(shared, values, session_id):
    j, real_session, _ = shared
    kwargs = {
        "exercise_id": "grip-squeeze",
        "exercise_name": "Grip squeeze",
        "set_number": 1,
        **values,
    }
    before = j.counts()["sets"]
    sid = (
        session_id
        if isinstance(session_id, int) and not isinstance(session_id, bool)
        else real_session
    )
    result = refused_or_clean(j.log_set, sid, now=NOW, **kwargs)
    if isinstance(result, Exception):
        assert j.counts()["sets"] == before
    else:
        assert j.set(result.id) == result  # what came back is what is stored
        assert j.counts()["sets"] == before + 1


@FUZZ
@given(st.dictionaries(st.sampled_from([*EDITABLE_SET_FIELDS, "id", "session_id", "logged_at"]), junk,
                       min_size=1, max_size=4))  # fmt: skip
def test_update_set_with_junk_changes_nothing_or_only_what_was_asked(shared, changes):
    j, _, set_id = shared
    before = j.set(set_id)
    result = refused_or_clean(j.update_set, set_id, **changes)
    if isinstance(result, Exception):
        assert j.set(set_id) == before
    else:
        for field in set(before.__dataclass_fields__) - set(changes):
            assert getattr(result, field) == getattr(before, field)


checkin_entry = st.one_of(
    st.fixed_dictionaries(
        {"region": st.one_of(st.sampled_from(REGIONS), junk)},
        optional={k: st.one_of(st.integers(0, 10), junk) for k in ("pain", "numbness", "tingling", "weakness", "note")},
    ),
    junk,
)  # fmt: skip


@FUZZ
@given(st.lists(checkin_entry, max_size=4), st.one_of(st.sampled_from(CONTEXTS), junk), junk)
def test_record_checkins_with_junk_is_all_or_nothing(shared, entries, context, session_id):
    j, real_session, _ = shared
    before = j.counts()["checkins"]
    sid = real_session if session_id is None else session_id
    result = refused_or_clean(j.record_checkins, entries, context=context, now=NOW, session_id=sid)
    after = j.counts()["checkins"]
    if isinstance(result, Exception):
        assert after == before
    else:
        assert after == before + len(result) == before + len(entries)


@FUZZ
@given(st.dictionaries(
    st.sampled_from(["affected_side", "onset_date", "units", "count_seconds", "bell",
                     "cleared_for_strength", "enabled_exercises", "safety_ack_at", "colour"]),
    junk, min_size=1, max_size=3,
))  # fmt: skip
def test_update_profile_with_junk_changes_nothing_when_refused(shared, changes):
    j, _, _ = shared
    before = j.profile()
    result = refused_or_clean(j.update_profile, NOW, **changes)
    if isinstance(result, Exception):
        assert j.profile() == before
    else:
        assert result == j.profile()
        if result.onset_date is not None:
            assert result.onset_date <= NOW.date()


# ---- the command line ---------------------------------------------------------------------------


def run_main(argv: list[str]) -> tuple[int, str, str]:
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


cli_text = st.one_of(
    numberish.map(str), nasty_text, st.sampled_from(["-1", "--db", "-h", "..", "\udcff"])
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["days", "seed", "db-demo", "db-status"]), cli_text)
def test_demo_and_status_answer_junk_arguments_in_one_line(tmp_path_factory, where, value):
    if where == "days":  # a valid large count is a long demo, not a junk argument
        try:
            assume(int(value) <= 30)
        except ValueError:
            pass
    folder = str(tmp_path_factory.mktemp("cli"))
    db = folder + "/journal.db"
    in_folder = folder + "/" + value  # junk as a file name, never anywhere outside the tmp dir
    argv = {
        "days": ["demo", "--days", value, "--db", db],
        "seed": ["demo", "--days", "2", "--seed", value, "--db", db],
        "db-demo": ["demo", "--days", "2", "--db", in_folder],
        "db-status": ["status", "--db", in_folder],
    }[where]
    code, out, err = run_main(argv)
    assert code in (0, 1, 2), (argv, code, err)
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("rehab-tui: "), (argv, err)
        assert "unexpected error" not in err, (argv, err)
    else:
        assert err == "" and out, (argv, out, err)


def test_junk_days_through_the_real_cli(tmp_path):
    for value, words in [
        ("abc", "days must be a whole number from 1 to 36500 (got 'abc')"),
        ("0", "days must be from 1 to 36500 (got '0')"),
        ("99999999", "days must be from 1 to 36500"),
        ("2.5", "days must be a whole number"),
    ]:
        run = procs.cli("demo", "--days", value, "--db", str(tmp_path / "j.db"))
        assert run.code == 2 and words in run.stderr and run.stderr.count("\n") == 1, run
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["two\nlines", "esc\x1b[2Jape", "tab\there"])
def test_a_path_with_control_characters_still_gives_one_line(tmp_path, name):
    run = procs.cli("demo", "--db", str(tmp_path / name / "journal.db"))
    line = run.one_line_error()
    assert "does not exist" in line and "\x1b" not in line


# ---- user TOML files ----------------------------------------------------------------------------
# (tests/catalogue/test_catalogue.py throws random bytes and mutated exercises at the loader; here:
# mutated routines, and a broken file reaching the real command line and the running app.)

from tests.catalogue.test_catalogue import _scalars, _toml

_GOOD_EXERCISE = (
    '[[exercise]]\nid = "towel-wring"\nname = "Towel wring"\nregion = "hand"\nkind = "grip"\n'
    'instructions = ["Twist the towel."]\ndose = { sets = 2, reps_lo = 8, reps_hi = 12 }\n'
)
_step = st.fixed_dictionaries(
    {
        "exercise": st.one_of(
            st.sampled_from(["towel-wring", "neck-rotation", "nek-rotation"]), _scalars
        )
    },
    optional={"sets": _scalars, "rest_s": _scalars, "rest": _scalars},
)
_routine_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.just("fuzzed-routine"), _scalars),
        "rrule": st.one_of(
            st.sampled_from(
                [
                    "FREQ=DAILY",
                    "FREQ=WEEKLY;BYDAY=MO,XX",
                    "FREQ=DAILY;INTERVAL=0",
                    "FREQ=MONTHLY;BYMONTHDAY=31",
                    "FREQ=WEEKLY;INTERVAL=99999999",
                ]
            ),
            st.text(alphabet="FREQ=DAILYWEKMOTHBNTV;,0123456789-", max_size=40),
            _scalars,
        ),  # fmt: skip
        "start": st.one_of(st.dates(), _scalars),
        "steps": st.one_of(st.lists(_step, max_size=3), _scalars),
        "name": st.one_of(st.just("Fuzzed"), _scalars),
    },
)


@FUZZ
@given(_routine_fields)
def test_mutated_user_routine_never_stops_the_catalogue(tmp_path_factory, changes):
    from catalogue import is_due, load_catalogue

    base = {
        "id": "fuzzed-routine",
        "name": "Fuzzed",
        "rrule": "FREQ=DAILY",
        "steps": [{"exercise": "towel-wring"}],
    }
    entry = {**base, **changes}
    folder = tmp_path_factory.mktemp("toml")
    body = "\n".join(f"{_toml(k)} = {_toml(v)}" for k, v in entry.items())
    (folder / "mine.toml").write_text(f"{_GOOD_EXERCISE}\n[[routine]]\n{body}\n", encoding="utf-8")
    cat = load_catalogue(folder)
    assert all(p.startswith("mine.toml: ") and p.isprintable() for p in cat.problems), cat.problems
    assert len(cat.routines) >= 3  # the built-in routines always load
    for routine in cat.routines.values():
        is_due(routine, NOW.date())  # whatever loaded has a schedule that works


BROKEN_TOML = {
    "typo.toml": b'[[exercise]]\nid = "wrist-roll"\nname = "Wrist roll"\nregoin = "wrist"\n',
    "latin1.toml": "name = 'caf\xe9'\n".encode("latin-1"),
    "not-toml.toml": b"[[exercise]\nid = \n",
    "huge.toml": b'[[exercise]]\nname = "' + b"x" * 5000 + b'"\n',
    "control.toml": b'[[exercise]]\nid = "a"\nname = "\\u001b[2J"\n',
}


def _write_broken(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in BROKEN_TOML.items():
        (folder / name).write_bytes(content)


def test_broken_user_files_do_not_stop_status(tmp_path, monkeypatch):
    config = tmp_path / "config"
    _write_broken(config / "catalogue")
    monkeypatch.setenv("REHAB_TUI_CONFIG", str(config))
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.start_session("gentle-mobility", "Gentle mobility", NOW)
    run = procs.cli("status", "--db", str(db))
    assert run.code == 0 and run.stderr == "" and run.stdout.startswith("rehab: "), run


async def test_broken_user_files_are_named_in_the_app_which_keeps_running(tmp_path):
    from tests.helpers.app_probe import ProbeApp

    _write_broken(tmp_path / "config" / "catalogue")
    db = tmp_path / "journal.db"
    with Journal.open(db) as j:
        j.acknowledge_safety(NOW)
    app = ProbeApp(db_path=db, clock=lambda: NOW, config_dir=tmp_path / "config")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.journal is not None:
                break
        await pilot.pause()
        warnings = [message for severity, _, message in app.seen if severity == "warning"]
        # One notification however many problems (issue 15: one each froze the app) ...
        assert len(warnings) == 1 and "catalogue file" in warnings[0], warnings
        assert all("\n" not in w and "\x1b" not in w for w in warnings)
        # ... and the list, opened from the palette, names every file.
        problems = app.catalogue.problems
        for name in BROKEN_TOML:
            assert any(p.startswith(f"{name}: ") for p in problems), (name, problems)
        assert all("\n" not in p and "\x1b" not in p for p in problems)
        app.action_catalogue_problems()
        await pilot.pause()
        from tui.screens.problems import ProblemList

        assert isinstance(app.screen, ProblemList)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.current_mode == "catalogue"
        assert "neck-rotation" in app.catalogue.exercises


@pytest.mark.parametrize("session_id", [2**63, -1, 0, 1.0, "1", True])
def test_log_set_refuses_a_session_id_sqlite_cannot_hold(journal, session_id):
    with pytest.raises(InvalidValue, match="session id must be a row number"):
        journal.log_set(session_id, exercise_id="grip-squeeze", exercise_name="Grip squeeze",
                        set_number=1, now=NOW)  # fmt: skip
    assert journal.counts()["sets"] == 0
