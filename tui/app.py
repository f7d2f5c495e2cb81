"""The Textual app shell: modes (one per top-level screen), global keys, the journal worker.

Start-up order matters for speed: this module imports Textual but not SQLAlchemy. The
first frame (Today, saying it is opening the journal) paints at once; the journal is opened
— SQLAlchemy imported, migrations run — in a worker thread that reports back with
``JournalOpened``.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from tui.catalogue_access import CatalogueAccess
from tui.frames import FrameWatch
from tui.messages import JournalChanged, JournalOpened
from tui.modes import HelpSections, lazy_screen
from tui.palette import PaletteCommands
from tui.screens.today import TodayScreen

if TYPE_CHECKING:
    from tui.runner.session import RunFlow

if TYPE_CHECKING:
    from catalogue import Catalogue
    from journal.api import Journal
    from journal.records import ProfileRec


class RehabApp(CatalogueAccess, FrameWatch, PaletteCommands, App[None]):
    # Today's rules load with the app's: as the first screen's own CSS_PATH they made Textual
    # parse every stylesheet once more before the first frame.
    CSS_PATH = ["app.tcss", "screens/today.tcss"]
    TITLE = "rehab-tui"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    #: Only Today is imported with the app; the other screens load when first shown.
    #: The first screen is Today itself (no blank default screen to build and switch away from).
    DEFAULT_MODE = "today"
    MODES = {
        "today": TodayScreen,
        "journal": lazy_screen("tui.screens.journal", "JournalScreen"),
        "history": lazy_screen("tui.screens.history", "HistoryScreen"),
        "catalogue": lazy_screen("tui.screens.catalogue", "CatalogueScreen"),
        "profile": lazy_screen("tui.screens.profile", "ProfileScreen"),
        "routines": lazy_screen("tui.screens.routines", "RoutinesScreen"),
    }
    #: What help (`?`) lists, screen by screen, after the global keys.
    HELP_SECTIONS = HelpSections()
    BINDINGS = [
        Binding("t", "go('today')", "Today", tooltip="Today: routines due, last symptoms", id="app.today"),
        Binding("r", "run", "Run", tooltip="Run a routine (or go back to / resume the one in progress)", id="app.run"),
        Binding("j", "go('journal')", "Journal", tooltip="Journal: every session and set; fix a set, export CSV", id="app.journal"),
        Binding("h", "go('history')", "History", tooltip="History: streaks, charts, side comparison, suggestions", id="app.history"),
        Binding("c", "go('catalogue')", "Catalogue", tooltip="Catalogue: every exercise and your dose", id="app.catalogue"),
        Binding("w", "go('routines')", "Routines", tooltip="Routines: the built-in ones and yours; make or change one", id="app.routines"),
        Binding("p", "go('profile')", "Profile", tooltip="Profile: your side, areas, onset, clearance, units, count, bell", id="app.profile"),
        Binding("exclamation_mark", "red_flags", "Red flags", key_display="!", tooltip="Red-flag check: warning signs and what to do", id="app.redflags"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys", id="app.help"),
        Binding("q", "quit", "Quit", tooltip="Quit (everything logged is already saved)", id="app.quit"),
    ]

    #: Bumped whenever the journal opens or changes; data screens watch it and reload.
    data_version: reactive[int] = reactive(0, init=False)

    def __init__(
        self,
        db_path: Path,
        *,
        create_dir: bool = False,
        clock: Callable[[], datetime] | None = None,
        config_dir: Path | None = None,
        monotonic: Callable[[], float] | None = None,
        unchanged: bool = False,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        #: The journal is byte for byte as rehab-tui last checked or closed it: no page check.
        self.unchanged = unchanged
        self.create_dir = create_dir
        self._clock = clock
        self.config_dir = config_dir
        self.journal: Journal | None = None
        self.catalogue: Catalogue | None = None
        self.profile: ProfileRec | None = None
        self.error_message: str | None = None
        #: Whether SQLAlchemy had been imported when the first screen mounted (should be False).
        self.sqlalchemy_at_first_frame: bool | None = None
        self._monotonic = monotonic
        self._runflow: RunFlow | None = None
        self._opened: asyncio.Event | None = None

    @property
    def runflow(self) -> "RunFlow":
        """Starts, resumes and ends sessions; ``monotonic`` drives the runner's timers.
        Made on first use, so its screens are not imported before the first frame."""
        if self._runflow is None:
            from tui.runner.session import RunFlow

            self._runflow = RunFlow(self, self._monotonic)
        return self._runflow

    # ---- clock ------------------------------------------------------------------------------
    def now(self) -> datetime:
        if self._clock is not None:
            return self._clock()
        from journal.clock import now_local

        return now_local()

    def today(self) -> date:
        return self.now().date()

    # ---- settings (theme, keymap) ----------------------------------------------------------
    @property
    def settings_path(self) -> Path:
        from tui.config import config_dir
        from tui.settings import FILE_NAME

        return (self.config_dir or config_dir()) / FILE_NAME

    def apply_settings(self) -> None:
        """The theme and remapped keys from config.toml; each bad entry is named, the rest applies."""
        self._saved_theme = self.theme
        # Subscribed first: a theme picked in the palette is saved even when no config.toml
        # exists yet (it is created then).
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if not self.settings_path.exists():
            return  # nothing to apply: skip importing every screen to learn the binding ids
        from tui.keys import key_scopes
        from tui.settings import read_settings

        scopes = key_scopes(type(self), [cls for _, cls in self.HELP_SECTIONS])
        known = {binding_id for scope in scopes for binding_id in scope}
        settings = read_settings(self.settings_path, known, scopes)
        problems = list(settings.problems)
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self._saved_theme = settings.theme  # applying the saved theme does not save it again
                self.theme = settings.theme
            else:
                problems.append(
                    f"{self.settings_path}: theme {settings.theme!r} is not a theme here "
                    f"(try: {', '.join(sorted(self.available_themes)[:6])}, …)"
                )
        self._saved_theme = self.theme
        if settings.keymap:
            self.set_keymap(settings.keymap)
        for problem in problems:
            self.notify(problem, title="Settings: left out", severity="warning", timeout=15)

    def _theme_changed(self, theme: object) -> None:
        """Keep the theme picked in the palette for next time, and repaint with its colours."""
        from tui.settings import save_theme

        if self.theme == self._saved_theme:
            return
        self._saved_theme = self.theme
        try:
            save_theme(self.settings_path, self.theme)
        except OSError as err:
            self.notify(f"{self.settings_path}: {err.strerror or err}", title="Theme not saved", severity="warning", timeout=10)
        if self.journal is not None:
            self.data_version += 1  # Rich renderables carry colours: draw them again

    # ---- start-up ---------------------------------------------------------------------------
    def first_due(self) -> list[tuple[str, str, int]]:
        """(id, name, exercises) of the routines due today, for Today's first frame: from the
        catalogue once it is loaded, else from the per-day cache (tui/due_today.py), which
        spares the first frame reading the catalogue's TOML files."""
        if self.catalogue is not None:
            from tui.due_today import due_in

            return [r[:3] for r in due_in(self.catalogue.routines.values(), self.today())]
        from tui.due_today import due_today

        return [r[:3] for r in due_today(self._user_catalogue_dir(), self.today())]

    def on_mount(self) -> None:
        self.sqlalchemy_at_first_frame = "sqlalchemy" in sys.modules
        self.apply_settings()
        # Open the journal once Today has painted: the worker imports SQLAlchemy, and a thread
        # busy importing would hold the GIL half the time while the first frame is drawn.
        self.after_paint(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if not gc.isenabled():
            # tui.launch paused the garbage collector for start-up; what start-up made lives as
            # long as the app, so it is frozen out of every later collection (shorter pauses).
            gc.freeze()
            gc.enable()
            self._settle_after_first_read = True
        self.open_journal()

    #: Collect and freeze once more when the journal's first read is in memory (see below).
    _settle_after_first_read = False

    def _settle_memory(self) -> None:
        """Once, after the first read of the journal (Today's data, History worked out): collect
        now, while the user reads Today, and freeze what is left. Otherwise the first full
        collection, scanning every object that read made, came at a key press: ~30 ms on ten
        years. Only as tui.launch runs the app (not under tests, whose apps come and go)."""
        if self._settle_after_first_read:
            self._settle_after_first_read = False
            gc.collect()
            gc.freeze()

    @work(thread=True, exclusive=True, group="journal", exit_on_error=False)
    def open_journal(self) -> None:
        from journal.api import Journal
        from journal.errors import JournalError

        try:
            journal = Journal.open(self.db_path, create_dir=self.create_dir, check_pages=not self.unchanged)
            catalogue = self.catalogue or self._load_catalogue()
            profile = journal.profile()
        except JournalError as err:
            self.call_from_thread(self._fail, str(err))
            return
        self.post_message(JournalOpened(journal, catalogue, profile))

    def _fail(self, message: str) -> None:
        self.error_message = message
        self._opened_event().set()
        self.exit(return_code=1)

    def _opened_event(self) -> asyncio.Event:
        if self._opened is None:
            self._opened = asyncio.Event()
        return self._opened

    async def journal_ready(self, timeout: float = 60.0) -> bool:
        """Wait until the journal is open (Today paints first, so a key can come sooner);
        False if it could not be opened (the app is then exiting with the reason)."""
        if self.journal is None and self.error_message is None:
            try:
                await asyncio.wait_for(self._opened_event().wait(), timeout)
            except asyncio.TimeoutError:
                return False
        return self.journal is not None and self.catalogue is not None

    def on_journal_opened(self, message: JournalOpened) -> None:
        self.journal = message.journal
        self.catalogue = message.catalogue
        self.profile = message.profile
        self._opened_event().set()
        self.tell_catalogue_problems(message.catalogue)
        if message.profile.safety_ack_at is None:
            from tui.screens.safety import SafetyNotice

            self.push_screen(SafetyNotice(), self._safety_acknowledged)
        else:
            self.runflow.startup()
        self.data_version += 1

    def _reread_safety(self) -> None:
        from tui.screens.safety import SafetyNotice

        self.push_screen(SafetyNotice(reread=True))

    def _safety_acknowledged(self, accepted: bool | None) -> None:
        if accepted:
            self.write(lambda j: j.acknowledge_safety(self.now()), what="profile")
        if self.profile is not None and not self.profile.setup_done:
            self.ask_profile(None, first_run=True, then=self.runflow.startup)
        else:
            self.runflow.startup()

    # ---- the profile (first-run setup, Profile screen: tui/profile_flow.py) -----------------
    def ask_profile(
        self, questions: list[str] | None, *, first_run: bool, then: Callable[[], None] | None = None
    ) -> None:
        """Ask the setup questions (all, or ``questions``) and save the answers."""
        from tui.profile_flow import ask_profile

        ask_profile(self, questions, first_run=first_run, then=then)

    def on_journal_changed(self, message: JournalChanged) -> None:
        from journal.records import ProfileRec

        if isinstance(message.detail, ProfileRec):
            self.profile = message.detail
        self.data_version += 1

    #: Worker groups that wait for the user (a modal's answer) rather than for the disk.
    USER_WAIT_GROUPS = ("flow", "runner-flow", "outcomes")  # workers that wait on a modal

    def is_idle(self) -> bool:
        """The journal is open, no worker is busy (one waiting for the user does not count), and
        the screen is not waiting for rows a finished worker has sent (``screen.busy``)."""
        return (
            self.journal is not None
            and all(w.group in self.USER_WAIT_GROUPS or w.is_finished for w in list(self.workers._workers))
            and not getattr(self.screen, "busy", False)
        )

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_history(self) -> None:
        """Work out what History shows in the background, once Today has shown its numbers, so
        ``h`` opens it without a scan of the years (``history_view`` remembers it)."""
        from journal.errors import JournalError
        from journal.store.gather import history_view

        if self.journal is None or self.catalogue is None:
            return
        try:
            history_view(self.journal, self.catalogue, self.today())
        except JournalError:
            pass  # History itself says what is wrong when it is opened
        self.call_from_thread(self._settle_memory)

    # ---- writing ----------------------------------------------------------------------------
    def write(self, action: Callable[["Journal"], object], *, what: str = "") -> None:
        """Run a journal write in a worker; on success every data screen reloads."""
        self._write_worker(action, what)

    @work(thread=True, group="write", exit_on_error=False)
    def _write_worker(self, action: Callable[["Journal"], object], what: str) -> None:
        from journal.errors import InvalidValue, JournalError

        assert self.journal is not None
        try:
            result = action(self.journal)
        except (JournalError, InvalidValue) as err:
            self.call_from_thread(self.notify, str(err), title="Not saved", severity="error", timeout=10)
            return
        self.post_message(JournalChanged(what, result))

    # ---- navigation -------------------------------------------------------------------------
    def action_go(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_run(self) -> None:
        self.runflow.start()

    def action_red_flags(self) -> None:
        self.runflow.red_flags()

    def action_export(self) -> None:
        from tui.exporting import start_export

        start_export(self)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """The palette's "Screenshot": into ~/Downloads, or the data folder without one."""
        from tui.screen_capture import save_screenshot

        save_screenshot(self, filename, path)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
