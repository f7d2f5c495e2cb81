"""The FHIR export's check (``journal.exchange.fhir_check``): it refuses exactly what the
``fhir.resources`` model refuses, though it validates each shape whole only once, and it writes
byte for byte what ``json`` writes."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.journal.test_demo import make_demo

#: Values put in place of one of the same type: good and bad ones for FHIR's primitive types.
CANDIDATES = {
    str: ["x", "", " x", "x ", "a  b", "a\tb", "line\nbreak", "é", "2026-02-30", "2026-11-03T18:44:25",
          "2026-11-03T18:44:25+01:00", "24028007", "urn:uuid:0", "a b", "-1", "0.5"],
    int: [0, -1, 10, 2**31 - 1, 2**31, -(2**31) - 1],
    float: [0.0, 2.5, -1.5, 1e300, float("nan"), float("inf")],
    bool: [True, False],
}  # fmt: skip


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    from catalogue import load_catalogue
    from journal.exchange.fhir import _resources

    path = tmp_path_factory.mktemp("fhir-check") / "demo.db"
    make_demo(path, load_catalogue(), days=45)
    con = sqlite3.connect(path)
    try:
        con.execute("BEGIN")
        return list(_resources(con, None, None, "Ada"))
    finally:
        con.close()


def checker():  # noqa: ANN201
    from journal.exchange.fhir import _models
    from journal.exchange.fhir_check import Checker

    return Checker(_models())


def model_ok(resource: dict) -> bool:
    from journal.exchange.fhir import _models

    try:
        _models()[resource["resourceType"]].model_validate(resource)
    except ValidationError:
        return False
    return True


def checker_ok(check, resource: dict) -> bool:  # noqa: ANN001
    try:
        check.dumps(resource)
    except ValidationError:
        return False
    return True


def copy(node):  # noqa: ANN001, ANN201 - dicts and lists copied, shared (frozen) parts kept
    if type(node) is dict:
        return {k: copy(v) for k, v in node.items()}
    if type(node) is list:
        return [copy(v) for v in node]
    return node


def places(node, path=()):  # noqa: ANN001, ANN201 - (path, value) of every value not shared
    items = node.items() if type(node) is dict else enumerate(node)
    for key, value in items:
        if type(value) in (dict, list):
            yield from places(value, (*path, key))
        elif key != "resourceType" and type(value) in CANDIDATES:
            yield (*path, key), value


def put(resource: dict, path: tuple, value: object) -> dict:
    out = copy(resource)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def test_bytes_are_what_json_writes_and_few_are_validated_whole(resources: list[dict]):
    check = checker()
    for r in resources:
        assert check.dumps(r) == json.dumps(r, ensure_ascii=False, separators=(",", ":"))
    odd = put(resources[1], ("note",), [{"text": 'é "quoted" \\ 100% %s\n\ttab \u2028'}])
    assert check.dumps(odd) == json.dumps(odd, ensure_ascii=False, separators=(",", ":"))
    assert len(resources) > 400 and check.whole < 60  # each shape once, not each resource


def test_a_bad_value_in_a_known_shape_is_refused_as_the_model_refuses_it(resources: list[dict]):
    """Every value (a sample of places per shape) swapped for good and bad ones of its type:
    the check, which has seen the shape, accepts exactly what the model accepts."""
    from journal.exchange.fhir_check import shape

    check = checker()
    by_shape: dict[tuple, dict] = {}
    for r in resources:
        check.dumps(r)
        sig: list = []
        shape(r, sig, [])
        by_shape.setdefault(tuple(sig), r)
    rng = random.Random(16)
    tried = refused = 0
    for r in by_shape.values():
        spots = list(places(r))
        for path, value in rng.sample(spots, min(len(spots), 12)):
            for candidate in CANDIDATES[type(value)]:
                changed = put(r, path, candidate)
                expected = model_ok(changed)
                assert checker_ok(check, changed) == expected, (path, candidate, expected)
                tried += 1
                refused += not expected
            assert checker_ok(check, r)  # the value it held passes again after the bad ones
    assert tried > 300 and refused > 50


def test_a_bad_shared_part_is_refused(resources: list[dict]):
    from journal.exchange.fhir_check import freeze

    check = checker()
    first = next(r for r in resources if "bodySite" in r and "valueInteger" in r)
    check.dumps(first)
    site = json.loads(first["bodySite"].json)
    site["coding"][0]["code"] = " 85562004"  # a code does not start with a space
    bad = dict(first, bodySite=freeze(site))
    assert not model_ok(bad)
    with pytest.raises(ValidationError):
        check.dumps(bad)
    site["coding"][0]["code"] = "85562004"
    assert checker_ok(check, dict(first, bodySite=freeze(site)))


def test_shared_parts_cannot_be_changed_in_place_and_copies_can(resources: list[dict]):
    import copy as copying

    shared = next(r for r in resources if "bodySite" in r)["bodySite"]
    with pytest.raises(TypeError):
        shared["text"] = "changed"
    with pytest.raises(TypeError):
        shared["coding"].append({})
    with pytest.raises(TypeError):
        shared.update(text="changed")
    mine = copying.deepcopy(shared)
    mine["text"] = "changed"
    mine["coding"].append({})
    assert shared["text"] != "changed" and len(shared["coding"]) == 1


def test_a_bad_value_stops_the_export_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A value only the check can catch (a well-formed row, a later resource of a known shape)
    stops the export with the resource and the place named."""
    import io
    from datetime import datetime, timezone

    from journal.api import Journal
    from journal.errors import FileProblem
    from journal.exchange import fhir, fhir_resources

    path = tmp_path / "j.db"
    now = datetime(2026, 11, 3, 18, 0, tzinfo=timezone.utc)
    with Journal.open(path) as j:
        for minute in (1, 2):
            j.record_checkins([{"region": "neck", "pain": 3, "numbness": 0, "tingling": 0, "weakness": 0}],
                              context="ad_hoc", now=now.replace(minute=minute))  # fmt: skip
    real = fhir_resources.checkin

    def spoiled(row, subject):  # noqa: ANN001, ANN202
        for obs in real(row, subject):
            if row[0] == 2:
                obs["effectiveDateTime"] = "2026-11-31T18:02:00+00:00"
            yield obs

    monkeypatch.setattr(fhir_resources, "checkin", spoiled)
    with pytest.raises(FileProblem, match=r"Observation .* is not valid FHIR \(effectiveDateTime"):
        fhir.export_fhir(path, io.StringIO(), now=now)
