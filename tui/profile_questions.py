"""The questions of the first-run setup and the Profile screen, as plain data.

No Textual here: which key answers what, how an answer reads back, and the checks on a typed
date or count length are pure functions, tested without a terminal. Answers are keyword
arguments for ``Journal.update_profile``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

#: The length of one count the user may choose, seconds (SPEC §4: 0.8–1.5 s).
COUNT_MIN, COUNT_MAX, COUNT_STEP = 0.8, 1.5, 0.1
AREA_NAMES = {"neck": "neck", "hands": "hands", "arms": "arms"}


@dataclass(frozen=True)
class Option:
    key: str  # one key: a letter (Textual key name)
    label: str
    value: Any


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    prompt: str
    #: one: a key answers; many: keys toggle, enter accepts; onset: a key or a typed date;
    #: count: + / - in steps of 0.1 s, enter accepts.
    kind: str
    options: tuple[Option, ...] = ()


QUESTIONS: tuple[Question, ...] = (
    Question("affected_side", "Affected side", "Which side has the symptoms? Per-side exercises start with it.",
             "one", (Option("l", "Left", "left"), Option("r", "Right", "right"), Option("b", "Both", "both"))),
    Question("symptom_areas", "Areas with symptoms", "Where do you have symptoms? Press each that applies, then enter. "
             "Check-ins ask about these (and always the neck).",
             "many", (Option("n", "Neck", "neck"), Option("h", "Hands", "hands"), Option("a", "Arms", "arms"))),
    Question("onset", "When symptoms began", "When did your symptoms begin? Strength work waits for the first six "
             "weeks unless a clinician has cleared you.",
             "onset", (Option("d", "On a date…", "date"), Option("o", "More than 6 weeks ago", "over-6-weeks"),
                       Option("u", "Not sure", "unknown"))),
    Question("cleared_for_strength", "Cleared for strength work", "Has a doctor or physiotherapist cleared you "
             "for strength work?", "one", (Option("y", "Yes", True), Option("n", "No", False))),
    Question("units", "Units", "Weights in kilograms or pounds?", "one",
             (Option("k", "kg", "kg"), Option("l", "lb", "lb"))),
    Question("count_seconds", "Length of one count", "How long is one count of the tempo? Most people count "
             "about one second.", "count"),
    Question("bell", "Bell", "A terminal bell at each phase change of a set?", "one",
             (Option("y", "On", True), Option("n", "Off", False))),
)
BY_ID = {q.id: q for q in QUESTIONS}


def check_onset(text: str, today: date) -> date:
    """A typed onset date; raises InvalidValue: not a date, in the future, or before 1900."""
    from journal import validate
    from journal.errors import InvalidValue

    day = validate.iso_day("onset date", text.strip())
    if day > today:
        raise InvalidValue(f"onset date {day} is in the future (today is {today})")
    if day.year < 1900:
        raise InvalidValue(f"onset date {day} is before 1900")
    return day


def check_count(value: float) -> float:
    """A count length, rounded to 0.1 s; raises InvalidValue outside 0.8–1.5 s."""
    from journal.errors import InvalidValue

    value = round(float(value), 1)
    if not COUNT_MIN <= value <= COUNT_MAX:
        raise InvalidValue(f"one count must last {COUNT_MIN}–{COUNT_MAX} s (got {value:g} s)")
    return value


def step_count(value: float, delta: int) -> float:
    """One step (0.1 s) up or down, kept within 0.8–1.5 s."""
    return min(COUNT_MAX, max(COUNT_MIN, round(value + delta * COUNT_STEP, 1)))


def current(question_id: str, profile: Any) -> Any:
    """The profile's present answer to a question (as the question's values)."""
    if question_id == "onset":
        return (profile.onset_kind, profile.onset_date)
    if question_id == "symptom_areas":
        return frozenset(profile.symptom_areas)
    return getattr(profile, question_id)


def answer_text(question_id: str, profile: Any) -> str:
    """How a setting reads on the Profile screen."""
    value = current(question_id, profile)
    if question_id == "affected_side":
        return {"left": "left", "right": "right", "both": "both sides", "none": "none"}.get(value, str(value))
    if question_id == "symptom_areas":
        return ", ".join(a for a in AREA_NAMES if a in value) or "not said"
    if question_id == "onset":
        kind, day = value
        if kind == "date" and day is not None:
            return day.isoformat()
        return "more than 6 weeks ago" if kind == "over-6-weeks" else "not sure"
    if question_id == "cleared_for_strength":
        return "yes" if value else "no"
    if question_id == "count_seconds":
        return f"{value:g} s"
    if question_id == "bell":
        return "on" if value else "off"
    return str(value)


def changes_for(question_id: str, value: Any) -> dict[str, Any]:
    """``Journal.update_profile`` keyword arguments for one answer."""
    if question_id == "onset":
        kind, day = value
        return {"onset_kind": kind, "onset_date": day if kind == "date" else None}
    if question_id == "symptom_areas":
        return {"symptom_areas": sorted(value)}
    return {question_id: value}


def answers_to_changes(answers: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        out.update(changes_for(qid, value))
    return out
