"""Junk in the files `rehab-tui import` reads (SPEC §8), thrown by hypothesis.

Starting from what `export all` wrote, one cell is replaced by junk (out-of-range and
non-numbers, impossible days and times, huge strings, control characters, broken Unicode,
another row's values), or the file itself is spoiled (re-encoded as UTF-16 or Latin-1, a
byte-order mark where none belongs, ragged rows, a missing or renamed column, truncated,
random bytes or a NUL spliced in, a file gone). The target journal already holds a session
of its own. Each import either takes every row, or is refused whole with one line naming
the file, the line and the problem — and then the journal is unchanged, row for row.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.api import Journal
from journal.exchange.csv_export import export_all
from journal.exchange.csv_format import FILES
from journal.exchange.csv_import import import_folder
from journal.errors import FileProblem, InvalidValue
from tests.helpers import procs
from tests.conftest import NOW
from tests.helpers.csv_helpers import fill
from tests.journal.test_bad_values import nasty_text, numberish

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
#: Generated imports per run (two tests); the README quotes the total.
EXAMPLES = 2 * FUZZ.max_examples
NAMES = [f"{kind}.csv" for kind in FILES]
ROUTINES = {"Hand & wrist strength": "hand-wrist-strength", "Gentle mobility": "gentle-mobility"}
#: What a refusal looks like: the file, where in it, then the problem.
WHERE = re.compile(r"^(sessions|sets|symptoms)\.csv (line \d+|near line \d+|is empty)")


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The three files of a small export (nasty notes included), as bytes."""
    folder = tmp_path_factory.mktemp("source")
    with Journal.open(folder / "journal.db") as j:
        fill(j)
    export_all(folder / "journal.db", folder / "export")
    return {name: (folder / "export" / name).read_bytes() for name in NAMES}


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with a session, a set and a check-in of its own (session 5000)."""
    path = tmp_path_factory.mktemp("target") / "journal.db"
    with Journal.open(path) as j:
        j.start_session("mine", "Mine", NOW)
        with j._writer.begin() as conn:
            conn.exec_driver_sql("UPDATE sessions SET id = 5000 WHERE id = 1")
        j.log_set(5000, exercise_id="grip-squeeze", exercise_name="Grip squeeze", set_number=1,
                  now=NOW, reps=7)  # fmt: skip
        j.record_checkins([{"region": "neck", "pain": 1}], context="ad_hoc", now=NOW - timedelta(days=3),
                          session_id=5000)  # fmt: skip
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("work")


_runs = itertools.count()
OUTCOMES: Counter[str] = Counter()


def attempt(target: Path, workdir: Path, files: dict[str, bytes | None]) -> str:
    """Import ``files`` (None: the file is missing) into a fresh copy of ``target``; check
    the outcome is all rows or none with a one-line refusal. Returns "imported" or "refused"."""
    run = workdir / f"run{next(_runs)}"
    folder = run / "export"
    folder.mkdir(parents=True)
    for name, data in files.items():
        if data is not None:
            (folder / name).write_bytes(data)
    db = run / "journal.db"
    shutil.copyfile(target, db)
    before = procs.table_rows(db)
    with Journal.open(db) as j:
        try:
            summary = import_folder(j, folder, routine_ids=ROUTINES)
        except (InvalidValue, FileProblem) as err:
            message = str(err)
            assert message and "\n" not in message and "\r" not in message, repr(message)
            assert len(message) < 400 and message.isprintable(), repr(message)
            if isinstance(err, FileProblem):
                assert "export" in message and str(folder) in message, message
            else:
                assert WHERE.match(message), message
            outcome = "refused"
        else:
            outcome = "imported"
    after = procs.table_rows(db)
    if outcome == "refused":
        assert after == before
    else:
        for table, rows in before.items():  # what was there is untouched...
            assert set(rows) <= set(after[table]), table
        grew = {t: len(after[t]) - len(before[t]) for t in ("sessions", "sets", "checkins")}
        assert grew == {
            "sessions": summary.sessions,
            "sets": summary.sets,
            "checkins": summary.symptoms,
        }
    assert procs.integrity(db) == ["ok"]
    shutil.rmtree(run)
    OUTCOMES[outcome] += 1
    return outcome


# ---- one cell of junk ---------------------------------------------------------------------------


def parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def serialise(rows: list[list[str]]) -> bytes:
    """Every cell quoted (RFC 4180 allows it; the reader takes it); lone surrogates become
    bytes that are not UTF-8, as a file from a broken program would have them."""
    text = "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\r\n" for row in rows)
    return text.encode("utf-8", errors="surrogatepass")


junk_cell = st.one_of(
    numberish.map(str),
    nasty_text,
    st.sampled_from([
        "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "2026-1-1", "24/11/2026", "١٢",
        "2026-11-24T25:00:00+01:00", "2026-11-24T08:00:00+25:00", "2026-11-24T08:00:00",
        "2026-02-29T08:00:00+01:00", "2026-11-24T08:00:60+01:00", "2026-11-24 08:00+01:00",
        "2026-11-24T08:00:00.1234567+01:00", "2026-11-24T08:00:00Z", "5000", "0", "-1",
        "1e3", "4.0", "10**12", "1000000000001", "completed", "abandoned", "both", "left",
        "right", "kg", "lb", "band", "putty", "red", "soft", "none", "fatigue", "ad_hoc",
        "left_arm", "=1+1", "'=1+1", "''", "'", '"', "x" * 3000, "9" * 200_000, "a\x00b",
        "\r", "é\u0301", "\ufeffdate", "Gentle mobility", "hand-wrist-strength",
    ]),
)  # fmt: skip


@FUZZ
@given(st.sampled_from(NAMES), st.integers(0, 1000), st.integers(0, 30), junk_cell)
def test_one_junk_cell_is_imported_whole_or_refused_whole(
    originals, target, workdir, name, row, column, junk
):
    rows = parse(originals[name])
    r = row % len(rows)
    c = column % len(rows[r])
    rows[r][c] = junk
    attempt(target, workdir, {**originals, name: serialise(rows)})


# ---- a spoiled file -----------------------------------------------------------------------------


def _reencode(codec: str):
    def spoil(data: bytes, _n: int) -> bytes | None:
        return data.decode("utf-8").encode(codec, errors="replace")

    return spoil


def _spoil_rows(fn):
    def spoil(data: bytes, n: int) -> bytes | None:
        rows = parse(data)
        fn(rows, n)
        return serialise(rows)

    return spoil


def _drop_cell(rows: list[list[str]], n: int) -> None:
    rows[n % len(rows)].pop()


def _extra_cell(rows: list[list[str]], n: int) -> None:
    rows[n % len(rows)].append("extra")


def _drop_column(rows: list[list[str]], n: int) -> None:
    col = n % len(rows[0])
    for row in rows:
        del row[col]


def _swap_columns(rows: list[list[str]], n: int) -> None:
    a, b = n % len(rows[0]), (n + 1) % len(rows[0])
    for row in rows:
        row[a], row[b] = row[b], row[a]


def _drop_record(rows: list[list[str]], n: int) -> None:
    if len(rows) > 1:
        del rows[1 + n % (len(rows) - 1)]


def _duplicate_record(rows: list[list[str]], n: int) -> None:
    i = n % len(rows)
    rows.insert(i, list(rows[i]))


SPOILERS = {
    "utf-16": _reencode("utf-16"),
    "utf-16-le": _reencode("utf-16-le"),
    "latin-1": _reencode("latin-1"),
    "cp1252": _reencode("cp1252"),
    "double BOM": lambda d, n: b"\xef\xbb\xbf\xef\xbb\xbf" + d,
    "BOM mid-file": lambda d, n: d[: n % len(d)] + b"\xef\xbb\xbf" + d[n % len(d):],
    "truncated": lambda d, n: d[: n % len(d)],
    "random bytes spliced in": lambda d, n: d[: n % len(d)] + bytes((n * 7 + i * 31) % 256 for i in range(1 + n % 9)) + d[n % len(d):],
    "NUL spliced in": lambda d, n: d[: n % len(d)] + b"\x00" + d[n % len(d):],
    "CR line ends": lambda d, n: d.replace(b"\r\n", b"\r"),
    "empty": lambda d, n: b"",
    "header only": lambda d, n: d.split(b"\r\n", 1)[0] + b"\r\n",
    "missing": lambda d, n: None,
    "a cell dropped": _spoil_rows(_drop_cell),
    "a cell added": _spoil_rows(_extra_cell),
    "a column dropped": _spoil_rows(_drop_column),
    "columns swapped": _spoil_rows(_swap_columns),
    "a record dropped": _spoil_rows(_drop_record),
    "a record twice": _spoil_rows(_duplicate_record),
}  # fmt: skip


@FUZZ
@given(st.sampled_from(NAMES), st.sampled_from(sorted(SPOILERS)), st.integers(0, 10_000))
def test_a_spoiled_file_is_imported_whole_or_refused_whole(
    originals, target, workdir, name, spoiler, n
):
    attempt(target, workdir, {**originals, name: SPOILERS[spoiler](originals[name], n)})


# ---- what each refusal says ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "spoiler", "message"),
    [
        ("sets.csv", "utf-16", "sets.csv line 1: saved as UTF-16; save it as UTF-8 (in a spreadsheet: CSV UTF-8) and import again"),
        ("symptoms.csv", "utf-16-le", "symptoms.csv line 1: saved as UTF-16; save it as UTF-8"),
        # the é of "ça va" is on line 5 (the note before it spans lines 3 and 4)
        ("sets.csv", "latin-1", "sets.csv line 5: not UTF-8 text (byte 0xe7); save it as UTF-8"),
        ("sets.csv", "cp1252", "sets.csv line 5: not UTF-8 text (byte 0xe7); save it as UTF-8"),
        ("sessions.csv", "a column dropped", "sessions.csv line 1: not the layout rehab-tui exports"),
        ("sets.csv", "a cell dropped", "sets.csv line 1: not the layout rehab-tui exports"),
        ("symptoms.csv", "empty", "symptoms.csv is empty"),
    ],
)  # fmt: skip
def test_what_a_refusal_says(originals, target, workdir, name, spoiler, message, monkeypatch):
    import journal.exchange.csv_import

    seen = []
    real = journal.exchange.csv_import.check

    def check(journal, files, now=None):
        try:
            return real(journal, files, now)
        except InvalidValue as err:
            seen.append(str(err))
            raise

    monkeypatch.setattr(journal.exchange.csv_import, "check", check)
    assert (
        attempt(target, workdir, {**originals, name: SPOILERS[spoiler](originals[name], 0)})
        == "refused"
    )
    assert seen[0].startswith(message), seen[0]


def test_the_untouched_files_import(originals, target, workdir):
    assert attempt(target, workdir, dict(originals)) == "imported"


def test_both_outcomes_were_tried():
    """(runs after the fuzz tests) the junk was neither all harmless nor all fatal."""
    if sum(OUTCOMES.values()) < EXAMPLES:
        pytest.skip("the fuzz tests did not run in this session")
    assert OUTCOMES["refused"] >= EXAMPLES // 2 and OUTCOMES["imported"] >= 10, OUTCOMES
    print(f"\nimport junk: {dict(OUTCOMES)}")


@pytest.mark.parametrize("straddle", [False, True])
def test_a_bad_byte_far_into_a_file_is_found_on_its_line(
    originals, target, workdir, straddle, monkeypatch
):
    """The line is counted in the bytes, past the reader's look-ahead and the 64 KiB chunks
    the scan reads (with ``straddle`` the two bytes of the valid ç before the bad byte sit on
    either side of the first chunk's end)."""
    import journal.exchange.csv_import

    header, rest = originals["sets.csv"].split(b"\r\n", 1)
    rest = rest.replace(b"'+1 rep", b"'+1 r\xffp")  # line 7, as an editor counts lines
    c_at = len(header) + 2 + rest.index("ç".encode())
    pad = 65_535 - c_at if straddle else 70_000
    data = header + b"\r\n" + b"\r" * pad + rest  # lone CRs: blank records, not editor lines
    assert not straddle or data[65_535:65_537] == "ç".encode()
    seen = []
    import journal.exchange.csv_read  # where the files are read (one reader for every table)

    real = journal.exchange.csv_read._not_utf8
    monkeypatch.setattr(journal.exchange.csv_read, "_not_utf8", lambda p: seen.append(real(p)) or seen[-1])
    assert attempt(target, workdir, {**originals, "sets.csv": data}) == "refused"
    message = (
        "sets.csv line 7: not UTF-8 text (byte 0xff); save it as UTF-8 "
        "(in a spreadsheet: CSV UTF-8) and import again"
    )
    assert seen == [message]
