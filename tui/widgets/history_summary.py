"""Today's line from History: the current streak, this week's adherence, suggestions waiting,
and the morning's advice (which exercises to ease off today, and why) after a morning rise.

Self-contained: it loads its own data in a worker (``journal.store.gather.today_view``) and reloads
whenever the journal changes, so Today only has to place it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

from tui.services import services
from tui.theme import palette

if TYPE_CHECKING:
    from journal.store.gather import TodayView
    from tui.services import AppServices


def summary_text(view: "TodayView", colours, history_key: str = "h") -> Text:  # noqa: ANN001 - tui.theme.Palette
    from tui.words import plural

    streak = view.day_streak.current
    week = view.week
    out = Text()
    out.append("Streak ", "bold")
    out.append(plural(streak, "day"), f"bold {colours.success}" if streak else colours.muted)
    out.append(" · ")
    out.append("This week ", "bold")
    if week.prescribed:
        ratio = week.done / week.prescribed
        colour = colours.success if ratio >= 0.8 else colours.warning
        # Routines, not sessions: a strength day that holds the whole warm-up does both.
        out.append(f"{week.done}/{week.prescribed} routines ({round(ratio * 100)} %)", colour)
    elif week.before:  # an empty journal: the week has not started counting
        out.append("counts once you start", colours.muted)
    else:  # e.g. a Monday morning: today's routines count once they are done
        out.append("no sessions counted yet", colours.muted)
    out.append(" · ")
    if view.stop:
        out.append("Progression paused: red flag open", f"bold {colours.error}")
    elif view.waiting:
        n = len(view.waiting)
        out.append(
            f"{plural(n, 'suggestion')} waiting ({history_key})",
            f"bold {colours.primary}",
        )
    else:
        out.append("No suggestions waiting", colours.muted)
    advice = getattr(view, "advice", None)
    if advice is not None:
        out.append("\n")
        out.append(advice.sentence, f"bold {colours.warning}")
    return out


class HistorySummary(Static):
    DEFAULT_CSS = """
    HistorySummary {
        height: auto;
        padding: 0 1;
    }
    """

    @property
    def rehab(self) -> "AppServices":
        """The app, through the one interface screens may use (never ``tui.app`` itself)."""
        return services(self.app)

    _stale = False

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._changed, init=True)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _changed(self, _version: int) -> None:
        """Reload when the journal changes — at once if on screen, else when shown again."""
        if self.rehab.journal is None:
            return
        if self.screen.is_current:
            self._stale = False
            self._load()
        else:
            self._stale = True

    def _screen_changed(self, screen: object) -> None:
        if self._stale and screen is self.screen:
            self._changed(self.rehab.data_version)

    @work(thread=True, exclusive=True, group="history-summary", exit_on_error=False)
    def _load(self) -> None:
        from journal.errors import JournalError
        from journal.store.gather import today_view

        app = self.rehab
        assert app.journal is not None and app.catalogue is not None
        try:
            view = today_view(app.journal, app.catalogue, app.today())
        except JournalError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error", timeout=10)
            return
        self.app.call_from_thread(self._show, view)

    def _show(self, view: "TodayView") -> None:
        from tui.keys import shown_key

        self.update(summary_text(view, palette(self.app), shown_key(self.app, "app.history")))
        self.rehab.after_paint(self.rehab.warm_history)
