"""Start the app: cheap checks first, so a bad ``--db`` exits before the screen is taken over."""

from __future__ import annotations

import gc
import sys

from journal.store import paths, verification as verified


def run_app(db_arg: str | None) -> int:
    # No cyclic garbage collection until the first frame is on screen (RehabApp turns it back
    # on): importing Textual and building the screen allocate hundreds of thousands of objects,
    # and a full collection in the middle costs a fifth of the time to first paint.
    gc.disable()
    path = paths.resolve(db_arg)
    # As rehab-tui last left it (asked before anything opens it)? Then its pages need no
    # quick_check: that reads every page, ~0.35 s for ten years, on every start.
    unchanged = verified.is_verified(path)
    # Raises JournalError (one line, exit 1) for a foreign, empty, newer or unwritable file,
    # using only the standard library: Textual and SQLAlchemy are not loaded yet.
    create_dir = paths.is_default(db_arg)
    paths.precheck(path, create_dir=create_dir, unchanged=unchanged)
    from tui.app import RehabApp

    app = RehabApp(db_path=path, create_dir=create_dir, unchanged=unchanged)
    try:
        app.run()
    finally:
        gc.enable()  # if the app ended before its first frame
    if app.error_message:
        from journal.store.faults import printable

        print(f"rehab-tui: {printable(app.error_message)}", file=sys.stderr)
        return 1
    if app.journal is not None:
        # Closed cleanly (the last connection folds the -wal into the journal): remember the
        # journal as this copy of rehab-tui leaves it, so the next start can skip the check.
        app.journal.close()
        from journal.clock import now_local
        from journal.store import backup

        backup.daily(path, now_local().date())  # once a day, best effort (journal/store/backup.py)
        verified.remember(path)
    return app.return_code or 0
