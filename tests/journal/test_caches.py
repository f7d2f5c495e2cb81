"""What is remembered to keep things fast is forgotten when what it came from changes.

* ``Journal.memo``: streaks and suggestions, until anything commits to the journal;
* ``journal.store.verification``: a journal that passed quick_check, until its file changes;
* ``tui.due_today``: the routines due, for the day and the catalogue files.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta

import pytest

from journal import status

from journal.store import verification as verified
from journal.api import Journal
from tests.conftest import NOW
from tui import due_today


# ---- Journal.memo ------------------------------------------------------------------------------
def test_memo_is_reused_until_the_journal_changes(journal):
    calls = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert journal.memo("x", (NOW.date(),), compute) == 1
    assert journal.memo("x", (NOW.date(),), compute) == 1
    assert journal.memo("x", (NOW.date() + timedelta(days=1),), compute) == 2  # another key
    session = journal.start_session("gentle-mobility", "Gentle mobility", NOW)
    assert journal.memo("x", (NOW.date() + timedelta(days=1),), compute) == 3  # this process wrote
    con = sqlite3.connect(journal.path)
    with con:
        con.execute("UPDATE sessions SET note = 'another program' WHERE id = ?", (session.id,))
    con.close()
    assert journal.memo("x", (NOW.date() + timedelta(days=1),), compute) == 4  # another one did
    assert journal.memo("x", (NOW.date() + timedelta(days=1),), compute) == 4


def test_history_and_today_share_one_pass(journal, monkeypatch):
    from catalogue import load_catalogue
    from journal.store import gather

    passes = []
    real = gather.compute_basis
    monkeypatch.setattr(gather, "compute_basis", lambda *a: passes.append(1) or real(*a))
    catalogue = load_catalogue()
    today = NOW.date()
    first = gather.today_view(journal, catalogue, today)
    view = gather.history_view(journal, catalogue, today)
    assert len(passes) == 1 and view.day_streak == first.day_streak
    journal.start_session("gentle-mobility", "Gentle mobility", NOW)
    gather.history_view(journal, catalogue, today)
    assert len(passes) == 2


def test_history_view_is_remembered_until_the_journal_changes(journal):
    from catalogue import load_catalogue
    from journal.store import gather

    catalogue, today = load_catalogue(), NOW.date()
    view = gather.history_view(journal, catalogue, today)  # (its basis is a memo inside a memo)
    assert gather.history_view(journal, catalogue, today) is view
    shorter = gather.history_view(journal, catalogue, today, chart_weeks=4)
    assert shorter is not view and shorter.chart_since == today - timedelta(weeks=4)
    journal.start_session("gentle-mobility", "Gentle mobility", NOW)
    assert gather.history_view(journal, catalogue, today, chart_weeks=4) is not shorter


# ---- journal.store.verification (status) -----------------------------------------------------------------
def _checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the quick_checks status runs (by watching what it asks SQLite)."""
    asked: list[str] = []
    real_connect = sqlite3.connect

    class Watched:
        def __init__(self, *args, **kwargs) -> None:
            self._con = real_connect(*args, **kwargs)

        def execute(self, sql: str, *args):  # noqa: ANN002, ANN202
            if "quick_check" in sql:
                asked.append(sql)
            return self._con.execute(sql, *args)

        def close(self) -> None:
            self._con.close()

    monkeypatch.setattr(status.sqlite3, "connect", Watched)
    return asked


def test_status_checks_the_pages_once_per_change(db_path, monkeypatch):
    with Journal.open(db_path) as j:
        j.start_session("gentle-mobility", "Gentle mobility", NOW)
    asked = _checks(monkeypatch)
    due = [("Gentle mobility", ("gentle-mobility",))]
    line = status.status_line(db_path, due, NOW.date())
    assert "due today: Gentle mobility" in line and len(asked) == 1
    status.status_line(db_path, due, NOW.date())
    assert len(asked) == 1 and verified.is_verified(db_path)
    with Journal.open(db_path) as j:
        j.start_session("gentle-mobility", "Gentle mobility", NOW)
    assert not verified.is_verified(db_path)
    status.status_line(db_path, due, NOW.date())
    assert len(asked) == 2


def test_a_journal_damaged_after_it_was_verified_is_refused(db_path):
    from journal.errors import NotAJournal

    with Journal.open(db_path) as j:
        for n in range(300):  # a few pages of sets
            s = j.start_session("gentle-mobility", "Gentle mobility", NOW)
            j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation",
                      set_number=1, now=NOW, reps=10, note="x" * 200)  # fmt: skip
    status.status_line(db_path, [], NOW.date())
    assert verified.is_verified(db_path)
    pages = db_path.stat().st_size // 4096
    with open(db_path, "r+b") as fh:
        fh.seek((pages // 2) * 4096)
        fh.write(os.urandom(4096))
    assert not verified.is_verified(db_path)
    with pytest.raises(NotAJournal, match="is damaged"):
        status.status_line(db_path, [], NOW.date())


# ---- tui.due_today ----------------------------------------------------------------------
def test_due_list_is_kept_for_the_day_and_the_catalogue(tmp_path, monkeypatch):
    user_dir = tmp_path / "catalogue"
    day = date(2026, 11, 24)  # a Tuesday
    first = due_today.due_today(user_dir, day)
    assert ("gentle-mobility", "Gentle mobility", 4) in [r[:3] for r in first]
    mobility = next(r for r in first if r.id == "gentle-mobility")
    assert mobility.covered_by == ("gentle-mobility", "hand-wrist-strength", "neck-shoulder-strength")

    def fail(*_args):  # noqa: ANN202
        raise AssertionError("the catalogue was read again")

    real_compute = due_today.compute
    monkeypatch.setattr(due_today, "compute", fail)
    assert due_today.due_today(user_dir, day) == first  # from the cache
    monkeypatch.setattr(due_today, "compute", real_compute)
    assert due_today.due_today(user_dir, day + timedelta(days=1)) != first  # Wednesday: hands

    user_dir.mkdir()
    (user_dir / "mine.toml").write_text(
        '[[routine]]\nid = "my-daily"\nname = "My daily"\nrrule = "FREQ=DAILY"\n'
        'steps = [{ exercise = "neck-rotation" }]\n',
        encoding="utf-8",
    )
    assert ("my-daily", "My daily", 1) in [r[:3] for r in due_today.due_today(user_dir, day)]  # a new file counts


def test_an_unreadable_cache_is_only_a_slower_answer(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "due-today.json"
    monkeypatch.setattr(due_today, "_cache_file", lambda: cache)
    cache.parent.mkdir()
    cache.write_text("{not json", encoding="utf-8")
    assert due_today.due_today(tmp_path / "none", date(2026, 11, 24))

    def full_disk(*_args):  # noqa: ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(due_today.os, "replace", full_disk)
    assert due_today.due_today(tmp_path / "none", date(2026, 11, 25))  # cannot keep it: fine
    assert [p.name for p in cache.parent.iterdir()] == ["due-today.json"]  # no temp file left


def test_the_app_checks_pages_only_when_the_journal_changed_since_it_closed_it(db_path, monkeypatch):
    """tui.launch: a journal as the app last closed it opens without quick_check; one that
    changed since (here: damaged in place) is checked, and refused."""
    import tui.app
    from journal.errors import NotAJournal
    from tui import launch

    with Journal.open(db_path) as j:
        j.acknowledge_safety(NOW)
        for _ in range(100):
            s = j.start_session("gentle-mobility", "Gentle mobility", NOW)
            j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation",
                      set_number=1, now=NOW, reps=10, note="x" * 300)  # fmt: skip
    checked: list[bool] = []

    class App:  # what run_app needs of RehabApp: open the journal as its worker does, write
        def __init__(self, db_path, create_dir, unchanged) -> None:  # noqa: ANN001
            self.db_path, self.unchanged = db_path, unchanged
            self.journal, self.error_message, self.return_code = None, None, 0

        def run(self) -> None:
            checked.append(not self.unchanged)
            self.journal = Journal.open(self.db_path, check_pages=not self.unchanged)
            self.journal.start_session("gentle-mobility", "Gentle mobility", NOW)

    monkeypatch.setattr(tui.app, "RehabApp", App)
    assert launch.run_app(str(db_path)) == 0
    assert launch.run_app(str(db_path)) == 0
    assert checked == [True, False]  # the second start found it as the first left it
    pages = db_path.stat().st_size // 4096
    with open(db_path, "r+b") as fh:
        fh.seek((pages // 2) * 4096)
        fh.write(os.urandom(4096))
    with pytest.raises(NotAJournal, match="is damaged"):
        launch.run_app(str(db_path))
    assert checked == [True, False, True]


def test_export_checks_the_pages_once_per_change(db_path, monkeypatch, tmp_path):
    from journal.exchange import csv_export

    asked = []
    real = csv_export.check_pages
    monkeypatch.setattr(csv_export, "check_pages", lambda con, path: asked.append(1) or real(con, path))
    with Journal.open(db_path) as j:
        s = j.start_session("gentle-mobility", "Gentle mobility", NOW)
        j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=1, now=NOW, reps=5)
    out = tmp_path / "sets.csv"

    def export() -> str:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            csv_export.export_kind(db_path, "sets", fh)
        return out.read_text(encoding="utf-8")

    first = export()
    assert len(asked) == 1 and verified.is_verified(db_path)
    assert export() == first and len(asked) == 1  # unchanged: not read page by page again
    with Journal.open(db_path) as j:
        j.log_set(s.id, exercise_id="neck-rotation", exercise_name="Neck rotation", set_number=2, now=NOW, reps=5)
    assert export().count("\n") == 3 and len(asked) == 2  # a write: checked again


def test_a_due_list_that_does_not_fit_the_cache_file_is_worked_out_each_time(tmp_path, monkeypatch):
    calls = []
    odd = [due_today.DueEntry("odd", "Tab\there", 1, ("odd",)),
           due_today.DueEntry("gentle-mobility", "Gentle mobility", 4, ("gentle-mobility",))]
    monkeypatch.setattr(due_today, "compute", lambda *a: calls.append(1) or odd)
    day = date(2026, 11, 24)
    assert due_today.due_today(tmp_path / "catalogue", day) == odd
    assert due_today.due_today(tmp_path / "catalogue", day) == odd and len(calls) == 2


def test_status_counts_a_strength_day_for_the_warm_up_it_holds(db_path, tmp_path, monkeypatch):
    """As Today does: a Neck & shoulder session, which starts with the whole warm-up, does the
    day's Gentle mobility too."""
    monkeypatch.setattr(due_today, "_cache_file", lambda: tmp_path / "cache" / "due-today.tsv")
    day = NOW.date()
    due = [(r.name, r.covered_by) for r in due_today.due_today(tmp_path / "none", day)]
    with Journal.open(db_path) as j:
        s = j.start_session("neck-shoulder-strength", "Neck & shoulder strength", NOW)
        j.finish_session(s.id, NOW)
    line = status.status_line(db_path, due, day)
    assert "Gentle mobility" not in line
    with Journal.open(db_path) as j:
        s = j.start_session("hand-wrist-strength", "Hand & wrist strength", NOW)  # not finished
    assert status.status_line(db_path, [("Hand & wrist strength", ("hand-wrist-strength",))], day).endswith(
        "due today: Hand & wrist strength · a session to resume")
