"""A progress bar on stderr for long CLI work — only for a person watching a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Report = Callable[[int, int], None]


def wants_bar() -> bool:
    """stderr is a terminal and this is not CI: piped or logged output stays clean."""
    import os
    import sys

    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(label: str, total: int = 0) -> Iterator[Report | None]:
    """Yields ``report(done, total)`` drawing a rich bar on stderr, or None when not wanted."""
    if not wants_bar():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total or None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
