"""A screen that shows journal data: it loads in a worker and repaints when the journal changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import events, work
from textual.message import Message
from textual.screen import Screen

from tui.services import services

if TYPE_CHECKING:
    from tui.services import AppServices

D = TypeVar("D")


class DataScreen(Screen[None], Generic[D]):
    """Subclasses implement ``fetch`` (runs in a thread, may query the journal) and ``show``."""

    class Loaded(Message):
        def __init__(self, data: Any) -> None:
            super().__init__()
            self.data = data

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        # Styled with the stylesheet as it is now: Textual would otherwise re-parse every
        # stylesheet when a mode's first screen is installed (a new screen's count is -1).
        # Harmless if Textual drops the attribute; a theme change still bumps the app's count.
        if hasattr(self, "_css_update_count"):
            self._css_update_count = self.app._css_update_count
        # Start with the width class (-narrow / -wide) the first resize would give: set then,
        # it would restyle every widget once more before the screen first paints.
        width = self.app.size.width
        if width:
            for class_name in self._get_breakpoint_classes(width, self.app.HORIZONTAL_BREAKPOINTS or []):
                self.add_class(class_name, update=False)

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume). A screen's first resume
        # follows its mount at once: every widget was just styled, and restyling them all again
        # would change nothing (Today: ~40 of its ~100 style applications before first paint).
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    @property
    def rehab(self) -> "AppServices":
        """The app, through the one interface screens may use (never ``tui.app`` itself)."""
        return services(self.app)

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._data_version_changed, init=True)

    def _data_version_changed(self, _version: int) -> None:
        if self.rehab.journal is not None:
            self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        from journal.errors import JournalError

        app = self.rehab
        try:
            data = self.fetch(app)
        except JournalError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error", timeout=10)
            return
        self.post_message(self.Loaded(data))

    def on_data_screen_loaded(self, message: "DataScreen.Loaded") -> None:
        message.stop()
        self.show(message.data)

    def fetch(self, app: "AppServices") -> D:  # pragma: no cover - abstract
        raise NotImplementedError

    def show(self, data: D) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
