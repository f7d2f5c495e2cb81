"""Journals as rehab-tui last saw them whole, so ``status`` and the app can skip ``quick_check``.

``quick_check`` reads every page: about 0.35 s for ten years of sets. ``rehab-tui status`` runs
in a shell prompt or a tmux status bar, often every few seconds, and the app checks the journal
each time it starts. So the file signature (device, inode, size, modification and change times of
the journal and of its -wal file, and SQLite's file change counter) is remembered in the per-user state directory when a journal
passes the check in ``status``, and when the app closes it cleanly (its own writes went through
SQLite). While the signature is unchanged neither checks again. Any change — a write by anyone,
a copy, a crash mid-session, damage that rewrote pages — changes the signature, and the next
``status`` or start checks again.

A remembered signature also names the schema revision this code expects (``paths.HEAD``): a
journal another version of rehab-tui remembered is checked again here. Standard library and
platformdirs only, and no json: ``status`` and the app's start must stay light. The file is one
line per journal, ``SIGNATURE<TAB>PATH``. Losing or failing to write it costs a check, never a
wrong answer about a changed file.
"""

from __future__ import annotations

from pathlib import Path

from journal.store.paths import HEAD, open_here, write_private_text

#: Journals remembered at most (the newest are kept).
KEEP = 16


def state_file() -> Path:
    import platformdirs

    return platformdirs.user_state_path("rehab-tui") / "verified.tsv"


def signature(path: Path) -> str:
    """What changes whenever the journal's content may have changed: for the journal and its
    -wal, device, inode, size, modification and change (ctime) times — ctime cannot be set
    back by hand, so damage that restores size and mtime still shows — and SQLite's file
    change counter from the journal's header."""
    parts = [HEAD]
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = p.stat()
        except FileNotFoundError:
            parts.append("-")
            continue
        parts.append(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}")
    if open_here(path):
        parts.append("open")  # never opened and closed by hand here: that drops SQLite's locks
        return "/".join(parts)
    try:
        with open(path, "rb") as fh:
            parts.append(fh.read(28)[24:28].hex())
    except OSError:
        parts.append("-")
    return "/".join(parts)


def _read() -> dict[str, str]:
    try:
        text = state_file().read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return {}
    entries = {}
    for line in text.splitlines():
        sig, tab, key = line.partition("\t")
        if tab and key:
            entries[key] = sig
    return entries


def is_verified(path: Path) -> bool:
    """True if ``path`` passed the check and has not changed since."""
    return _read().get(str(path.resolve())) == signature(path)


def remember(path: Path) -> None:
    """Record that ``path``, as it is now, passed the check (best effort)."""
    entries = _read()
    key = str(path.resolve())
    if "\n" in key or "\r" in key:
        return  # not one line: checked on every start instead
    entries.pop(key, None)
    entries[key] = signature(path)
    kept = list(entries.items())[-KEEP:]
    write_private_text(state_file(), "".join(f"{sig}\t{name}\n" for name, sig in kept))
