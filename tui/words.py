"""Small words for counts shown to the user: "1 set", "2 sets"."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an ``s`` unless ``n`` is one."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def count(n: int, many: str) -> str:
    """``1 session``, ``1,204 sessions``: ``many`` is the plural; one drops its final ``s``."""
    return f"{n:,} {many.removesuffix('s') if n == 1 else many}"
