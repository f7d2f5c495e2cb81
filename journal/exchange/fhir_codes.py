"""The codes a FHIR export uses: standard ones (LOINC, SNOMED CT, UCUM) and rehab-tui's own.

rehab-tui's own code systems are URNs under ``urn:rehab-tui:fhir:`` — stable names that never
resolve to a web page and never change meaning (README, "FHIR export", lists every code).
"""

from __future__ import annotations

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
#: mCODE's laterality qualifier for a bodySite (R4 has no laterality element of its own).
LATERALITY_EXT = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier"

OWN = "urn:rehab-tui:fhir:"
SYMPTOM_SYSTEM = OWN + "CodeSystem:symptom"  # numbness, tingling, weakness (0–10)
CONTEXT_SYSTEM = OWN + "CodeSystem:checkin-context"  # before, after, next_morning, ad_hoc
MEASURE_SYSTEM = OWN + "CodeSystem:exercise-measure"  # sets, reps, hold, load, level, routine…
EXERCISE_SYSTEM = OWN + "CodeSystem:exercise"  # catalogue ids, e.g. wrist-curl
OUTCOME_SYSTEM = OWN + "CodeSystem:outcome"  # psfs-item, grip-strength, grip-trials
REDFLAG_SYSTEM = OWN + "CodeSystem:red-flag"  # the red-flag checklist's ids
SEVERITY_SYSTEM = OWN + "CodeSystem:red-flag-severity"  # emergency, urgent, soon
EXERCISE_EXT = OWN + "StructureDefinition:exercise"
SIDE_EXT = OWN + "StructureDefinition:side"

PAIN = {"system": LOINC, "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}  # fmt: skip
EXERCISE_ACTIVITY = {"system": LOINC, "code": "73985-4", "display": "Exercise activity"}

SYMPTOM_CODES = {
    "pain": PAIN,
    "numbness": {"system": SYMPTOM_SYSTEM, "code": "numbness", "display": "Numbness, 0-10"},
    "tingling": {"system": SYMPTOM_SYSTEM, "code": "tingling", "display": "Tingling, 0-10"},
    "weakness": {"system": SYMPTOM_SYSTEM, "code": "weakness", "display": "Weakness, 0-10"},
}

NECK = {"system": SNOMED, "code": "45048000", "display": "Neck structure"}
HAND = {"system": SNOMED, "code": "85562004", "display": "Hand structure"}
UPPER_LIMB = {"system": SNOMED, "code": "53120007", "display": "Upper limb structure"}
LEFT = {"system": SNOMED, "code": "7771000", "display": "Left"}
RIGHT = {"system": SNOMED, "code": "24028007", "display": "Right"}

#: The journal's check-in regions → (SNOMED site, laterality or None, words).
REGIONS = {
    "neck": (NECK, None, "neck"),
    "left_hand": (HAND, LEFT, "left hand"),
    "right_hand": (HAND, RIGHT, "right hand"),
    "left_arm": (UPPER_LIMB, LEFT, "left arm"),
    "right_arm": (UPPER_LIMB, RIGHT, "right arm"),
}
CONTEXTS = {"before": "before a session", "after": "after a session",
            "next_morning": "the morning after a session", "ad_hoc": "at another time"}  # fmt: skip

#: Load units → UCUM.
UNITS = {"kg": ("kg", "kg"), "lb": ("lb", "[lb_av]"), "s": ("s", "s")}


def category(code: str) -> list[dict]:
    return [{"coding": [{"system": CATEGORY, "code": code}]}]


def body_site(region: str) -> dict:
    site, side, words = REGIONS[region]
    concept: dict = {"coding": [site], "text": words}
    if side is not None:
        concept["extension"] = [{"url": LATERALITY_EXT, "valueCodeableConcept": {"coding": [side]}}]
    return concept


def hand(side: str) -> dict:
    return body_site(f"{side}_hand")


def quantity(value: float, unit: str) -> dict:
    shown, code = UNITS[unit]
    return {"value": value, "unit": shown, "system": UCUM, "code": code}
