"""One session's sets (Journal → `enter`): fix a set with `e`, delete one with `d`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui.screens.base import DataScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.set_edit import SetEditor, _shown, load_text
from tui.theme import palette
from tui.widgets.tables import Column, RowTable, is_narrow, set_columns
from tui.widgets.footer import KeyFooter
from tui.words import plural

if TYPE_CHECKING:
    from journal.api import Journal
    from journal.records import SessionRec, SetRec
    from tui.services import AppServices

STATUS_TEXT = {"completed": "completed", "abandoned": "abandoned", "in_progress": "in progress"}
WIDE: list[Column] = [
    ("exercise", "Exercise", 28), ("side", "Side", 5), ("set", "Set", 3), ("reps", "Reps", 6),
    ("hold", "Hold s", 6), ("load", "Load", 12), ("effort", "Effort", 6), ("pain", "Pain", 4),
    ("stop", "Stopped", 8), ("note", "Note", 20),
]  # fmt: skip
#: 80 columns: the note moves to the line under the table.
NARROW: list[Column] = [
    ("exercise", "Exercise", 16), ("side", "Side", 5), ("set", "Set", 3), ("reps", "Reps", 5),
    ("hold", "Hold", 4), ("load", "Load", 11), ("effort", "Eff", 3), ("pain", "Pain", 4),
    ("stop", "Stopped", 8),
]  # fmt: skip


@dataclass(frozen=True)
class SessionData:
    session: "SessionRec"
    sets: list["SetRec"]
    pain_before: int | None
    pain_after: int | None


def pair(done: float | int | None, target: float | int | None, unit: str = "") -> str:
    """``8/10`` (done/target), ``8``, or ``–``."""
    if done is None and target is None:
        return "–"
    text = _shown(done) if done is not None else "–"
    if target is not None and target != done:
        text += f"/{_shown(target)}"
    return text + unit


class SessionScreen(DataScreen[SessionData]):
    CSS_PATH = "journal.tcss"
    HELP_EXTRA = [("↑ ↓", "Choose a set")]
    KEY_WIDGETS = (RowTable,)
    BINDINGS = [
        Binding("e", "edit", "Edit set", tooltip="Fix the highlighted set: reps, hold, load, effort, pain, note", id="session.edit"),
        Binding("d", "delete", "Delete set", tooltip="Delete the highlighted set (asks first)", id="session.delete"),
        Binding("escape", "back", "Back", tooltip="Back to the journal", id="session.back"),
    ]  # fmt: skip

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.data: SessionData | None = None
        self.narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Session {self.session_id}", id="session-title", classes="screen-title")
        yield Static("", id="session-facts", classes="muted")
        yield RowTable(id="sets-table")
        yield Static("", id="set-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._layout(self.app.size.width)
        self.query_one("#sets-table", DataTable).focus()
        super().on_mount()

    def _layout(self, width: int) -> None:
        narrow = is_narrow(width)
        if narrow == self.narrow:
            return
        self.narrow = narrow
        set_columns(self.query_one("#sets-table", DataTable), NARROW if narrow else WIDE)
        if self.data is not None:
            self.show(self.data)

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width)

    def fetch(self, app: "AppServices") -> SessionData:
        journal = app.journal
        assert journal is not None
        checkins = journal.checkins(session_id=self.session_id)
        worst = lambda ctx: max((c.pain for c in checkins if c.context == ctx), default=None)  # noqa: E731
        return SessionData(
            journal.session(self.session_id), journal.sets_for_session(self.session_id),
            worst("before"), worst("after"),
        )  # fmt: skip

    def _ladder(self, rec: "SetRec") -> str | None:
        catalogue = self.rehab.catalogue
        ex = catalogue.exercises.get(rec.exercise_id) if catalogue else None
        return ex.dose.ladder if ex else None

    def show(self, data: SessionData) -> None:
        self.data = data
        s = data.session
        colours = palette(self.app)
        title = Text.assemble(
            (s.routine_name, "bold"), f"  ·  {s.local_day:%a %d %b %Y}".replace(" 0", " "),
            f"  ·  {STATUS_TEXT.get(s.status, s.status)}",
        )  # fmt: skip
        self.query_one("#session-title", Static).update(title)
        facts = [plural(len(data.sets), "set"), f"started {s.started_at[11:16]}"]
        if s.ended_at:
            facts.append(f"ended {s.ended_at[11:16]}")
        if data.pain_before is not None or data.pain_after is not None:
            show = lambda v: "–" if v is None else str(v)  # noqa: E731
            facts.append(
                f"worst pain before {show(data.pain_before)} → after {show(data.pain_after)}"
            )
        if s.note:
            facts.append(f"note: {s.note}")
        self.query_one("#session-facts", Static).update(" · ".join(facts))
        table = self.query_one("#sets-table", DataTable)
        keep = self._highlighted_id()
        keep_row = table.cursor_row if table.row_count else 0
        units = self.rehab.profile.units if self.rehab.profile else None
        table.clear()
        for rec in data.sets:
            stop = "" if rec.stop_reason == "none" else rec.stop_reason
            pain = (
                Text("–", justify="right") if rec.pain_during is None
                else Text(f"{rec.pain_during:>2}", style=colours.score(rec.pain_during))
            )  # fmt: skip
            cells = [
                Text(rec.exercise_name, overflow="ellipsis", no_wrap=True),
                "" if rec.side == "both" else rec.side,
                Text(str(rec.set_number), justify="right"),
                Text(pair(rec.reps, rec.target_reps), justify="right"),
                Text(pair(rec.hold_s, rec.target_hold_s), justify="right"),
                Text(load_text(rec, self._ladder(rec), units) or "–", overflow="ellipsis", no_wrap=True),
                Text("–" if rec.effort is None else str(rec.effort), justify="right"),
                pain,
                Text(stop, style=colours.warning),
            ]
            if not self.narrow:
                cells.append(Text(rec.note.replace("\n", " "), overflow="ellipsis", no_wrap=True))
            table.add_row(*cells, key=str(rec.id))
        if keep is not None and str(keep) in {str(r.id) for r in data.sets}:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
        elif data.sets:  # the highlighted set was deleted: stay in place (the next set, or the last)
            table.move_cursor(row=min(keep_row, len(data.sets) - 1), animate=False)
        self._describe()
        if not data.sets:
            self.query_one("#set-detail", Static).update("This session has no sets. esc goes back.")

    def _highlighted_id(self) -> int | None:
        table = self.query_one("#sets-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key and key.value else None

    def _highlighted(self) -> "SetRec | None":
        set_id = self._highlighted_id()
        if self.data is None or set_id is None:
            return None
        return next((r for r in self.data.sets if r.id == set_id), None)

    def _describe(self) -> None:
        rec = self._highlighted()
        detail = self.query_one("#set-detail", Static)
        if rec is None:
            detail.update("")
            return
        when = rec.logged_at[11:16]
        text = f"Set {rec.set_number} of {rec.exercise_name}, logged at {when}."
        if rec.note:
            text += f" Note: {rec.note}"
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe()

    # ---- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        rec = self._highlighted()
        if rec is None:
            return
        ladder = self._ladder(rec)
        catalogue = self.rehab.catalogue
        levels = ()
        if catalogue and rec.level:
            found = catalogue.ladders.get(rec.load_unit or "") or catalogue.ladders.get(
                ladder or ""
            )
            levels = found.levels if found else ()
        self.app.push_screen(
            SetEditor(rec, ladder=ladder, levels=levels), lambda changes: self._save(rec, changes)
        )

    def _save(self, rec: "SetRec", changes: "dict[str, Any] | None") -> None:
        if not changes:
            if changes is not None:
                self.notify("Nothing changed.", timeout=3)
            return

        def update(journal: "Journal") -> object:
            result = journal.update_set(rec.id, **changes)
            self.app.call_from_thread(
                self.notify, f"Saved set {rec.set_number} of {rec.exercise_name}.", timeout=4
            )
            return result

        self.rehab.write(update, what="set")

    def action_delete(self) -> None:
        rec = self._highlighted()
        if rec is None:
            return
        side = "" if rec.side == "both" else f" ({rec.side} side)"
        question = (
            f"Delete set {rec.set_number} of {rec.exercise_name}{side}, logged at "
            f"{rec.logged_at[11:16]}? This cannot be undone."
        )
        self.app.push_screen(ConfirmScreen("Delete this set?", question, yes="Delete", no="Keep"),
                             lambda yes: self._delete(rec) if yes else None)  # fmt: skip

    def _delete(self, rec: "SetRec") -> None:
        def delete(journal: "Journal") -> None:
            journal.delete_set(rec.id)
            self.app.call_from_thread(
                self.notify, f"Deleted set {rec.set_number} of {rec.exercise_name}.", timeout=4
            )

        self.rehab.write(delete, what="set")
