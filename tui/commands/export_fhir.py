"""``rehab-tui export --format fhir``: one FHIR R4 Bundle to a file (atomic, 0600) or stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run_fhir(args: argparse.Namespace) -> int:
    from journal.clock import now_local
    from journal.exchange import csv_export
    from journal.exchange.fhir import export_fhir
    from journal.store import paths
    from tui.commands.progress import progress_bar

    journal = paths.resolve(args.db)
    span = {"since": args.since, "until": args.until, "name": args.name, "now": now_local()}
    if args.output in (None, "-"):
        import io

        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            with progress_bar("Exporting FHIR") as progress:
                export_fhir(journal, out, progress=progress, **span)
            out.flush()
        finally:
            out.detach()
        return 0
    target = Path(args.output)
    if target.is_dir():
        target = target / "rehab-tui.fhir.json"
    with csv_export.atomic_file(target) as out, progress_bar("Exporting FHIR") as progress:
        n = export_fhir(journal, out, progress=progress, staged=csv_export.writes_aside(target), **span)
    from tui.words import count

    print(f"Wrote {target} (a FHIR R4 Bundle of {count(n, 'resources')}).")
    return 0
