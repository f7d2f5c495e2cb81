"""The routines due today — remembered for the day, for ``rehab-tui status`` and Today's first frame.

``status`` runs in shell prompts and tmux status bars, many times a day, and the app lists
what is due in its first frame. Reading the catalogue (parsing and checking its TOML files,
and importing the modules that do it) would be two thirds of ``status``'s time and a tenth of
the app's time to first paint, for an answer that changes once a day or when a catalogue file
changes. So the answer is kept in the per-user cache directory with what it depends on: the
day, this version of rehab-tui, and the size and modification time of every built-in and user
catalogue file. Any change there and the catalogue is read again.

The file is plain lines, not JSON (importing ``json`` alone was a few milliseconds of the first
frame): the first line is what the answer depends on, then ``ID<TAB>NAME<TAB>EXERCISES`` per
routine. A name with a tab or a line break is never cached (it is worked out each time).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from journal.store.paths import write_private_text

#: (routine id, routine name, number of exercises) of each routine due, in catalogue order.
Due = list[tuple[str, str, int]]


def _cache_file() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("rehab-tui") / "due-today.tsv"


def _files(folder: Path) -> list[list[object]]:
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    except OSError:
        return []
    out: list[list[object]] = []
    for name in names:
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        out.append([name, st.st_size, st.st_mtime_ns])
    return out


def depends_on(user_dir: Path, today: date) -> list[object]:
    """Everything the due list is computed from (its ``repr`` is the cache key)."""
    from tui import __version__

    # The catalogue package sits beside tui (tui/cli.py refuses to run otherwise).
    builtin = Path(__file__).resolve().parents[1] / "catalogue" / "data"
    return [today.isoformat(), __version__, str(builtin), _files(builtin), str(user_dir), _files(user_dir)]


def compute(user_dir: Path, today: date) -> Due:
    from catalogue import is_due, load_catalogue

    catalogue = load_catalogue(user_dir)
    return [(r.id, r.name, len(r.steps)) for r in catalogue.routines.values() if is_due(r, today)]


def due_today(user_dir: Path, today: date) -> Due:
    key = repr(depends_on(user_dir, today)).replace("\n", " ")
    cache = _cache_file()
    try:
        first, *rows = cache.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
        if first == key:
            return [(i, n, int(k)) for i, n, k in (row.split("\t") for row in rows if row)]
    except (OSError, ValueError):
        pass
    due = compute(user_dir, today)
    if any(ch in text for i, n, _ in due for text in (i, n) for ch in "\t\n\r"):
        return due
    # A cache that cannot be written only costs time.
    write_private_text(cache, key + "\n" + "".join(f"{i}\t{n}\t{k}\n" for i, n, k in due))
    return due
