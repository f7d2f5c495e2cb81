"""Journal: every session, newest first, loaded a page at a time; `enter` opens its sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from tui.screens.base import DataScreen
from tui.screens.session_sets import STATUS_TEXT, SessionScreen
from tui.theme import Palette, palette
from tui.widgets.tables import Column, RowTable, is_narrow, set_columns
from tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from journal.records import SessionSummary
    from tui.services import AppServices

#: Sessions fetched per page; the next page loads when the cursor or scroll nears the end.
PAGE = 200
#: The first page: a tall terminal's worth, so the table paints as soon as a short journal's
#: would; the next page follows at once (the view is near the end of so few rows).
FIRST_PAGE = 60
#: How close (in rows) to the last loaded row triggers loading the next page.
NEAR_END = 40
WIDE: list[Column] = [
    ("date", "Date", 14), ("routine", "Routine", 30), ("sets", "Sets", 4), ("time", "Time", 7),
    ("pain", "Pain before → after", 19), ("status", "Status", 11),
]  # fmt: skip
#: 80 columns: 65 of content + 12 of cell padding + the scrollbar.
NARROW: list[Column] = [
    ("date", "Date", 14), ("routine", "Routine", 22), ("sets", "Sets", 4), ("time", "Time", 6),
    ("pain", "Pain b→a", 9), ("status", "Status", 10),
]  # fmt: skip


@dataclass(frozen=True)
class JournalPage:
    rows: list["SessionSummary"]
    total: int


def pain_text(before: int | None, after: int | None, colours: Palette) -> Text:
    if before is None and after is None:
        return Text("–", justify="center", style=colours.muted)
    part = lambda v: ("–", colours.muted) if v is None else (f"{v}", colours.score(v))  # noqa: E731
    return Text.assemble(part(before), (" → ", colours.muted), part(after), justify="center")


def status_text(status: str, colours: Palette) -> Text:
    style = {"completed": colours.success, "in_progress": colours.warning}.get(
        status, colours.muted
    )
    return Text(
        {"in_progress": "unfinished"}.get(status, STATUS_TEXT.get(status, status)), style=style
    )


class JournalScreen(DataScreen[JournalPage]):
    CSS_PATH = "journal.tcss"
    HELP_EXTRA = [
        ("↑ ↓ pgup pgdn", "Move through sessions; older ones load as you reach the end")
    ]
    KEY_WIDGETS = (RowTable,)
    BINDINGS = [
        Binding("enter", "open", "Sets", tooltip="Open the highlighted session's sets (e edits, d deletes there)", id="journal.open", priority=True),
        Binding("x", "export", "Export CSV", tooltip="Export the journal as CSV files and say where they went", id="journal.export"),
    ]  # fmt: skip

    class MoreLoaded(Message):
        def __init__(self, after_id: int, rows: list["SessionSummary"]) -> None:
            super().__init__()
            self.after_id, self.rows = after_id, rows

    def __init__(self) -> None:
        super().__init__()
        self.rows: list["SessionSummary"] = []
        self.total = 0
        self.loading_more = False
        #: Rows were just shown: look for the next page once they are painted, not before.
        self.painting = False
        self.last_export: Path | None = None
        self.narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static("Journal", id="journal-title", classes="screen-title")
        yield RowTable(id="sessions-table")
        yield Static("Opening your journal…", id="session-detail", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions-table", DataTable)
        self._layout(self.app.size.width)
        self.watch(table, "scroll_y", self._scrolled)
        table.focus()
        super().on_mount()

    def _layout(self, width: int) -> None:
        """Columns for this width; rows are re-added when the layout changes."""
        narrow = is_narrow(width)
        if narrow == self.narrow:
            return
        self.narrow = narrow
        keep = self._highlighted_id()
        table = self.query_one("#sessions-table", DataTable)
        set_columns(table, NARROW if narrow else WIDE)
        self._add(self.rows)
        self._restore(keep)

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width)

    def _restore(self, session_id: int | None) -> None:
        if session_id is not None and any(r.id == session_id for r in self.rows):
            table = self.query_one("#sessions-table", DataTable)
            table.move_cursor(row=table.get_row_index(str(session_id)), animate=False)

    # ---- loading ----------------------------------------------------------------------------
    def fetch(self, app: "AppServices") -> JournalPage:
        from journal.store.browse import session_count, session_page

        assert app.journal is not None
        # A reload (after an edit) refreshes as many rows as are showing, so the place is kept.
        limit = max(FIRST_PAGE, len(self.rows))
        return JournalPage(session_page(app.journal, limit=limit), session_count(app.journal))

    def show(self, data: JournalPage) -> None:
        table = self.query_one("#sessions-table", DataTable)
        keep = self._highlighted_id()
        self.rows, self.total = list(data.rows), data.total
        table.clear()
        self._add(data.rows)
        self._restore(keep)
        self._titles()
        self._describe()
        self.painting = True
        self.rehab.after_paint(self._painted)

    def _painted(self) -> None:
        self.painting = False
        self._maybe_load_more()

    def _add(self, rows: list["SessionSummary"]) -> None:
        table = self.query_one("#sessions-table", DataTable)
        colours = palette(self.app)
        for s in rows:
            minutes = s.minutes
            table.add_row(
                f"{s.local_day:%a} {s.local_day.isoformat()}",
                Text(s.routine_name, overflow="ellipsis", no_wrap=True),
                Text(str(s.sets), justify="right"),
                Text("–" if minutes is None else f"{minutes} min", justify="right"),
                pain_text(s.pain_before, s.pain_after, colours),
                status_text(s.status, colours),
                key=str(s.id),
            )

    def _titles(self) -> None:
        shown, total = len(self.rows), self.total
        title = Text.assemble(
            ("Journal", "bold"), f"  ·  {total:,} session{'s' if total != 1 else ''}"
        )
        if shown < total:
            title.append(
                f"  ·  newest {shown:,} shown, older ones load as you scroll", style="italic"
            )
        self.query_one("#journal-title", Static).update(title)

    @property
    def busy(self) -> bool:
        """A page of older sessions is on its way (RehabApp.is_idle waits for it)."""
        return self.loading_more or self.painting

    def _near_end(self) -> bool:
        """The cursor, or the last row in view, is within NEAR_END rows of the last loaded row."""
        table = self.query_one("#sessions-table", DataTable)
        last_in_view = table.scroll_y + max(1, table.size.height - 1)  # one line of header
        return max(table.cursor_row, last_in_view) >= len(self.rows) - NEAR_END

    def _maybe_load_more(self) -> None:
        if (
            self.loading_more
            or self.painting  # the page just shown paints first: the next one can wait a frame
            or not self.rows
            or len(self.rows) >= self.total
            or not self._near_end()
        ):
            return
        self.loading_more = True
        self._load_more(self.rows[-1].id)

    @work(thread=True, group="more", exit_on_error=False)
    def _load_more(self, after_id: int) -> None:
        from journal.store.browse import session_page
        from journal.errors import JournalError

        app = self.rehab
        assert app.journal is not None
        try:
            rows = session_page(app.journal, before_id=after_id, limit=PAGE)
        except JournalError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error", timeout=10)
            rows = []
        self.post_message(self.MoreLoaded(after_id, rows))

    def on_journal_screen_more_loaded(self, message: "JournalScreen.MoreLoaded") -> None:
        message.stop()
        self.loading_more = False
        # Ignore a page that arrived after a reload replaced the rows it was meant to follow.
        if not message.rows or not self.rows or self.rows[-1].id != message.after_id:
            return
        self.rows.extend(message.rows)
        self._add(message.rows)
        self._titles()
        self._maybe_load_more()

    def _scrolled(self, _value: float) -> None:
        self._maybe_load_more()

    # ---- the highlighted session ------------------------------------------------------------
    def _highlighted_id(self) -> int | None:
        table = self.query_one("#sessions-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key and key.value else None

    def _describe(self) -> None:
        detail = self.query_one("#session-detail", Static)
        if not self.rows:
            detail.update("No sessions yet. Every routine you run is recorded here, set by set.")
            return
        sid = self._highlighted_id()
        s = next((r for r in self.rows if r.id == sid), None)
        if s is None:
            return
        text = Text.assemble(
            (f"{s.routine_name}", "bold"),
            f" · {s.local_day:%A %d %B %Y}".replace(" 0", " "),
            f" · started {s.started_at[11:16]}",
        )
        if s.pain_before is not None or s.pain_after is not None:
            show = lambda v: "–" if v is None else str(v)  # noqa: E731
            text.append(f" · worst pain before {show(s.pain_before)} → after {show(s.pain_after)}")
        if s.note:
            text.append(f" · {s.note}")
        if self.last_export:
            text.append(f"\nLast export: {self.last_export}", style="italic")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe()
        self._maybe_load_more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # ---- actions ----------------------------------------------------------------------------
    def action_open(self) -> None:
        sid = self._highlighted_id()
        if sid is not None:
            self.app.push_screen(SessionScreen(sid))

    def action_export(self) -> None:
        from tui.exporting import start_export

        start_export(self.rehab, done=self._exported)

    def _exported(self, folder: Path) -> None:
        self.last_export = folder
        self._describe()
