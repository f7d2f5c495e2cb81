"""The runner's one door to the app: what it needs from it, typed, in one place.

Runner modules never import ``tui.app``; they call :func:`host` for the running app as a
:class:`RunnerHost`. When the app's typed interface (``tui/services.py``) lands, this is the
only file that changes.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, cast

if TYPE_CHECKING:
    from catalogue import Catalogue
    from journal.api import Journal
    from journal.records import ProfileRec
    from tui.runner.session import RunFlow


class RunnerHost(Protocol):
    journal: "Journal | None"
    catalogue: "Catalogue | None"
    profile: "ProfileRec | None"

    @property
    def runflow(self) -> "RunFlow": ...

    def now(self) -> datetime: ...

    def today(self) -> date: ...

    def write(self, action: Callable[["Journal"], object], *, what: str = "") -> None: ...

    def notify(self, message: str, **kwargs: Any) -> None: ...


class SessionHost(RunnerHost, Protocol):
    """What starting, resuming and ending a session needs besides (``tui.runner.session``):
    the journal's path, waiting for it to open, modes and modal screens."""

    db_path: Path
    current_mode: str

    async def journal_ready(self, timeout: float = 60.0) -> bool: ...

    async def push_screen_wait(self, screen: Any) -> Any: ...

    def switch_mode(self, mode: str) -> Any: ...

    def add_mode(self, mode: str, base_screen: Any) -> None: ...

    def remove_mode(self, mode: str) -> Any: ...

    def run_worker(self, work: Any, **kwargs: Any) -> Any: ...

    def post_message(self, message: Any) -> bool: ...


def host(node: Any) -> RunnerHost:
    """The app a widget or screen runs in, as the runner sees it."""
    return cast(RunnerHost, node.app)
