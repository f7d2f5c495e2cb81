"""`rehab-tui report -o FILE.pdf`: one or two A4 pages whose text holds adherence, every dose
change and the red-flag history; page 1 renders to a PNG with drawn charts; a bad path is one
line and nothing is written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journal.rules.redflags import label
from tests.conftest import NOW, ROOT
from tests.journal.test_demo import make_demo

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm) not installed")  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from catalogue import load_catalogue

    path = tmp_path_factory.mktemp("pdf") / "demo.db"
    make_demo(path, load_catalogue())
    return path


@pytest.fixture(scope="module")
def report(demo: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.exchange.pdf import write_pdf
    from journal.store.gather import report_data

    target = tmp_path_factory.mktemp("out") / "report.pdf"
    with Journal.open(demo, create=False) as journal:
        data = report_data(journal, load_catalogue(), NOW.date(), 8)
        outcomes = journal.outcomes_view(NOW.date())
        flags = journal.red_flags()
    write_pdf(target, data, outcomes)
    return target, data, flags


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_text_holds_adherence_every_dose_change_and_red_flags(report):
    target, data, flags = report
    text = " ".join(_text(target).split())
    weeks = [w for w in data.weeks if not w.before]
    done, prescribed = sum(w.done for w in weeks), sum(w.prescribed for w in weeks)
    assert f"Adherence: completed {done} of {prescribed} routines due" in text
    assert data.changes, "the demo has dose changes in 8 weeks"
    for change in data.changes:
        assert f"{change.since[:10]} {data.names.get(change.exercise_id, change.exercise_id)}" in text
        assert " ".join(change.reason.replace("→", "->").replace("≤", "<=").split())[:40] in text
    assert flags
    for f in flags:
        assert f"{f.reported_at[:10]}: {label(f.flag)} ({f.severity})" in text
    assert 'PSFS "typing for an hour"' in text and "Grip, right hand" in text
    pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert any(line.split() in (["Pages:", "1"], ["Pages:", "2"]) for line in pages.splitlines())
    assert (target.stat().st_mode & 0o777) == 0o600


def test_page_one_renders_with_coloured_charts(report, tmp_path: Path):
    target, _data, _flags = report
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(target), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    raw = png.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 10_000
    width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
    assert 400 < width < 450 and 580 < height < 600  # A4 at 50 dpi
    # The bars and lines are drawn in colour: a text-only page would be grey. Same page as PPM
    # (raw RGB) to count the pixels of the charts' blue.
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", str(target), str(tmp_path / "q")], check=True)
    ppm = next(tmp_path.glob("q*.ppm")).read_bytes()
    magic, w, h, depth, pixels = ppm.split(maxsplit=4)
    assert magic == b"P6" and (int(w), int(h), int(depth)) == (width, height, 255)
    blue = sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i + 2] > 150 and pixels[i] < 90)
    assert blue > 2000  # the adherence bars alone


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)  # fmt: skip


def test_missing_folder_or_unwritable_path_is_one_line_and_writes_nothing(demo: Path, tmp_path: Path):
    bad = _cli("--db", str(demo), "report", "-o", str(tmp_path / "nowhere" / "r.pdf"))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert "does not exist" in bad.stderr and not (tmp_path / "nowhere").exists()
    (tmp_path / "adir.pdf").mkdir(exist_ok=True)
    isdir = _cli("--db", str(demo), "report", "-o", str(tmp_path / "adir.pdf"))
    assert isdir.returncode == 1 and "is a directory" in isdir.stderr and "Traceback" not in isdir.stderr


def test_markdown_stays_the_default_with_outcomes(demo: Path, tmp_path: Path):
    out = _cli("--db", str(demo), "report")
    assert out.returncode == 0 and out.stdout.startswith("# Rehab summary")
    assert "## Outcome measures" in out.stdout and "PSFS “typing for an hour”" in out.stdout
    md = _cli("--db", str(demo), "report", "-o", str(tmp_path / "r.md"))
    assert md.returncode == 0 and (tmp_path / "r.md").read_text().startswith("# Rehab summary")


def test_report_pdf_path_does_not_import_fpdf_for_markdown():
    code = ("import sys, journal.exchange.report, tui.commands.report; "
            "print([m for m in sys.modules if m.startswith(('fpdf', 'fhir'))])")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_an_empty_journal_gives_a_one_page_pdf_that_says_so(journal, tmp_path: Path):
    from catalogue import load_catalogue
    from journal.exchange.pdf import write_pdf
    from journal.store.gather import report_data

    target = write_pdf(tmp_path / "empty.pdf", report_data(journal, load_catalogue(), NOW.date(), 8),
                       journal.outcomes_view(NOW.date()))  # fmt: skip
    text = " ".join(_text(target).split())
    assert "completed 0 of 0 routines due" in text and "No check-ins in this period." in text
    assert "No PSFS ratings or grip readings in this period." in text and "None in this period." in text


def test_an_open_red_flag_is_a_stop_line_at_the_top_of_the_pdf(journal, tmp_path: Path):
    """The PDF is what the clinician reads: it says STOP first, as the Markdown report does."""
    from catalogue import load_catalogue
    from journal.exchange.pdf import write_pdf
    from journal.store.gather import report_data

    journal.report_red_flag("new-weakness", "urgent", NOW)
    data = report_data(journal, load_catalogue(), NOW.date(), 8)
    assert data.stop
    target = tmp_path / "stop.pdf"
    write_pdf(target, data, journal.outcomes_view(NOW.date()))
    lines = [line.strip() for line in _text(target).splitlines() if line.strip()]
    stop_at = next(i for i, line in enumerate(lines) if line.startswith("STOP"))
    assert stop_at <= 3, lines[:6]  # title, the disclaimer, then STOP
    assert "not answered the setup questions" in " ".join(lines)
