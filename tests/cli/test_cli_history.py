"""``rehab-tui suggest`` and ``rehab-tui report`` agree with History and fail in one line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import NOW, TZ

TODAY = NOW.date()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.demo.generator import generate

    path = tmp_path_factory.mktemp("cli") / "demo.db"
    with Journal.open(path) as journal:
        generate(journal, load_catalogue(), days=60, seed=1, today=TODAY, tz=TZ)
    return path


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journal.clock.now_local", lambda: NOW)


def main(*args: str) -> int:
    from tui.cli import main as cli_main

    return cli_main(list(args))


def test_suggest_json_agrees_with_history(demo_db, capsys):  # noqa: ANN001
    from catalogue import load_catalogue
    from journal.api import Journal
    from journal.store.gather import history_view

    assert main("suggest", "--json", "--db", str(demo_db)) == 0
    data = json.loads(capsys.readouterr().out)
    with Journal.open(demo_db) as journal:
        view = history_view(journal, load_catalogue(), TODAY)
    assert [d["exercise_id"] for d in data] == [s.exercise_id for s in view.suggestions]
    for d, s in zip(data, view.suggestions, strict=True):
        assert (d["decision"], d["rule"], d["reason"], d["status"]) == (
            s.decision,
            s.rule,
            s.reason,
            s.status,
        )
        assert d["decision"] in ("PROGRESS", "HOLD", "REGRESS", "STOP", "ACUTE")
        assert d["current"]["text"] == s.current.describe()
        assert (d["proposed"] is None) == (not s.changes)


def test_suggest_text_puts_what_needs_a_decision_first(demo_db, capsys):  # noqa: ANN001
    assert main("suggest", "--db", str(demo_db)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 12
    order = ["STOP", "REGRESS", "PROGRESS", "ACUTE", "HOLD"]
    ranks = [order.index(line.split()[0]) for line in lines]
    assert ranks == sorted(ranks)
    assert all(
        line.rstrip().endswith("]") or "(declined)" in line or "waiting" in line for line in lines
    )


def test_report_to_a_file_is_private_and_complete(demo_db, tmp_path, capsys):  # noqa: ANN001
    out = tmp_path / "visit.md"
    assert main("report", "-o", str(out), "--db", str(demo_db)) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and str(out) in captured.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Rehab summary: Mon 5 Oct 2026 – Tue 24 Nov 2026")
    assert "## Red flags reported" in text and "## Doses" in text
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert main("report", "--weeks", "2", "--db", str(demo_db)) == 0
    assert capsys.readouterr().out.startswith("# Rehab summary: Mon 16 Nov 2026")


def test_no_journal_is_one_line_and_creates_nothing(tmp_path, capsys):  # noqa: ANN001
    db = tmp_path / "none.db"
    for command in ("suggest", "report"):
        assert main(command, "--db", str(db)) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "no journal at" in err[0] and str(db) in err[0]
    assert not db.exists() and os.listdir(tmp_path) == []


def test_bad_weeks_and_unwritable_output(demo_db, tmp_path, capsys):  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_info:
        main("report", "--weeks", "0", "--db", str(demo_db))
    assert exit_info.value.code == 2 and "weeks must be" in capsys.readouterr().err
    missing = tmp_path / "no-such-dir" / "r.md"
    assert main("report", "-o", str(missing), "--db", str(demo_db)) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "cannot write" in line and str(missing) in line
