"""Start the app: cheap checks first, so a bad ``--db`` exits before the screen is taken over."""

from __future__ import annotations

import gc
import sys

from journal import paths


def run_app(db_arg: str | None) -> int:
    # No cyclic garbage collection until the first frame is on screen (RehabApp turns it back
    # on): importing Textual and building the screen allocate hundreds of thousands of objects,
    # and a full collection in the middle costs a fifth of the time to first paint.
    gc.disable()
    path = paths.resolve(db_arg)
    # Raises JournalError (one line, exit 1) for a foreign, empty, newer or unwritable file,
    # using only the standard library: Textual and SQLAlchemy are not loaded yet.
    create_dir = paths.is_default(db_arg)
    paths.precheck(path, create_dir=create_dir)
    from tui.app import RehabApp

    app = RehabApp(db_path=path, create_dir=create_dir)
    app.run()
    if app.error_message:
        from journal.faults import printable

        print(f"rehab-tui: {printable(app.error_message)}", file=sys.stderr)
        return 1
    return app.return_code or 0
