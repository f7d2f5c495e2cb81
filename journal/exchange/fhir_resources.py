"""FHIR R4 resources as plain dicts, one function per kind of journal row (no I/O, no pydantic).

``journal.exchange.fhir`` validates each with ``fhir.resources`` (R4B models) as it streams.
"""

from __future__ import annotations

import uuid
from typing import Iterable, Sequence

from journal.exchange import fhir_codes as c
from journal.rules.redflags import CHECKLIST

#: uuid5 namespace of every resource id (ids depend only on the journal's row ids).
NAMESPACE = uuid.UUID("8f0f5a37-94b1-4d7b-9a7f-3a9b4c1f6e21")
_FLAG_TEXT = {item.id: item.text for item in CHECKLIST}


def rid(kind: str, *key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([kind, *map(str, key)])))


def full_url(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"


def patient(name: str | None, journal_key: str = "") -> dict:
    """The patient, with an id of this journal's own (``journal_key``: when its profile was
    made), so two people's Bundles never share a Patient."""
    res: dict = {"resourceType": "Patient", "id": rid("patient", journal_key)}
    if name:
        res["name"] = [{"text": name}]
    return res


def _concept(coding: dict, text: str | None = None) -> dict:
    return {"coding": [coding], "text": text or coding.get("display", coding["code"])}


def _obs(kind: str, key: Sequence[object], subject: str, code: dict, category: str) -> dict:
    return {
        "resourceType": "Observation", "id": rid(kind, subject, *key), "status": "final",
        "category": c.category(category), "code": code, "subject": {"reference": subject},
    }  # fmt: skip


def checkin(row: Sequence, subject: str) -> Iterable[dict]:
    """The four ratings of one check-in row: (id, recorded_at, session_id, context, region,
    pain, numbness, tingling, weakness, note) → four Observations."""
    cid, recorded_at, session_id, context, region, *scores, note = row
    where = c.REGIONS[region][2]
    for symptom, score in zip(("pain", "numbness", "tingling", "weakness"), scores):
        code = _concept(c.SYMPTOM_CODES[symptom], f"{symptom.capitalize()} ({where}), 0-10")
        obs = _obs("checkin", (cid, symptom), subject, code, "survey")
        obs["effectiveDateTime"] = recorded_at
        obs["valueInteger"] = score
        obs["bodySite"] = c.body_site(region)
        when = c.CONTEXTS.get(context, context)
        if session_id is not None:
            when += f" (session {session_id})"
        obs["component"] = [{
            "code": _concept({"system": c.CONTEXT_SYSTEM, "code": "context", "display": "When it was rated"}),
            "valueCodeableConcept": _concept({"system": c.CONTEXT_SYSTEM, "code": context}, when),
        }]  # fmt: skip
        if note:
            obs["note"] = [{"text": note}]
        yield obs


def _measure(code: str, display: str, exercise: tuple[str, str, str], value: dict) -> dict:
    exercise_id, name, side = exercise
    name = name if name and name.strip() else exercise_id
    return {
        "extension": [
            {"url": c.EXERCISE_EXT, "valueCoding": {"system": c.EXERCISE_SYSTEM, "code": exercise_id, "display": name}},
            {"url": c.SIDE_EXT, "valueCode": side},
        ],
        "code": _concept({"system": c.MEASURE_SYSTEM, "code": code, "display": display},
                         f"{name}{'' if side == 'both' else f' ({side})'}: {display.lower()}"),
        **value,
    }  # fmt: skip


def session(row: Sequence, sets: Sequence[Sequence], subject: str) -> dict:
    """One session (id, routine_name, started_at, ended_at, status, note) and its sets
    (exercise_id, exercise_name, side, reps, hold_s, load, load_unit, level) → an Observation
    whose components carry, per exercise and side: sets, total reps, longest hold, heaviest load."""
    sid, routine, started_at, ended_at, status, note = row
    obs = _obs("session", (sid,), subject, _concept(c.EXERCISE_ACTIVITY), "activity")
    obs["status"] = "preliminary" if status == "in_progress" else "final"
    obs["effectivePeriod"] = {"start": started_at, **({"end": ended_at} if ended_at else {})}
    if routine and routine.strip():
        obs["valueString"] = routine
    groups: dict[tuple[str, str, str], list[Sequence]] = {}
    for s in sets:
        groups.setdefault((s[0], s[1], s[2]), []).append(s)
    components = []
    for exercise, rows in groups.items():
        components.append(_measure("sets", "Sets", exercise, {"valueInteger": len(rows)}))
        reps = [r[3] for r in rows if r[3] is not None]
        if reps:
            components.append(_measure("reps", "Repetitions, all sets", exercise, {"valueInteger": sum(reps)}))
        holds = [r[4] for r in rows if r[4] is not None]
        if holds:
            components.append(_measure("hold", "Longest hold", exercise,
                                       {"valueQuantity": c.quantity(max(holds), "s")}))  # fmt: skip
        loads = [(r[5], r[6]) for r in rows if r[5] is not None and r[6] in ("kg", "lb")]
        if loads:
            load, unit = max(loads, key=lambda lu: lu[0] * (0.45359237 if lu[1] == "lb" else 1))
            components.append(_measure("load", "Heaviest load", exercise,
                                       {"valueQuantity": c.quantity(load, unit)}))  # fmt: skip
        levels = [r[7] for r in rows if r[7]]
        if levels:
            components.append(_measure("level", "Level", exercise, {"valueString": levels[-1]}))
    if components:
        obs["component"] = components
    notes = [f"session {status.replace('_', ' ')}"] if status != "completed" else []
    if note:
        notes.append(note)
    if notes:
        obs["note"] = [{"text": n} for n in notes]
    return obs


def psfs(row: Sequence, subject: str) -> dict:
    """(rating id, recorded_at, score, activity id, activity name) → an Observation."""
    rating_id, recorded_at, score, activity_id, name = row
    code = _concept({"system": c.OUTCOME_SYSTEM, "code": "psfs-item",
                     "display": "Patient-Specific Functional Scale item, 0-10"}, f"PSFS: {name}")  # fmt: skip
    obs = _obs("psfs", (rating_id,), subject, code, "survey")
    obs["effectiveDateTime"] = recorded_at
    obs["valueInteger"] = score
    obs["component"] = [{
        "code": _concept({"system": c.OUTCOME_SYSTEM, "code": "psfs-activity", "display": "Activity"}),
        "valueString": name,
    }]  # fmt: skip
    return obs


def grip(row: Sequence, subject: str) -> dict:
    """(id, recorded_at, side, value, unit, trials) → an Observation (best of the trials)."""
    gid, recorded_at, side, value, unit, trials = row
    code = _concept({"system": c.OUTCOME_SYSTEM, "code": "grip-strength",
                     "display": "Grip strength, hand dynamometer, best of trials"})  # fmt: skip
    obs = _obs("grip", (gid,), subject, code, "exam")
    obs["effectiveDateTime"] = recorded_at
    obs["valueQuantity"] = c.quantity(value, unit)
    obs["bodySite"] = c.hand(side)
    if trials:
        obs["component"] = [{
            "code": _concept({"system": c.OUTCOME_SYSTEM, "code": "grip-trials", "display": "Every trial"}),
            "valueString": f"{trials} {unit}",
        }]  # fmt: skip
    return obs


def red_flag(row: Sequence, subject: str) -> dict:
    """(id, reported_at, flag, severity, note, resolved_at) → an Observation with its severity."""
    fid, reported_at, flag, severity, note, resolved_at = row
    code_text = " ".join(str(flag).split()) or "unnamed"
    code = _concept({"system": c.REDFLAG_SYSTEM, "code": code_text,
                     "display": _FLAG_TEXT.get(flag, code_text)})  # fmt: skip
    obs = _obs("redflag", (fid,), subject, code, "survey")
    obs["effectiveDateTime"] = reported_at
    obs["valueBoolean"] = True
    components = [{
        "code": _concept({"system": c.SEVERITY_SYSTEM, "code": "severity", "display": "How urgent"}),
        "valueCodeableConcept": _concept({"system": c.SEVERITY_SYSTEM, "code": severity}),
    }]  # fmt: skip
    if resolved_at:
        components.append({
            "code": _concept({"system": c.SEVERITY_SYSTEM, "code": "reviewed", "display": "Reviewed at"}),
            "valueDateTime": resolved_at,
        })  # fmt: skip
    obs["component"] = components
    if note:
        obs["note"] = [{"text": note}]
    return obs
