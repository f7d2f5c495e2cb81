"""What screens, widgets and flows may ask of the app: one small typed interface.

``tui.app.RehabApp`` implements :class:`AppServices`. Screens, widgets, the run flow and the
in-app export reach the app through :func:`services` (``DataScreen.rehab`` uses it), never by
importing ``tui.app`` — so the app may import any of them without an import circle
(``lint-imports`` holds this: see ``[tool.importlinter]`` in pyproject.toml).

The journal and catalogue are ``None`` until the journal has opened (a worker does that after
the first frame); a screen that needs them waits for ``data_version`` to change, or for
``journal_ready()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from datetime import date, datetime
    from pathlib import Path

    from textual.app import App
    from textual.notifications import SeverityLevel

    from catalogue import Catalogue
    from journal.api import Journal
    from journal.records import ProfileRec


@runtime_checkable
class RoutineFlow(Protocol):
    """Starting, resuming and leaving a routine; the check-ins and the red-flag check around it
    (``tui.runner.session.RunFlow``). Each call returns at once; the flow runs in a worker."""

    def start(self, routine_id: str | None = None) -> None: ...

    def morning(self) -> None: ...

    def ad_hoc(self) -> None: ...

    def red_flags(self, suggest: tuple[str, str] | None = None) -> None: ...

    def leave_runner(self) -> None: ...


@runtime_checkable
class AppServices(Protocol):
    """The app as its screens see it: the open journal, the catalogue and profile, the clock,
    writes in a worker, notifications, and the run flow."""

    #: The journal file (also before it is open: the run lock sits beside it).
    db_path: Path
    #: The open journal, the loaded catalogue and the profile; None until the journal opened.
    journal: Journal | None
    catalogue: Catalogue | None
    profile: ProfileRec | None
    #: Bumped whenever the journal opens or changes (a Textual reactive: screens watch it).
    data_version: int

    @property
    def runflow(self) -> RoutineFlow: ...

    # ---- the clock (tests pass a fixed one) ----
    def now(self) -> datetime: ...

    def today(self) -> date: ...

    # ---- the journal ----
    def write(self, action: Callable[[Journal], object], *, what: str = "") -> None:
        """Run ``action(journal)`` in a worker; on success every data screen reloads, on a bad
        value or a journal error the user is told why ("Not saved") and nothing changes."""
        ...

    async def journal_ready(self, timeout: float = 60.0) -> bool: ...

    def first_due(self) -> list[tuple[str, str, int]]: ...

    def warm_history(self) -> None: ...

    # ---- the profile and the user's catalogue ----
    def ask_profile(
        self, questions: list[str] | None, *, first_run: bool, then: Callable[[], None] | None = None
    ) -> None:
        """Ask the setup questions (all, or ``questions``), save the answers, then ``then()``."""
        ...

    def user_catalogue_dir(self) -> Path: ...

    def reload_catalogue(self) -> None:
        """Read the catalogue again (a routine was saved or deleted); data screens reload."""
        ...

    # ---- the screen ----
    def after_paint(self, callback: Callable[[], object]) -> None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None: ...


if TYPE_CHECKING:

    class ServicesApp(App[None], AppServices):
        """For type checkers only: the running app, a Textual ``App`` offering ``AppServices``
        (for code that also switches modes, pushes screens or runs workers)."""


def services(app: object) -> ServicesApp:
    """The running app (``widget.app``) seen through :class:`AppServices`."""
    return cast("ServicesApp", app)
