"""FHIR export: the demo journal's Bundle validates, every check-in rating of the CSV export is
one Observation with the right code, value, body site and time; an empty journal's Bundle is
valid; outcome measures, sessions and red flags are in it; the export never loads at app start."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import NOW, ROOT
from tests.journal.test_demo import make_demo

LOINC_PAIN = "72514-3"
SITES = {"neck": ("45048000", None), "left_hand": ("85562004", "7771000"),
         "right_hand": ("85562004", "24028007"), "left_arm": ("53120007", "7771000"),
         "right_arm": ("53120007", "24028007")}  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from catalogue import load_catalogue

    path = tmp_path_factory.mktemp("fhir") / "demo.db"
    make_demo(path, load_catalogue(), days=60)
    return path


def bundle_of(path: Path, **kwargs) -> dict:  # noqa: ANN003
    from journal.exchange.fhir import export_fhir

    out = io.StringIO()
    export_fhir(path, out, now=NOW, **kwargs)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def bundle(demo: Path) -> dict:
    return bundle_of(demo)


def test_demo_bundle_validates_as_a_whole(bundle: dict):
    from fhir.resources.R4B.bundle import Bundle

    model = Bundle.model_validate(bundle)
    assert model.type == "collection" and len(model.entry) == len(bundle["entry"]) > 100
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    patient = bundle["entry"][0]["resource"]
    assert patient["resourceType"] == "Patient" and "name" not in patient and "identifier" not in patient


def test_every_checkin_rating_in_the_csv_is_one_observation(demo: Path, bundle: dict):
    from journal.exchange.csv_export import export_kind

    out = io.StringIO()
    export_kind(demo, "symptoms", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows
    observations = Counter()
    by_key = {}
    for e in bundle["entry"]:
        r = e["resource"]
        if r["resourceType"] != "Observation" or "bodySite" not in r or r["category"][0]["coding"][0]["code"] != "survey":
            continue
        code = r["code"]["coding"][0]
        context = r["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
        site = r["bodySite"]["coding"][0]["code"]
        ext = r["bodySite"].get("extension")
        side = ext[0]["valueCodeableConcept"]["coding"][0]["code"] if ext else None
        key = (r["effectiveDateTime"], context, site, side, code["code"])
        observations[key] += 1
        by_key[key] = (code, r["valueInteger"])
    for row in rows:
        site, side = SITES[row["region"]]
        for symptom in ("pain", "numbness", "tingling", "weakness"):
            code_text = LOINC_PAIN if symptom == "pain" else symptom
            key = (row["recorded_at"], row["context"], site, side, code_text)
            assert observations[key] == 1, key
            code, value = by_key[key]
            assert value == int(row[symptom])
            assert code["system"] == ("http://loinc.org" if symptom == "pain" else "urn:rehab-tui:fhir:CodeSystem:symptom")
    assert sum(observations.values()) == 4 * len(rows)


def test_sessions_outcomes_and_red_flags_are_in_it(bundle: dict):
    resources = [e["resource"] for e in bundle["entry"]]
    codes = Counter(r["code"]["coding"][0]["code"] for r in resources if "code" in r)
    assert codes["73985-4"] > 10 and codes["psfs-item"] > 10 and codes["grip-strength"] > 4
    session = next(r for r in resources if r.get("code", {}).get("coding", [{}])[0].get("code") == "73985-4"
                   and any(c["code"]["coding"][0]["code"] == "load" for c in r.get("component", [])))
    load = next(c for c in session["component"] if c["code"]["coding"][0]["code"] == "load")
    assert load["valueQuantity"]["system"] == "http://unitsofmeasure.org"
    assert load["valueQuantity"]["code"] in ("kg", "[lb_av]")
    assert "+01:00" in session["effectivePeriod"]["start"]  # the offset as recorded
    grip = next(r for r in resources if r.get("code", {}).get("coding", [{}])[0].get("code") == "grip-strength")
    assert grip["valueQuantity"]["code"] == "kg" and grip["bodySite"]["coding"][0]["code"] == "85562004"


def test_red_flag_observation_carries_its_severity(tmp_path: Path, journal, now):
    journal.report_red_flag("spreading-weakness", "urgent", now, note="dropped a cup")
    journal.resolve_red_flags(now)
    b = bundle_of(journal.path)
    flag = b["entry"][1]["resource"]
    assert flag["code"]["coding"][0]["code"] == "spreading-weakness"
    severity = flag["component"][0]["valueCodeableConcept"]["coding"][0]["code"]
    assert severity == "urgent" and flag["note"] == [{"text": "dropped a cup"}]


def test_empty_journal_bundle_is_valid(journal):
    from fhir.resources.R4B.bundle import Bundle

    b = bundle_of(journal.path, name="Ada Lovelace")
    Bundle.model_validate(b)
    assert [e["resource"]["resourceType"] for e in b["entry"]] == ["Patient"]
    assert b["entry"][0]["resource"]["name"] == [{"text": "Ada Lovelace"}]


def test_since_until_limit_the_observations(demo: Path, bundle: dict):
    from datetime import timedelta

    since = NOW.date() - timedelta(days=14)
    part = bundle_of(demo, since=since)
    assert 1 < len(part["entry"]) < len(bundle["entry"])
    for e in part["entry"][1:]:
        r = e["resource"]
        when = r.get("effectiveDateTime") or r["effectivePeriod"]["start"]
        assert when[:10] >= since.isoformat()


def test_cli_writes_a_0600_file_and_refuses_unwritable_paths(demo: Path, tmp_path: Path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(demo), "export", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip

    target = tmp_path / "b.json"
    done = run("--format", "fhir", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert (target.stat().st_mode & 0o777) == 0o600
    assert json.loads(target.read_text())["type"] == "collection"
    bad = run("--format", "fhir", "-o", str(tmp_path / "nowhere" / "b.json"))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr and not (tmp_path / "nowhere").exists()
    wrong = run("sets", "--format", "fhir")
    assert wrong.returncode == 2 and "leave out the table" in wrong.stderr


def test_csv_export_and_app_start_never_import_fhir_resources():
    code = ("import sys; import journal.exchange.csv_export, tui.app, tui.commands.export; "
            "print([m for m in sys.modules if m.startswith(('fhir', 'fpdf', 'pydantic'))])")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.mark.slow
def test_the_bundle_streams_memory_stays_flat(tmp_path: Path):
    """Six times the history, the same peak: entries are written as they are read, never
    held (a Bundle built whole would grow with the journal)."""
    import sqlite3
    import tracemalloc

    from catalogue import load_catalogue
    from journal.exchange.fhir import _models, write_bundle

    class Null(io.TextIOBase):
        written = 0

        def write(self, text: str) -> int:
            self.written += len(text)
            return len(text)

    _models()  # imported before measuring: the import is not the export
    peaks, sizes = [], []
    for days in (8, 48):
        path = tmp_path / f"{days}.db"
        make_demo(path, load_catalogue(), days=days)
        con = sqlite3.connect(path)
        out = Null()
        tracemalloc.start()
        con.execute("BEGIN")
        write_bundle(con, out, now=NOW)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        con.close()
        sizes.append(out.written)
    assert sizes[1] > 5 * sizes[0]
    assert peaks[1] <= 1.5 * peaks[0], peaks


def test_awkward_stored_text_still_gives_a_valid_bundle(journal, now):
    """Text a CSV import may have stored (an empty routine or exercise name, a note with a
    newline, a formula) still makes valid resources."""
    from fhir.resources.R4B.bundle import Bundle

    s = journal.start_session("r", "", now)
    journal.log_set(s.id, exercise_id="=odd-id", exercise_name="", set_number=1, now=now, reps=5,
                    load=2.5, load_unit="lb", note="a\nb")  # fmt: skip
    journal.record_checkins([{"region": "left_arm", "pain": 3, "note": "=1+1\nok"}], context="after",
                            now=now, session_id=s.id)  # fmt: skip
    b = bundle_of(journal.path)
    Bundle.model_validate(b)
    session = next(e["resource"] for e in b["entry"][1:] if e["resource"]["code"]["coding"][0]["code"] == "73985-4")
    assert "valueString" not in session  # an empty routine name is left out, not written as ""
    load = next(c for c in session["component"] if c["code"]["coding"][0]["code"] == "load")
    assert load["valueQuantity"]["code"] == "[lb_av]" and load["valueQuantity"]["value"] == 2.5


def test_two_journals_never_share_a_patient_or_an_observation(tmp_path: Path):
    """A clinic loading two people's Bundles must get two Patients (a new-user trial found every
    journal's Patient had one id)."""
    from datetime import timedelta

    from journal.api import Journal

    ids = []
    for n, path in enumerate((tmp_path / "a.db", tmp_path / "b.db")):
        with Journal.open(path) as j:
            j.update_profile(NOW + timedelta(minutes=n), units="kg", affected_side="left")
            j.record_checkins([{"region": "neck", "pain": 3, "numbness": 0, "tingling": 0, "weakness": 0}], context="ad_hoc", now=NOW)
        ids.append({e["resource"]["id"] for e in bundle_of(path)["entry"]})
    assert not ids[0] & ids[1]
