"""The red-flag checklist and the decision whether a STOP stands — plain data, plain functions.

The items follow the research notes (shared/research/clinical-evidence.md §4), in the
project's own words. Guidelines agree poorly on red flags, so the list is deliberately broad
and says it is not complete. Reporting an item is recorded in the journal; it stands (and
every progression stops) until the user marks it reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from journal.records import SEVERITIES, RedFlagRec


@dataclass(frozen=True, slots=True)
class RedFlagItem:
    id: str  # stored in the journal (≤ 64 characters)
    severity: str  # emergency | urgent | soon
    text: str  # what the user recognises


@dataclass(frozen=True, slots=True)
class Severity:
    """One of the three severities. Everywhere — the app, ``suggest``, the report, the FHIR
    export — it is called by its ``name`` (emergency, urgent, soon), with what to do beside it."""

    name: str
    title: str  # the banner's headline: the name and what to do, short
    action: str  # what to do, in one or two sentences
    todo: str  # the name and what to do, in a few words (suggest, the report, the checklist)


SEVERITY = {
    "emergency": Severity(
        "emergency",
        "STOP — emergency: get help now",
        "Stop exercising. Call your local emergency number (112 in Europe, 911 in North "
        "America, 999 in the UK) or go to an emergency department now.",
        "emergency: call your local emergency number now",
    ),
    "urgent": Severity(
        "urgent",
        "STOP — urgent: see a doctor today",
        "Stop the exercises and contact your doctor or an urgent-care service today, "
        "within 24 hours at the latest.",
        "urgent: be seen by a doctor today",
    ),
    "soon": Severity(
        "soon",
        "STOP progressing — soon: book a check-up",
        "Do not increase anything. Book an appointment with your doctor or physiotherapist "
        "in the coming days and show them your journal.",
        "soon: book an appointment with your doctor or physiotherapist",
    ),
}

CHECKLIST: tuple[RedFlagItem, ...] = (
    # emergency: go now
    RedFlagItem("bladder-bowel", "emergency",
                "New trouble controlling bladder or bowels, new sexual problems, or numbness "
                "in the groin or inner thighs"),
    RedFlagItem("rapid-weakness", "emergency",
                "Weakness in an arm or a leg that is getting worse quickly, or new trouble walking"),
    RedFlagItem("vascular", "emergency",
                "Sudden severe neck pain or headache with dizziness, double vision, slurred "
                "speech, a numb face, fainting or sudden falls"),
    RedFlagItem("chest", "emergency",
                "Arm or neck pain together with chest pain, breathlessness or sweating"),
    RedFlagItem("trauma", "emergency",
                "Neck pain, or tingling in the arms or legs, after a fall, a collision or "
                "another injury"),
    # urgent: today
    RedFlagItem("myelopathy", "urgent",
                "Clumsy hands (buttons, writing), unsteady walking, symptoms in both hands or "
                "in hands and legs, or an electric-shock feeling down the spine when bending "
                "the neck"),
    RedFlagItem("spreading-weakness", "urgent",
                "New or growing weakness (dropping things), or numbness or weakness spreading "
                "beyond one area"),
    RedFlagItem("systemic", "urgent",
                "Fever or chills, weight loss without a reason, new pain with a history of "
                "cancer, or severe night pain that no position eases"),
    RedFlagItem("constant-numbness", "urgent",
                "Numbness that never goes away, or the muscle at the base of the thumb looks "
                "flattened or wasted"),
    # soon: book an appointment
    RedFlagItem("worsening-pain", "soon",
                "Pain that keeps getting worse from week to week, or wakes you at night"),
    RedFlagItem("no-improvement", "soon",
                "No real improvement after six weeks of regular exercise"),
    RedFlagItem("repeated-flares", "soon",
                "Symptoms flared up again and again: three or more step-backs in two weeks"),
)  # fmt: skip

ITEMS = {item.id: item for item in CHECKLIST}
NOT_EXHAUSTIVE = (
    "This list is not complete. If something feels seriously wrong, get help even if it is "
    "not listed here."
)


def worst(severities: Iterable[str]) -> str | None:
    """The most serious of the given severities (emergency > urgent > soon)."""
    found = set(severities)
    return next((s for s in SEVERITIES if s in found), None)


def label(flag: str) -> str:
    """The words a person reads for a stored flag id: the checklist's text when known (an id
    spelt with ``_`` or capitals, from an edited CSV, is still known), else the id in words
    (``spreading-numbness`` → "spreading numbness") — never the raw id."""
    key = "-".join(str(flag).replace("_", " ").split()).lower()
    item = ITEMS.get(key)
    if item is not None:
        return item.text
    return key.replace("-", " ") or "unnamed sign"


def flag_text(rec: RedFlagRec) -> str:
    """What an open report says, from the checklist when known (else its id in words)."""
    return label(rec.flag)


@dataclass(frozen=True, slots=True)
class Stop:
    """A STOP that stands: the worst severity, what to do, and what was reported."""

    severity: Severity
    flags: tuple[RedFlagRec, ...]

    @property
    def reported(self) -> list[str]:
        return [flag_text(f) for f in self.flags]

    @property
    def since(self) -> str:
        return min(f.reported_at for f in self.flags)


def standing_stop(open_flags: Iterable[RedFlagRec]) -> Stop | None:
    """The STOP that stands while any red flag is unresolved; None when all are reviewed."""
    flags = tuple(f for f in open_flags if f.resolved_at is None)
    level = worst(f.severity for f in flags)
    if level is None:
        return None
    ordered = tuple(sorted(flags, key=lambda f: (SEVERITIES.index(f.severity), f.id)))
    return Stop(SEVERITY[level], ordered)
