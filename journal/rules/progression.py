"""Progression rules (SPEC §6), one import away: the pieces live in their own modules.

* ``journal/rules/evidence.py``   — what is judged: ``Evidence``, ``Situation``, sessions by day
* ``journal/rules/mornings.py``   — the next-morning window
* ``journal/rules/baseline.py``   — baselines (median of the last 7 mornings, else before-session)
* ``journal/rules/conditions.py`` — every REGRESS and HOLD condition, with its sentence
* ``journal/rules/suggest.py``    — STOP, ACUTE, REGRESS (with its dose), HOLD, PROGRESS
* ``catalogue/watched.py``        — which check-in regions judge an exercise

Choices the spec leaves open, made here (README, "How History counts, and how suggestions are
made", has the table of rule ids):

* "Sessions" of an exercise are the journal sessions with a set of it, any status; the
  sessions of one day are judged together. PROGRESS and HOLD look at the last 2 days at the
  *current dose* (sessions started after it was set), so a new dose is always tried first.
* REGRESS fires on evidence newer than the current dose; older evidence has been acted on, and
  ``hold.regressed`` keeps any increase off for 7 days after any REGRESS condition held.
* The morning rise is judged on the newest session at the current dose that has a next
  morning; the weekly trend needs ≥ 3 mornings in each week.
* "The last dose that was tolerated" is the dose a PROGRESS started from, when it is easier.
* Declines (``d``) are remembered per exercise, decision and dose: a declined PROGRESS is not
  offered again at that dose; a declined REGRESS is not asked again until the exercise is logged
  again (fresh evidence is judged afresh).
"""

from __future__ import annotations

from journal.rules.conditions import HIGH_PAIN, SAFE_PAIN, SETTLE_DAYS, short_of_target
from journal.rules.evidence import Evidence, ExerciseSession, Situation, Symptoms, at_dose, by_day
from journal.rules.suggest import (
    ACUTE_WEEKS,
    DECISIONS,
    ORDER,
    Suggestion,
    acute_on,
    acute_state,
    by_urgency,
    regress_target,
    stop_sentence,
    suggest,
    suggest_all,
    waiting,
    worst_flag,
)

_at_dose = at_dose

__all__ = [
    "ACUTE_WEEKS", "DECISIONS", "HIGH_PAIN", "ORDER", "SAFE_PAIN", "SETTLE_DAYS", "Evidence",
    "ExerciseSession", "Situation", "Suggestion", "Symptoms", "acute_on", "acute_state", "at_dose",
    "by_day", "by_urgency", "regress_target", "short_of_target", "stop_sentence", "suggest",
    "suggest_all", "waiting", "worst_flag",
]  # fmt: skip
