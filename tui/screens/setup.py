"""First-run setup (after the safety notice) and one question from the Profile screen.

One key per answer; ``esc`` skips a question (the setting stays as it is), ``backspace``
goes back one question to answer it again. Dismisses with the answers given, as
``{question id: value}`` (see tui/profile_questions.py), or None when none was given.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.profile_questions import BY_ID, QUESTIONS, Question, check_count, check_onset, current, step_count
from tui.widgets.footer import KeyFooter


class SetupScreen(ModalScreen["dict[str, Any] | None"]):
    """Asks ``questions`` (all of them for the first-run setup) one after another."""

    DEFAULT_CSS = """
    SetupScreen #setup-box { width: 80; }
    SetupScreen #setup-question { height: auto; margin-bottom: 1; }
    SetupScreen #setup-options { height: auto; }
    SetupScreen #setup-date { width: 20; margin-top: 1; }
    SetupScreen #setup-error { color: $text-error; height: auto; }
    SetupScreen #setup-hint { color: $text-muted; margin-top: 1; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "skip", "Skip", tooltip="Skip this question (the setting stays as it is)", id="setup.skip"),
        Binding("backspace", "back", "Back", tooltip="Back to the question before, to answer it again", id="setup.back"),
        Binding("enter", "accept", "Next", tooltip="Accept the areas ticked, the count length or the date typed", id="setup.accept"),
    ]
    AUTO_FOCUS = None  # the keys answer; the date field takes focus only when a date is typed
    HELP_EXTRA = [("letters", "Answer with the key shown in front of each answer"), ("+ -", "Longer or shorter count")]

    def __init__(self, profile: Any, today: date, questions: Sequence[str] | None = None, *, first_run: bool = True) -> None:
        super().__init__()
        self.questions: list[Question] = [BY_ID[q] for q in questions] if questions else list(QUESTIONS)
        self.profile = profile
        self.today_ = today
        self.first_run = first_run
        self.index = 0
        self.answers: dict[str, Any] = {}
        self._draft: Any = None  # the ticked areas / the count being set, before enter
        self._typing_date = False

    # ---- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="setup-box", classes="modal-box"):
            yield Static("", id="setup-title", classes="modal-title")
            yield Static("", id="setup-question")
            yield Static("", id="setup-options")
            yield Input(placeholder="YYYY-MM-DD", id="setup-date", compact=True)
            yield Static("", id="setup-error")
            yield Static("", id="setup-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def _value(self, qid: str) -> Any:
        return self.answers[qid] if qid in self.answers else current(qid, self.profile)

    def _show(self) -> None:
        q = self.question
        if q.kind == "many":
            self._draft = set(self._value(q.id))
        elif q.kind == "count":
            self._draft = float(self._value(q.id))
        head = "About you" if self.first_run else "Your profile"
        count = f" · {self.index + 1} of {len(self.questions)}" if len(self.questions) > 1 else ""
        self.query_one("#setup-title", Static).update(f"{head}{count} · {q.title}")
        self.query_one("#setup-question", Static).update(q.prompt)
        self.query_one("#setup-error", Static).update("")
        self._typing_date = False
        date_input = self.query_one("#setup-date", Input)
        date_input.display = False
        date_input.can_focus = False
        if self.focused is date_input:
            self.set_focus(None)
        self._paint_options()
        hints = {
            "one": "Press a key to answer",
            "many": "Press a key to tick or untick, enter when done",
            "onset": "Press a key to answer",
            "count": "+ longer · - shorter · enter keeps it",
        }
        back = " · backspace: the question before" if self.index else ""
        self.query_one("#setup-hint", Static).update(f"{hints[q.kind]} · esc skips{back}")

    def _paint_options(self) -> None:
        q = self.question
        value = self._value(q.id)
        # On the first run nothing is marked until answered: a default is not an answer.
        unanswered = self.first_run and q.id not in self.answers
        text = Text()
        if q.kind == "count":
            text.append(f"  {self._draft:.1f} s", style="bold")
            text.append("   (0.8–1.5 s; + and - change it by 0.1 s)")
        for option in q.options:
            if q.kind == "many":
                chosen = option.value in self._draft
                mark = "[x]" if chosen else "[ ]"
            elif q.kind == "onset":
                chosen = option.value == value[0] and not unanswered
                mark = "•" if chosen else " "
            else:
                chosen = option.value == value and not unanswered
                mark = "•" if chosen else " "
            if text:
                text.append("\n")
            text.append(f"  {option.key}  ", style="bold")
            text.append(f"{mark} {option.label}", style="bold" if chosen else "")
            if q.kind == "onset" and option.value == "date" and value[0] == "date" and value[1] and not unanswered:
                text.append(f" ({value[1]})")
        self.query_one("#setup-options", Static).update(text)

    # ---- answering --------------------------------------------------------------------------
    def on_key(self, event: Key) -> None:
        if self._typing_date:
            return  # the date field takes the keys; enter submits, esc goes back to the choices
        q = self.question
        key = event.key
        if q.kind == "count" and key in ("plus", "equals_sign", "minus", "underscore"):
            self._draft = step_count(self._draft, 1 if key in ("plus", "equals_sign") else -1)
            self._paint_options()
            event.stop()
            event.prevent_default()
            return
        option = next((o for o in q.options if o.key == key), None)
        if option is None:
            return
        event.stop()
        event.prevent_default()
        if q.kind == "many":
            self._draft ^= {option.value}
            self._paint_options()
        elif q.kind == "onset" and option.value == "date":
            self._typing_date = True
            field = self.query_one("#setup-date", Input)
            day = self._value("onset")[1]
            field.value = day.isoformat() if day else ""
            field.display = True
            field.can_focus = True
            field.focus()
            self.query_one("#setup-hint", Static).update("Type the date, then enter · esc: back to the choices")
        elif q.kind == "onset":
            self._answer((option.value, None))
        else:
            self._answer(option.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from journal.errors import InvalidValue

        event.stop()
        try:
            day = check_onset(event.value, self.today_)
        except InvalidValue as err:
            self.query_one("#setup-error", Static).update(str(err))
            return
        self._answer(("date", day))

    def action_accept(self) -> None:
        q = self.question
        if q.kind == "many":
            self._answer(frozenset(self._draft))
        elif q.kind == "count":
            from journal.errors import InvalidValue

            try:
                self._answer(check_count(self._draft))
            except InvalidValue as err:
                self.query_one("#setup-error", Static).update(str(err))

    def _answer(self, value: Any) -> None:
        self.answers[self.question.id] = value
        self._next()

    def action_skip(self) -> None:
        if self._typing_date:
            self._show()  # back to the choices of this question
            return
        self._next()  # an answer given before (then back to it) is kept: skipping loses nothing

    def action_back(self) -> None:
        if self._typing_date or self.index == 0:
            return
        self.index -= 1
        self._show()

    def _next(self) -> None:
        if self.index + 1 >= len(self.questions):
            self.dismiss(dict(self.answers) if self.answers or self.first_run else None)
            return
        self.index += 1
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return self._typing_date or self.question.kind in ("many", "count")
        if action == "back":
            return self.index > 0 and not self._typing_date
        return True
