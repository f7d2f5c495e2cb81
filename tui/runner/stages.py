"""The runner's steps that wait: the before check-in (and its caution), saving a set, the
questions (why did it end? take it back?), the after check-in and the summary.

Async functions run as workers of the screen; every journal call runs in a thread
(:func:`tui.runner.session.in_thread`) and is committed before the flow moves on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.runner import flow as F
from tui.runner.host import host
from tui.runner.journal_io import NotSaved, in_thread, latest_values
from tui.screens.choice import Choice, ChoiceScreen

if TYPE_CHECKING:
    from journal.api import Journal



def _ratings(rows: Any) -> dict[str, dict[str, int]]:
    return {r.region: {"pain": r.pain, "numbness": r.numbness, "tingling": r.tingling, "weakness": r.weakness} for r in rows}


async def begin(screen: Any) -> None:
    """A new session starts with the before check-in (and a caution when it is high); a
    resumed one goes straight on where it left off."""
    from tui.screens.checkin import CheckinScreen

    app = host(screen)
    session_id = screen.session.id
    try:
        if screen.fresh:
            values = await in_thread(app, lambda j: latest_values(j, screen.regions))
            entries = await screen.app.push_screen_wait(CheckinScreen("before", screen.regions, values))
            if entries:
                history = await in_thread(app, lambda j: j.checkins(context="next_morning") + j.checkins(context="before"))
                now = app.now()
                await in_thread(
                    app,
                    lambda j: j.record_checkins(entries, context="before", now=now, session_id=session_id),
                    changed="checkin",
                )
                screen.before = {e["region"]: e for e in entries}
                if not await _caution(screen, entries, history):
                    return
            screen.started()
            return
        rows = await in_thread(app, lambda j: j.checkins(context="before", session_id=session_id))
        screen.before = _ratings(rows)
    except NotSaved:
        pass  # already told; the sets matter more than the ratings
    where = {(p.exercise.id, p.side, p.set_number): p.index for p in screen.plan}
    resumed = [
        (s.id, where[k], s.exercise_id, s.pain_during, s.stop_reason)
        for s in screen.logged
        if (k := (s.exercise_id, s.side, s.set_number)) in where
    ]
    screen.started(resumed)


async def _caution(screen: Any, entries: list[dict], history: list) -> bool:
    """Pain ≥ 7, or a rating ≥ baseline + 2: mobility only, go on, or stop. True: go on."""
    from tui.runner.caution import baselines, cautions
    from tui.widgets.symptoms import REGION_LABELS

    reasons = cautions(entries, baselines(history, screen.regions), REGION_LABELS)
    if not reasons:
        return True
    mobility = [p for p in screen.plan if p.exercise.kind == "mobility"]
    body = (
        "Your symptoms are higher than usual today:\n  " + "\n  ".join(reasons) + "\n\n"
        "Strength work on an irritated nerve can flare it. Gentle mobility only is the careful "
        "choice; stop if anything spreads or feels new (and press ! for warning signs)."
    )
    choices = []
    if mobility and len(mobility) < len(screen.plan):
        choices.append(Choice("m", "Mobility only today", "mobility", "primary"))
    choices += [Choice("g", "Go on as planned", "go", "warning"), Choice("s", "Stop for today", "stop", "error")]
    answer = await screen.app.push_screen_wait(ChoiceScreen("Careful today", body, choices, danger=True))
    if answer == "mobility":
        screen.flow.plan = [replace(p, index=i) for i, p in enumerate(mobility)]
        screen.flow.remember_base()
        screen.steps = sorted({p.step for p in screen.flow.plan})
        screen.skip_note = "Mobility only: symptoms were high before the session."
        return True
    if answer == "go":
        return True
    app = host(screen)
    now, session_id = app.now(), screen.session.id
    try:
        await in_thread(app, lambda j: j.abandon_session(session_id, now), changed="session")
    except NotSaved:
        pass
    app.notify("Stopped before starting: rest today. The session is not counted.", timeout=6)
    app.runflow.leave_runner()
    return False


async def save_set(screen: Any, values: dict) -> None:
    from tui.messages import JournalChanged

    app = host(screen)
    journal = app.journal
    assert journal is not None
    session_id, now = screen.session.id, app.now()
    try:
        rec = await in_thread(app, lambda j: j.log_set(session_id, now=now, **values))
    except NotSaved:
        screen.flow.save_failed()
        screen.changed()
        return
    screen.logged.append(rec)
    screen.flow.saved(rec.id, values)
    screen.message = ""
    screen.app.post_message(JournalChanged("set", rec))
    screen.changed()


def save_effort(screen: Any, set_id: int, value: int) -> None:
    host(screen).write(lambda j: j.update_set(set_id, effort=value), what="set")
    screen.logged = [replace(s, effort=value) if s.id == set_id else s for s in screen.logged]
    screen.message = f"Effort {value} saved."


async def ask_early(screen: Any) -> None:
    reason = await screen.app.push_screen_wait(
        ChoiceScreen(
            "Set ended early — why?",
            "The set is logged with the reps shown and this reason. Pain, tingling or numbness "
            "stop this exercise for today.",
            [
                Choice("p", "Pain", "pain", "error"),
                Choice("t", "Tingling", "tingling", "warning"),
                Choice("n", "Numbness", "numbness", "warning"),
                Choice("f", "Fatigue", "fatigue", "primary"),
                Choice("escape", "Back", None),
            ],
        )
    )
    out = screen.flow.ended_early(reason)
    if out.log is not None:
        await save_set(screen, out.log)
    else:
        screen.changed()


async def ask_undo(screen: Any) -> None:
    from tui.messages import JournalChanged
    from tui.runner.summary import set_line

    ours = [s for s in screen.logged if s.session_id == screen.session.id]
    if not ours:
        return
    last = ours[-1]
    yes = await screen.app.push_screen_wait(
        ChoiceScreen(
            "Take back the last set?",
            f"{last.exercise_name}, {set_line(last)}\n\nIt is deleted from your journal and the runner goes back to it.",
            [Choice("y", "Take it back", True, "warning"), Choice("escape", "Keep it", False, "primary")],
        )
    )
    if not yes:
        screen.changed()
        return
    app = host(screen)
    session_id = screen.session.id
    try:
        gone = await in_thread(app, lambda j: j.undo_last_set(session_id))
    except NotSaved:
        return
    if gone is None:
        return
    screen.logged = [s for s in screen.logged if s.id != gone.id]
    screen.flow.undone(gone.id)
    screen.message = f"Taken back: {gone.exercise_name}, {set_line(gone)}."
    screen.app.post_message(JournalChanged("set", None))
    screen.changed()


async def wrap_up(screen: Any) -> None:
    """The after check-in, then the session closed (completed, or abandoned with no sets)."""
    from tui.runner.summary import session_note, summary
    from tui.screens.checkin import CheckinScreen
    from tui.screens.help import with_keys
    from tui.theme import MIN_CONTRAST, palette
    from textual.widgets import Static

    app = host(screen)
    session_id = screen.session.id
    try:
        values = screen.before or await in_thread(app, lambda j: latest_values(j, screen.regions))
    except NotSaved:
        values = {}
    entries = await screen.app.push_screen_wait(CheckinScreen("after", screen.regions, values))
    if entries:
        now = app.now()
        try:
            await in_thread(
                app, lambda j: j.record_checkins(entries, context="after", now=now, session_id=session_id), changed="checkin"
            )
            screen.after = {e["region"]: e for e in entries}
        except NotSaved:
            pass
    ours = [s for s in screen.logged if s.session_id == session_id]
    note = session_note(screen.flow, screen.started_despite_stop, getattr(screen, "skip_note", ""))
    now = app.now()

    def close(j: "Journal") -> Any:
        return j.finish_session(session_id, now, note=note) if ours else j.abandon_session(session_id, now)

    try:
        session = await in_thread(app, close, changed="session")
    except NotSaved:
        screen.flow.finished()
        screen.query_one("#run-phase", Static).update(
            with_keys(screen.app, "The session could not be closed; it stays in progress. Press {runner.leave}.")
        )
        screen.refresh_bindings()
        return
    screen.flow.finished()
    screen.refresh_bindings()
    screen.query_one("#run-body").display = False
    screen.query_one("#run-summary").display = True
    screen.query_one("#run-summary").focus()  # ↑ ↓ scroll a long summary
    screen.query_one("#run-head", Static).update(Text.assemble((screen.routine.name, "bold"), "  ·  summary"))

    def show(narrow: bool) -> None:
        screen.query_one("#summary", Static).update(
            summary(
                session, ours, flow=screen.flow, routine_name=screen.routine.name, regions=screen.regions,
                before=screen.before, after=screen.after, colours=palette(screen.app, MIN_CONTRAST),
                narrow=narrow,
            )  # fmt: skip
        )

    screen.show_summary = show  # drawn again, with or without its narrow columns, on a resize
    show(screen.size.width < 100)


__all__ = ["begin", "wrap_up", "save_set", "save_effort", "ask_early", "ask_undo", "F"]
