"""The runner's STOP banner: shown while a red flag is open, refreshed when one is reported
with `!` during the session (the journal changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.runner.host import host
from tui.screens.help import shown_key
from tui.widgets.stop_banner import StopBanner

if TYPE_CHECKING:
    from journal.rules.redflags import Stop


class StopWatcher:
    """Mixed into the runner screen: ``self.stop`` and the ``#run-stop`` banner."""

    stop: "Stop | None"

    def _journal_changed(self, _version: int) -> None:
        self._refresh_stop()

    @work(thread=True, group="runner-stop", exclusive=True, exit_on_error=False)
    def _refresh_stop(self) -> None:
        from journal.errors import JournalError
        from journal.rules.redflags import standing_stop

        journal = host(self).journal
        if journal is None:
            return
        try:
            stop = standing_stop(journal.red_flags(open_only=True))
        except JournalError:
            return
        self.app.call_from_thread(self._set_stop, stop)

    def _set_stop(self, stop: "Stop | None") -> None:
        self.stop = stop
        self._show_stop_banner()

    def _show_stop_banner(self) -> None:
        from tui.widgets.stop_banner import LINE, SHORT

        narrow = (self.app.size.width or 120) < 100
        self.query_one("#run-stop", StopBanner).show_stop(self.stop, LINE if narrow else SHORT, shown_key(self.app, "app.redflags"))

