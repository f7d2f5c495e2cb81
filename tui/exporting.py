"""Export from inside the app (Journal → `x`): every CSV file `export all` writes, in a worker,
then say where."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.services import ServicesApp


def export_base() -> Path:
    """The user's documents directory if it exists (e.g. ~/Documents), else their home."""
    import platformdirs

    docs = platformdirs.user_documents_path()
    return docs if docs.is_dir() else Path.home()


def default_export_dir(today: date, base: Path | None = None) -> Path:
    """``<base>/rehab-tui-export-YYYY-MM-DD``, or ``…-2``, ``…-3`` if that exists already."""
    base = export_base() if base is None else base
    name = f"rehab-tui-export-{today.isoformat()}"
    folder, n = base / name, 1
    while folder.exists():
        n += 1
        folder = base / f"{name}-{n}"
    return folder


def start_export(app: "ServicesApp", done: Callable[[Path], None] | None = None) -> None:
    """Write every file of ``export all`` (sessions, sets, symptoms, profile, doses, red flags,
    decisions, outcomes) in a worker; notify the folder (or why not)."""
    if app.journal is None:
        app.notify("The journal is still opening; try again in a moment.", timeout=4)
        return
    path = app.journal.path
    catalogue = app.catalogue
    ladders = (
        {e.id: e.dose.ladder for e in catalogue.exercises.values() if e.dose.ladder}
        if catalogue
        else {}
    )
    today = app.today()

    def job() -> None:
        from journal.exchange.csv_export import export_all
        from journal.errors import JournalError

        try:
            folder = default_export_dir(today)
            counts = export_all(path, folder, ladders=ladders)
        except (JournalError, OSError) as err:
            app.call_from_thread(
                app.notify, str(err), title="Export failed", severity="error", timeout=12
            )
            return
        message = (
            f"{counts['sessions']:,} sessions, {counts['sets']:,} sets and {counts['symptoms']:,} "
            f"check-ins are in {folder}, with your profile, doses, red flags, decisions and outcome measures "
            "(rehab-tui import restores them all)."
        )
        app.call_from_thread(app.notify, message, title="Journal exported", timeout=20)
        if done is not None:
            app.call_from_thread(done, folder)

    app.notify("Exporting the journal as CSV…", timeout=3)
    app.run_worker(
        job, thread=True, group="export", exclusive=True, exit_on_error=False, name="export"
    )
