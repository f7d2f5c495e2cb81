"""FHIR R4 resources as plain dicts, one function per kind of journal row (no I/O, no pydantic).

``journal.exchange.fhir`` validates each with ``fhir.resources`` (R4B models) as it streams.
Parts that many resources hold unchanged (codes, body sites, the subject, an exercise's
extensions) are made once, frozen (``fhir_check.freeze``: they cannot be changed in place), and
shared; the check and the writer take each as one value.
"""

from __future__ import annotations

import functools
import uuid
from hashlib import sha1 as _sha1
from typing import Iterable, Sequence

from journal.exchange import fhir_codes as c
from journal.exchange.fhir_check import freeze
from journal.rules.redflags import label as flag_label

#: uuid5 namespace of every resource id (ids depend only on the journal's row ids).
NAMESPACE = uuid.UUID("8f0f5a37-94b1-4d7b-9a7f-3a9b4c1f6e21")
_NS = NAMESPACE.bytes
#: RFC 4122 variant: the top two bits of clock_seq_hi are 10.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def rid(kind: str, *key: object) -> str:
    """``str(uuid.uuid5(NAMESPACE, "kind/key/…"))``, without making a UUID object (a third of
    the time of building a check-in's Observations)."""
    h = _sha1(_NS + "/".join([kind, *map(str, key)]).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


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
        "category": _category(category), "code": code, "subject": _reference(subject),
    }  # fmt: skip


@functools.cache
def _category(code: str) -> list[dict]:
    return freeze(c.category(code))


@functools.lru_cache(maxsize=16)
def _reference(subject: str) -> dict:
    return freeze({"reference": subject})


def checkin(row: Sequence, subject: str) -> Iterable[dict]:
    """The four ratings of one check-in row: (id, recorded_at, session_id, context, region,
    pain, numbness, tingling, weakness, note) → four Observations (which share the parts that
    are the same in all four: never change one in place)."""
    cid, recorded_at, session_id, context, region, *scores, note = row
    site = _body_site(region)
    when = c.CONTEXTS.get(context, context)
    if session_id is not None:
        when += f" (session {session_id})"
    component = [{
        "code": _CONTEXT_CODE,
        "valueCodeableConcept": _concept({"system": c.CONTEXT_SYSTEM, "code": context}, when),
    }]  # fmt: skip
    notes = [{"text": note}] if note else None
    for symptom, score in zip(("pain", "numbness", "tingling", "weakness"), scores):
        obs = _obs("checkin", (cid, symptom), subject, _symptom_code(symptom, region), "survey")
        obs["effectiveDateTime"] = recorded_at
        obs["valueInteger"] = score
        obs["bodySite"] = site
        obs["component"] = component
        if notes:
            obs["note"] = notes
        yield obs


_CONTEXT_CODE = freeze(_concept({"system": c.CONTEXT_SYSTEM, "code": "context", "display": "When it was rated"}))
_EXERCISE_ACTIVITY = freeze(_concept(c.EXERCISE_ACTIVITY))


@functools.cache
def _symptom_code(symptom: str, region: str) -> dict:
    where = c.REGIONS[region][2]
    return freeze(_concept(c.SYMPTOM_CODES[symptom], f"{symptom.capitalize()} ({where}), 0-10"))


@functools.cache
def _body_site(region: str) -> dict:
    return freeze(c.body_site(region))


def _measure(code: str, display: str, exercise: tuple[str, str, str], value: dict) -> dict:
    return {"extension": _exercise(exercise), "code": _measure_code(code, display, exercise), **value}


def _name(exercise: tuple[str, str, str]) -> str:
    exercise_id, name, _ = exercise
    return name if name and name.strip() else exercise_id


@functools.lru_cache(maxsize=1024)
def _exercise(exercise: tuple[str, str, str]) -> list[dict]:
    exercise_id, _, side = exercise
    return freeze([
        {"url": c.EXERCISE_EXT, "valueCoding": {"system": c.EXERCISE_SYSTEM, "code": exercise_id, "display": _name(exercise)}},
        {"url": c.SIDE_EXT, "valueCode": side},
    ])  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _measure_code(code: str, display: str, exercise: tuple[str, str, str]) -> dict:
    side = exercise[2]
    return freeze(_concept({"system": c.MEASURE_SYSTEM, "code": code, "display": display},
                           f"{_name(exercise)}{'' if side == 'both' else f' ({side})'}: {display.lower()}"))  # fmt: skip


def session(row: Sequence, sets: Sequence[Sequence], subject: str) -> dict:
    """One session (id, routine_name, started_at, ended_at, status, note) and its sets
    (exercise_id, exercise_name, side, reps, hold_s, load, load_unit, level) → an Observation
    whose components carry, per exercise and side: sets, total reps, longest hold, heaviest load."""
    sid, routine, started_at, ended_at, status, note = row
    obs = _obs("session", (sid,), subject, _EXERCISE_ACTIVITY, "activity")
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
                     "display": flag_label(code_text)})  # fmt: skip
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
