"""What the runner's timer panel shows in each state of the flow: label, big clock, hint, entry.

Plain functions over the flow and a palette (no widgets), so a test can ask what any state
shows. Hints use ``{binding.id}`` placeholders that the screen fills with the keys as mapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from rich.text import Text

from rich.console import Group

from catalogue.models import format_load
from journal.rules.plan import describe_target, tempo_steps
from tui.runner import flow as F
from tui.runner.reach import IN_SET
from tui.runner.summary import side_label
from tui.runner.tempo import clock_text

if TYPE_CHECKING:
    from journal.rules.plan import PlannedSet
    from tui.runner.flow import RunFlowState
    from tui.theme import Palette

ADVICE = {
    "pain": "Pain that makes you stop is a sign this exercise is too much today.",
    "tingling": "Tingling means the nerve is irritated: do not push through it.",
    "numbness": "Numbness means the nerve is irritated: do not push through it.",
}


@dataclass(frozen=True, slots=True)
class Panel:
    label: Text
    big: str
    tone: str  # "" | ready | rest | done | stop
    hint: str
    progress: tuple[float, float]  # (total, done)


def panel(flow: "RunFlowState", colours: "Palette", affected: str) -> Panel:
    state = flow.state()
    planned = flow.current
    if state == F.REST and flow.rest is not None and planned is not None:
        remaining = flow.rest.remaining()
        last = flow.plan[flow.done[-1].index] if flow.done and flow.done[-1].index < len(flow.plan) else None
        # After an exercise's last set the next is another exercise: name it, not "set 1 of 1".
        what = planned.exercise.name if last is None or last.step != planned.step else f"set {planned.set_number} of {planned.sets}"
        label = Text.assemble(
            ("REST", f"bold {colours.success}"), "\n",
            (f"next: {what}, {side_label(planned.side, affected)}", colours.muted),
        )  # fmt: skip
        return Panel(label, clock_text(remaining), "rest", "{runner.end_rest} ends the rest · {runner.skip} skips the exercise · {runner.undo} takes back the last set", (flow.rest.seconds or 1, flow.rest.seconds - remaining))
    if state == F.ENDED:
        reason = flow.ended_reason
        label = Text(f"SET ENDED: {reason.upper()}", style=f"bold {colours.error}")
        return Panel(label, "", "stop", "", (1, 0))
    if state == F.EFFORT:
        label = Text.assemble(("HOW HARD WAS THAT?", f"bold {colours.primary}"), "\n", ("effort 0 (easy) … 10 (all you had)", colours.muted))
        return Panel(label, "", "", "0–9, + for 10: effort for this exercise · {runner.effort_skip} skips", (1, 1))
    if state in (F.FINISHING, F.SUMMARY) or planned is None or flow.guide is None:
        return Panel(Text("ALL SETS DONE", style="bold"), "", "", "", (1, 1))
    gs = flow.guide.state()
    if state in (F.READY, F.SWITCH):
        title = f"SWITCH TO YOUR {planned.side.upper()} SIDE" if state == F.SWITCH else "READY WHEN YOU ARE"
        label = Text.assemble(
            (title, f"bold {colours.warning if state == F.SWITCH else colours.primary}"), "\n",
            (f"{planned.target_reps} reps to do", colours.muted),
        )  # fmt: skip
        hint = "{runner.guide} starts the guide (get ready 3-2-1) — or do the set at your own pace, then {runner.more} {runner.log}."
        return Panel(label, str(planned.target_reps), "", hint, (gs.total or 1, 0))
    if state == F.SET_DONE:
        label = Text.assemble(("SET DONE", f"bold {colours.success}"), "\n", (f"{gs.reps_done} reps counted", colours.muted))
        hint = "{runner.log} logs it · {runner.more} {runner.fewer} adjust reps · 0–9 pain · {runner.early} ended early"
        return Panel(label, str(flow.shown_reps() or 0), "done", hint, (gs.total or 1, gs.elapsed))
    beat = gs.beat
    assert beat is not None
    if beat.name == F.READY_BEAT:
        label = Text.assemble(("GET READY", f"bold {colours.warning}"), "\n", ("3 · 2 · 1", colours.muted))
        tone = "ready"
    else:
        label = Text.assemble((beat.name.upper(), f"bold {colours.primary}"), "\n")
        for i, (name, counts, _) in enumerate(flow.guide.phases):
            if i:
                label.append(" · ", style=colours.muted)
            style = f"bold reverse {colours.primary}" if i == beat.phase else colours.muted
            label.append(f"{name} {counts}", style=style)
        label.append(f"   rep {beat.rep} of {gs.reps}", style="bold")
        tone = ""
    if state == F.PAUSED_STATE:
        label.append("   PAUSED", style=f"bold {colours.warning}")
        hint = "{runner.guide} resumes · {runner.log} logs what you did · {runner.early} ended early"
    elif state == F.GET_READY:
        hint = "{runner.guide} pauses · get ready: nothing to log yet"
    else:
        hint = "{runner.guide} pauses · {runner.log} logs the set when you are done"
    return Panel(label, str(gs.count), tone, hint, (gs.total or 1, gs.elapsed))


def cue(flow: "RunFlowState", colours: "Palette", message: str, hint: str, keyed: Callable[[str], str]) -> Text:
    """The line under the clock: pain above 5 first (what to do), else the last message and
    the state's hint; ``keyed`` fills a hint's ``{binding.id}`` with the keys as mapped."""
    if flow.pain > 5 and flow.state() in IN_SET:
        advice = "Pain {pain} is above 5, the high-risk zone: end this set ({runner.early}) and rest; skip the exercise ({runner.skip}) if it does not settle."
        return Text(keyed(advice.replace("{pain}", str(flow.pain))), style=f"bold {colours.error}")
    shown = keyed(hint) if hint else ""
    if message:
        return Text.assemble((message, f"bold {colours.warning}"), "\n" + shown if shown else "")
    return Text(shown, style=colours.muted)


def ended_text(flow: "RunFlowState", colours: "Palette", red_flag_key: str, next_key: str, end_key: str, skip_key: str = "s") -> Text:
    """Advice the moment a set ends for pain, tingling or numbness (SPEC §5); when the next
    exercise's cautions speak to the symptom, they are shown, with a key to skip it too."""
    from tui.runner.caution import after_stop

    reason = flow.ended_reason
    nxt = flow.current
    text = Text()
    text.append("Stop this exercise for today. ", style=f"bold {colours.error}")
    text.append(ADVICE.get(reason, "") + " Its other sets are skipped.\n")
    text.append("Watch it for the next hour: it should settle within 30 minutes of resting. ")
    text.append(f"If it spreads (up the arm, into the other hand) or comes with new weakness, press {red_flag_key}.\n")
    stopped = flow.plan[flow.done[-1].index].exercise if flow.done and flow.done[-1].index < len(flow.plan) else None
    careful = after_stop(stopped, nxt.exercise, reason) if stopped is not None and nxt is not None else ()
    if nxt is not None and careful:
        text.append(f"\nNext, {nxt.exercise.name}, says: ", style=f"bold {colours.warning}")
        text.append(" ".join(careful), style=colours.warning)
        text.append("\n")
    following = f"go on with {nxt.exercise.name}" if nxt is not None else "finish (nothing is left)"
    skip = f" · {skip_key}: skip it too" if nxt is not None else ""
    text.append(f"\n{next_key}: {following}{skip} · {end_key}: end the session here", style="bold")
    return text


def entry(flow: "RunFlowState", colours: "Palette", *, saving: bool, width: int = 0) -> Text:
    """The set as it will be logged: reps, hold, load (marked when changed today), pain —
    folded to ``width`` between its parts, never inside one ("pain" and its number together)."""
    planned = flow.current
    if planned is None or flow.state() in (F.ENDED, F.EFFORT, F.FINISHING, F.SUMMARY):
        return Text()
    resting = flow.state() == F.REST
    reps = flow.shown_reps()
    if reps is None and resting:
        reps = planned.target_reps  # what the next set asks for
    head = Text("Next    " if resting else "To log  ", style="bold")
    if reps is None:
        parts = [Text.assemble(("– reps", "bold"), (" (+ says you did the target)", colours.muted))]
    else:
        parts = [Text(f"{reps} reps", style="bold")]
    hold = flow.shown_hold()
    if hold is not None:
        parts.append(Text(f"hold {hold:g} s"))
    steps = flow.adjust.get(planned.exercise.id, 0)
    mark = "" if steps == 0 else (" (lighter today)" if steps < 0 else " (heavier today)")
    if planned.load is not None:
        parts.append(Text(f"{format_load(planned.load)} {planned.load_unit}{mark}", style=colours.warning if mark else ""))
    elif planned.level:
        parts.append(Text(f"{planned.level} {planned.dose.ladder}{mark}", style=colours.warning if mark else ""))
    parts.append(Text.assemble("pain ", (str(flow.pain), f"bold {colours.score(flow.pain)}")))
    if saving:
        parts[-1].append("  saving…", style=colours.muted)
    return fold(head, parts, width)


def fold(head: Text, parts: list[Text], width: int, sep: str = " · ") -> Text:
    """``head`` then ``parts`` joined by ``sep``, a new line (indented under the first part)
    wherever the next part would not fit in ``width`` cells (0: one line)."""
    text = Text()
    text.append_text(head)  # its style stays on it, not on the whole line
    indent = head.cell_len if head.cell_len <= width // 3 else 0
    at = head.cell_len
    for i, part in enumerate(parts):
        if i:
            if width and at + len(sep) + part.cell_len > width:
                text.append("\n" + " " * indent)
                at = indent
            else:
                text.append(sep)
                at += len(sep)
        text.append_text(part)
        at += part.cell_len
    return text


def exercise_text(planned: "PlannedSet", colours: "Palette") -> tuple[Group, Group]:
    """The exercise panel: name, target and tempo; then how to do it, cues and cautions."""
    from tui.widgets.hanging import hanging

    ex = planned.exercise
    tempo = " · ".join(f"{name} {counts}" for name, counts, _ in tempo_steps(ex, planned.dose, 1.0))
    about = Group(
        Text(ex.name, style=f"bold {colours.primary}"),
        Text.assemble(("Target  ", "bold"), describe_target(planned)),
        Text.assemble(("Tempo   ", "bold"), tempo, (" (counts)", colours.muted)),
    )
    blocks: list = [Text("How to do it", style="bold"), hanging([f"{i}." for i in range(1, len(ex.instructions) + 1)], ex.instructions)]
    if ex.cues:
        blocks += [Text(), hanging(["•"] * len(ex.cues), ex.cues)]
    if ex.cautions:
        blocks += [Text(), hanging(["!"] * len(ex.cautions), ex.cautions, colours.warning)]
    return about, Group(*blocks)
