"""The red-flag checklist is complete and well-formed; a STOP stands until every flag is reviewed."""

from __future__ import annotations

from journal.records import SEVERITIES, RedFlagRec
from journal.rules.redflags import CHECKLIST, ITEMS, SEVERITY, standing_stop, worst


def rec(i: int, flag: str, severity: str, resolved: str | None = None) -> RedFlagRec:
    return RedFlagRec(i, f"2026-11-2{i}T08:00:00+01:00", flag, severity, "", resolved)


def test_checklist_covers_every_severity_with_short_unique_ids():
    assert {i.severity for i in CHECKLIST} == set(SEVERITIES)
    assert len(ITEMS) == len(CHECKLIST)
    assert all(len(i.id) <= 64 and i.text for i in CHECKLIST)
    assert set(SEVERITY) == set(SEVERITIES)
    texts = " ".join(i.text.lower() for i in CHECKLIST)
    for sign in ("bladder", "chest pain", "both hands", "thumb", "fever", "six weeks"):
        assert sign in texts


def test_no_stop_without_open_flags():
    assert standing_stop([]) is None
    assert standing_stop([rec(1, "chest", "emergency", resolved="2026-11-23T09:00:00+01:00")]) is None


def test_worst_open_flag_decides_the_stop():
    stop = standing_stop([rec(1, "no-improvement", "soon"), rec(2, "constant-numbness", "urgent")])
    assert stop is not None and stop.severity.name == "urgent"
    assert stop.reported[0] == ITEMS["constant-numbness"].text
    assert stop.since == "2026-11-21T08:00:00+01:00"
    assert "today" in stop.severity.title.lower()
    assert worst(["soon", "emergency"]) == "emergency" and worst([]) is None
    unknown = standing_stop([rec(3, "my-own-flag", "soon")])
    assert unknown is not None and unknown.reported == ["my own flag"]
