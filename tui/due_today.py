"""The routines due today — remembered for the day, for ``rehab-tui status`` and Today's first frame.

``status`` runs in shell prompts and tmux status bars, many times a day, and the app lists
what is due in its first frame. Reading the catalogue (parsing and checking its TOML files,
and importing the modules that do it) would be two thirds of ``status``'s time and a tenth of
the app's time to first paint, for an answer that changes once a day or when a catalogue file
changes. So the answer is kept in the per-user cache directory with what it depends on: the
day, this version of rehab-tui, and the size and modification time of every built-in and user
catalogue file. Any change there and the catalogue is read again.

The file is plain lines, not JSON (importing ``json`` alone was a few milliseconds of the first
frame): the first line is what the answer depends on, then ``ID<TAB>NAME<TAB>EXERCISES<TAB>COVERED-BY`` per
routine, then the ids of the routines whose session covers it (itself, and a strength day that
holds the whole warm-up), comma-separated. A name with a tab or a line break is never cached (it is worked out each time).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

from journal.store.paths import write_private_text

if TYPE_CHECKING:
    from catalogue.models import Routine


class DueEntry(NamedTuple):
    id: str
    name: str
    exercises: int
    #: The routines whose completed session today counts for this one (itself first).
    covered_by: tuple[str, ...]


#: Each routine due, in catalogue order.
Due = list[DueEntry]


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

    return due_in(load_catalogue(user_dir).routines.values(), today)


def due_in(routines: "Iterable[Routine]", today: date) -> Due:
    """The routines due ``today`` and what covers each (``journal.rules.streaks.covers_map``)."""
    from catalogue import is_due
    from journal.rules.streaks import covers_map

    routines = list(routines)
    covers = covers_map(routines)
    return [DueEntry(r.id, r.name, len(r.steps), (r.id, *sorted(covers[r.id] - {r.id})))
            for r in routines if is_due(r, today)]


def due_today(user_dir: Path, today: date) -> Due:
    key = repr(depends_on(user_dir, today)).replace("\n", " ")
    cache = _cache_file()
    try:
        first, *rows = cache.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
        if first == key:
            return [DueEntry(i, n, int(k), tuple(c.split(","))) for i, n, k, c in (row.split("\t") for row in rows if row)]
    except (OSError, ValueError):
        pass
    due = compute(user_dir, today)
    if any(ch in r.name for r in due for ch in "\t\n\r") or any(ch in i for r in due for i in r.covered_by for ch in "\t\n\r,"):
        return due
    # A cache that cannot be written only costs time.
    write_private_text(cache, key + "\n" + "".join(f"{r.id}\t{r.name}\t{r.exercises}\t{','.join(r.covered_by)}\n" for r in due))
    return due
