"""Bad input to `export`, `import`, `suggest` and `report` (SPEC §7, §8): junk arguments,
unwritable or special targets, and bad journal files. Each gets one line on stderr with
exit 1 (2 for usage), never a traceback, and nothing stored or already written changes.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
import threading
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.api import Journal
from tests.helpers import procs
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill
from tests.reliability.test_bad_files import BAD_FILES, as_user, demo_journal, give, shared_dir, state  # noqa: F401 - fixtures
from tests.journal.test_bad_values import nasty_text, numberish

CSV_NAMES = ("sessions.csv", "sets.csv", "symptoms.csv")


def run_main(argv: list[str]) -> tuple[int, bytes, str]:
    """``tui.cli.main(argv)`` in this process; stdout is bytes (export writes UTF-8 to its buffer)."""
    from tui.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        with redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = exit_.code
        out.flush()
        data = out.buffer.getvalue()
    finally:
        sys.stdout = real
    return code, data, err.getvalue()


def one_line(code: int, err: str, expected_code: int = 1) -> str:
    assert code == expected_code, (code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rehab-tui: "), err
    assert "Traceback" not in err and "unexpected error" not in err, err
    return lines[0]


@pytest.fixture(scope="module")
def journal_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "journal.db"
    with Journal.open(path) as j:
        fill(j)
    return path


@pytest.fixture
def db(journal_db: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(journal_db, tmp_path / "journal.db"))


# ---- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["export", "--since", "2026-02-30"], 2, "argument --since: 2026-02-30 is not a real date"),
        (["export", "--since", "99x"], 2, "argument --since: '99x' is not a date; use a day like 2026-03-01"),
        (["export", "--until", "٣d"], 2, "argument --until: '٣d' is not a date"),
        (["export", "--since", "٢٠٢٦-٠٣-٠١"], 2, "'٢٠٢٦-٠٣-٠١' is not a date"),
        (["export", "--since", "999999y"], 2, "999999y reaches back before the year 1"),
        (["export", "--since", "-3d"], 2, "argument --since: expected one argument"),
        (["export", "--since", "1d", "--until", "9d"], 1, "is after --until"),
        (["export", "sets", "-o", "{tmp}/no-such-dir/sets.csv"], 1, "cannot write {tmp}/no-such-dir/sets.csv: the folder {tmp}/no-such-dir does not exist; create it first or choose another -o path"),
        (["export", "all", "-o", "{tmp}/journal.db"], 1, "{tmp}/journal.db is a file; give a directory for the CSV files `export all` writes"),
        (["export", "-o", "{tmp}/journal.db/x"], 1, "cannot create {tmp}/journal.db/x: {tmp}/journal.db is a file, not a folder; choose another -o path"),
        # was "unexpected error" and a crash log; the name is shortened in the middle
        (["export", "sets", "-o", "{tmp}/" + "x" * 300], 1, "xxxxxxxx: File name too long"),
        (["report", "--weeks", "-1"], 2, "argument --weeks: weeks must be from 1 to 104 (got '-1')"),
        (["report", "--weeks", "105"], 2, "weeks must be from 1 to 104 (got '105')"),
        (["report", "--weeks", "٣"], 2, "weeks must be a whole number from 1 to 104 (got '٣')"),
        (["report", "--weeks", "2.5"], 2, "weeks must be a whole number from 1 to 104 (got '2.5')"),
        # New-user trial: no output command makes a folder it was not asked for (README, Commands)
        (["export", "all", "-o", "{tmp}/no-such-dir/out"], 1, "cannot create {tmp}/no-such-dir/out: the folder {tmp}/no-such-dir does not exist; create it first"),
        (["export", "--format", "fhir", "-o", "{tmp}/no-such-dir/b.json"], 1, "cannot write {tmp}/no-such-dir/b.json: the folder {tmp}/no-such-dir does not exist; create it first"),
        (["backup", "-o", "{tmp}/no-such-dir/b.db"], 1, "cannot write {tmp}/no-such-dir/b.db: the folder {tmp}/no-such-dir does not exist; create it first"),
        (["backup", "-o", "{tmp}/no-such-dir/"], 1, "cannot write into {tmp}/no-such-dir: the folder does not exist; create it first"),
        (["report", "-o", "{tmp}/no-such-dir/r.pdf"], 1, "cannot write {tmp}/no-such-dir/r.pdf: the folder {tmp}/no-such-dir does not exist; create it first"),
        (["report", "-o", "{tmp}/no-such-dir/r.md"], 1, "cannot write {tmp}/no-such-dir/r.md: the folder {tmp}/no-such-dir does not exist; create it first or choose another -o path"),
        (["report", "-o", "{tmp}"], 1, "cannot write {tmp}: Is a directory"),
        (["suggest", "--json", "--weeks", "2"], 2, "unrecognized arguments: --weeks 2"),
        (["import", "{tmp}/nowhere"], 1, "{tmp}/nowhere does not exist; give the directory `rehab-tui export all` wrote"),
        (["import", "{tmp}/journal.db"], 1, "{tmp}/journal.db is this journal itself"),
        (["import", "{tmp}"], 1, "{tmp} has no sessions.csv, sets.csv, symptoms.csv"),
    ],
)  # fmt: skip
def test_bad_arguments_one_line_right_exit_code(db, tmp_path, args, code, words):
    before = state(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--db", str(db)]
    line = one_line(*run_main(argv)[::2], expected_code=code)
    assert words.replace("{tmp}", str(tmp_path)) in line, line
    assert state(tmp_path) == before


def as_argv(value: str) -> str:
    """What a program can really receive as an argument: bytes without NUL, decoded the way
    Python decodes argv (undecodable bytes become lone surrogates \udc80–\udcff)."""
    return os.fsdecode(value.replace("\x00", "").encode("utf-8", "surrogatepass"))


cli_value = st.one_of(
    numberish.map(str),
    nasty_text,
    st.sampled_from(["-1", "--db", "-h", "..", ".", "-", "~", "2026-02-30", "0d", "999999d",
                     "1000000d", "30D", "6 w", "3m ", "\udcff", "caf\udce9", "/", "//", "x" * 300]),
).map(as_argv)  # fmt: skip


def _inside(folder: Path, value: str) -> str:
    """Junk as a path, always inside ``folder`` (never `..`, never the folder itself)."""
    name = value.replace("/", "_")
    return str(folder / ("x" + name if name in ("", ".", "..") else name))


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["since", "until", "weeks", "export -o", "export all -o", "report -o",
                     "import", "suggest --db", "report --db", "export --db"]),
    cli_value,
)  # fmt: skip
def test_junk_arguments_answer_in_one_line_and_change_nothing(
    journal_db, tmp_path_factory, where, value
):
    folder = tmp_path_factory.mktemp("junk")
    db = Path(shutil.copy(journal_db, folder / "journal.db"))
    rows = procs.table_rows(db)
    target = _inside(folder, value)
    argv = {
        "since": ["export", "sessions", "--since", value],
        "until": ["export", "sets", "--until", value],
        "weeks": ["report", "--weeks", value],
        "export -o": ["export", "symptoms", "-o", target],
        "export all -o": ["export", "all", "-o", target],
        "report -o": ["report", "-o", target],
        "import": ["import", target],
        "suggest --db": ["suggest", "--db", target],
        "report --db": ["report", "--db", target],
        "export --db": ["export", "sets", "--db", target],
    }[where]
    if "--db" not in argv:
        argv += ["--db", str(db)]
    code, out, err = run_main(argv)
    assert code in (0, 1, 2), (argv, code, err)
    if code:
        one_line(code, err, code)
    else:
        assert out or err.startswith("Wrote"), (argv, err)
    assert procs.table_rows(db) == rows
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp") or ".part-" in p.name]  # no half-written files


# ---- targets that are not plain files -----------------------------------------------------------


@pytest.mark.parametrize("command", [["export", "sets"], ["report"]])
def test_output_into_a_named_pipe_goes_through_it(db, tmp_path, command):
    """`-o FIFO` writes into the pipe (as `-o /dev/stdout` would) and leaves it a pipe: the
    export's write-aside-and-rename must never replace a device or pipe with a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)

    def drain() -> None:
        import select

        os.set_blocking(reader_fd, True)
        while True:
            select.select([reader_fd], [], [], 10)
            chunk = os.read(reader_fd, 65536)
            if not chunk:
                break
            got.append(chunk)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    try:
        code, _out, err = run_main([*command, "-o", str(fifo), "--db", str(db)])
    finally:
        thread.join(timeout=20)
        os.close(reader_fd)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    text = b"".join(got).decode("utf-8")
    assert text.startswith(
        "date,session_id,routine," if command[0] == "export" else "# Rehab summary"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db", "pipe"]


@pytest.mark.parametrize("command", [["export", "sets"], ["export", "sessions"], ["report"]])
def test_output_onto_a_full_device_says_so(shared_dir, journal_db, command):  # noqa: F811
    """`-o /dev/full`: one line saying the disk is full, exit 1, and /dev/full still the
    device. Run as an ordinary user, who cannot create files in /dev: were the output ever
    written aside and renamed, this test fails instead of replacing the device."""
    full = Path("/dev/full")
    if not full.exists() or not stat.S_ISCHR(full.stat().st_mode):
        pytest.skip("no /dev/full here")
    uid, env = as_user(shared_dir)
    folder = shared_dir / "mine"
    folder.mkdir()
    db = folder / "journal.db"
    shutil.copyfile(journal_db, db)
    # The child cannot read the interpreter's files as that user: import what it needs first.
    assert run_main([*command, "-o", str(shared_dir / "warm-up"), "--db", str(db)])[0] == 0
    give(db, uid, 0o600)
    give(folder, uid, 0o700)
    run = procs.main_as_user([*command, "-o", str(full), "--db", str(db)], uid, env)
    line = run.one_line_error()
    assert "cannot write /dev/full" in line and "No space left on device" in line, line
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_failed_export_all_leaves_the_earlier_export_whole(db, tmp_path, monkeypatch):
    """A failure halfway (here: a full disk while sets.csv is written) changes none of the
    three files an earlier export left, and leaves no half-written file beside them."""
    from journal.exchange import csv_export

    folder = tmp_path / "export"
    assert run_main(["export", "-o", str(folder), "--db", str(db)])[0] == 0
    before = state(folder)
    with Journal.open(db) as j:  # the journal has moved on since
        s = j.start_session("gentle-mobility", "Gentle mobility", NOW)
        j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1,
                  now=NOW, reps=5)  # fmt: skip
    real = csv_export.write_table

    def failing(con, kind, out, **kwargs):
        if kind == "sets":
            raise OSError(28, "No space left on device")
        return real(con, kind, out, **kwargs)

    monkeypatch.setattr(csv_export, "write_table", failing)
    code, _out, err = run_main(["export", "-o", str(folder), "--db", str(db)])
    assert code == 1 and "Traceback" not in err, err
    assert state(folder) == before
    fresh = tmp_path / "fresh"
    code, _out, err = run_main(["export", "-o", str(fresh), "--db", str(db)])
    assert code == 1 and not fresh.exists()  # a folder made for a failed export is removed


# ---- bad journal files --------------------------------------------------------------------------

READERS = {
    "suggest": lambda tmp: ["suggest"],
    "report": lambda tmp: ["report", "-o", str(tmp / "report.md")],
    "export to stdout": lambda tmp: ["export", "sets"],
    "export all": lambda tmp: ["export", "-o", str(tmp / "out")],
    "import": lambda tmp: ["import", str(tmp / "in")],
}


@pytest.mark.parametrize("command", READERS)
@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_one_line_exit_1_nothing_written(tmp_path, demo_journal, kind, command):  # noqa: F811
    make, words = BAD_FILES[kind]
    db = make(tmp_path, demo_journal)
    if command == "import":
        (tmp_path / "in").mkdir()
        for name in CSV_NAMES:  # an empty but well-formed export
            from journal.exchange.csv_format import FILES

            (tmp_path / "in" / name).write_text(",".join(FILES[name[:-4]]) + "\r\n")
    before = state(tmp_path)
    code, out, err = run_main([*READERS[command](tmp_path), "--db", str(db)])
    line = one_line(code, err)
    assert str(db) in line and out == b""
    for word in words:
        assert word in line, line
    assert state(tmp_path) == before
