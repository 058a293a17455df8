"""Importing officials from public data: the real snapshots in ../shared/data and broken
files. Nothing of a bad import may be left behind."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from juntos.audit.models import AuditEntry
from juntos.relationships.importer import read_path
from juntos.relationships.models import Contact
from juntos.relationships.services import officials_import

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
MO = DATA / "openstates-people" / "mo" / "legislature"
CONGRESS = DATA / "congress-legislators" / "legislators-current.yaml"
OFFICES = DATA / "congress-legislators" / "legislators-district-offices.yaml"

needs_data = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"public data snapshots not found at {DATA} (../shared/data)"
)

PERSON = {
    "id": "ocd-person/00000000-0000-4000-8000-000000000001",
    "name": "Pat Example",
    "party": [{"name": "Independent"}],
    "roles": [
        {
            "type": "upper",
            "jurisdiction": "ocd-jurisdiction/country:us/state:mo/government",
            "district": "7",
        }
    ],
    "offices": [{"classification": "capitol", "address": "201 W Capitol", "voice": "573-555-0100"}],
    "email": "pat@example.org",
}


def write(folder: Path, name: str, data) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def person(n: int, **changes) -> dict:
    data = {**PERSON, "id": f"ocd-person/00000000-0000-4000-8000-{n:012d}", "name": f"P {n}"}
    data.update(changes)
    return data


def run(path, slug="test-coalition", **kwargs):
    out = StringIO()
    call_command("import-officials", str(path), "--coalition", slug, stdout=out, **kwargs)
    return out.getvalue()


# ---- the real snapshots ------------------------------------------------------------------


@needs_data
def test_missouri_legislature_imports_192_people_findable_by_chamber_and_district(personas):
    output = run(MO)
    assert "192 officials read" in output and "192 added" in output
    mo = Contact.objects.filter(coalition=personas.coalition, source="openstates")
    assert mo.count() == 192
    assert mo.filter(chamber="upper").count() == 34
    assert mo.filter(chamber="lower").count() == 158
    assert set(mo.values_list("state", flat=True)) == {"MO"}
    crossley = mo.get(ocd_id="ocd-person/ba6eb394-0402-49ba-9917-c5618d8a1589")
    assert (crossley.name, crossley.chamber, crossley.district) == ("Aaron Crossley", "lower", "29")
    assert crossley.party == "Democratic" and crossley.email == "aaron.crossley@house.mo.gov"
    assert crossley.offices[0]["voice"] == "573-751-3623"
    # Other coalitions see none of it.
    assert not Contact.objects.filter(coalition=personas.other_coalition).exists()


@needs_data
def test_congress_imports_537_with_district_offices(personas):
    run(CONGRESS, offices=str(OFFICES))
    congress = Contact.objects.filter(coalition=personas.coalition, source="congress")
    assert congress.count() == 537
    assert congress.filter(chamber="upper").count() == 100
    assert congress.filter(chamber="upper", state="MO").count() == 2
    assert congress.filter(chamber="lower", state="MO").count() == 8
    wicker = congress.get(bioguide_id="W000437")
    kinds = [o["classification"] for o in wicker.offices]
    assert kinds[0] == "capitol" and "district" in kinds


@needs_data
def test_reimport_is_idempotent(personas):
    run(MO)
    run(CONGRESS)
    first = dict(Contact.objects.values_list("pk", "updated_at"))
    output = run(MO)
    assert "0 added, 0 updated, 192 unchanged, 0 marked out of office" in output
    run(CONGRESS)
    assert Contact.objects.count() == 192 + 537
    assert dict(Contact.objects.values_list("pk", "updated_at")) == first


@needs_data
def test_reimport_updates_and_marks_who_left_office(personas, tmp_path):
    folder = tmp_path / "mo"
    shutil.copytree(MO, folder)
    run(folder)
    files = sorted(folder.glob("*.yml"))
    gone, changed = files[0], files[1]
    gone_id = yaml.safe_load(gone.read_text())["id"]
    data = yaml.safe_load(changed.read_text())
    data["email"] = "new-address@example.org"
    changed.write_text(yaml.safe_dump(data))
    gone.unlink()
    output = run(folder)
    assert "0 added, 1 updated, 190 unchanged, 1 marked out of office" in output
    assert Contact.objects.count() == 192
    left = Contact.objects.get(ocd_id=gone_id)
    assert left.in_office is False
    assert Contact.objects.get(ocd_id=data["id"]).email == "new-address@example.org"
    # Coming back puts them in office again, still the same row.
    shutil.copy(MO / gone.name, gone)
    run(folder)
    assert Contact.objects.get(pk=left.pk).in_office is True


def test_a_role_that_ended_means_out_of_office(personas, tmp_path):
    roles = [{**PERSON["roles"][0], "end_date": "2020-01-06"}]
    write(tmp_path, "a.yml", person(1, roles=roles))
    batch = read_path(tmp_path, today=date(2024, 1, 1))
    assert batch.officials[0].in_office is False


def test_import_into_two_coalitions_keeps_them_apart(personas, tmp_path):
    write(tmp_path, "a.yml", person(1))
    run(tmp_path)
    run(tmp_path, slug="other-coalition")
    assert Contact.objects.filter(ocd_id=person(1)["id"]).count() == 2


def test_import_is_audited(personas, tmp_path):
    write(tmp_path, "a.yml", person(1))
    run(tmp_path)
    entry = AuditEntry.objects.get(action="officials.imported")
    assert entry.coalition == personas.coalition and entry.changes["created"] == [None, 1]


# ---- malformed files -----------------------------------------------------------------------


def assert_refused(path, *fragments, **kwargs):
    before = Contact.objects.count()
    with pytest.raises(CommandError) as info:
        run(path, **kwargs)
    message = str(info.value)
    assert "Nothing imported" in message
    for fragment in fragments:
        assert fragment in message, message
    assert Contact.objects.count() == before
    return message


def test_missing_id_names_file_and_field(personas, tmp_path):
    write(tmp_path, "good.yml", person(1))
    bad = person(2)
    del bad["id"]
    write(tmp_path, "bad.yml", bad)
    assert_refused(tmp_path, f"{tmp_path / 'bad.yml'}: id: missing")


def test_wrong_types_name_the_field(personas, tmp_path):
    write(tmp_path, "a.yml", person(1, roles="upper"))
    write(tmp_path, "b.yml", person(2, party="Independent"))
    write(tmp_path, "c.yml", person(3, offices=[{"classification": "capitol", "voice": 5735550}]))
    write(tmp_path, "d.yml", person(4, id=12345))
    assert_refused(
        tmp_path,
        "a.yml: roles: must be a non-empty list",
        "b.yml: party: must be a list, not str",
        "c.yml: offices[0].voice: must be text, not int",
        "d.yml: id: must be an ocd-person id",
    )


def test_non_yaml_file_is_refused_and_nothing_else_is_imported(personas, tmp_path):
    for n in range(1, 6):
        write(tmp_path, f"p{n}.yml", person(n))
    write(tmp_path, "broken.yml", "id: [unclosed\nname: {oops: \n")
    assert_refused(tmp_path, "broken.yml: (file): not valid YAML")


def test_binary_or_scalar_file_is_refused(personas, tmp_path):
    (tmp_path / "x.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert_refused(tmp_path / "x.yaml", "x.yaml: (file)")
    write(tmp_path / "s", "s.yml", "just a sentence")
    assert_refused(tmp_path / "s", "neither an Open States person nor a congress-legislators list")


def test_empty_file_and_missing_path(personas, tmp_path):
    write(tmp_path, "empty.yml", "")
    assert_refused(tmp_path, "empty.yml: (file): empty")
    assert_refused(tmp_path / "nowhere", "no such file or folder")


def test_congress_errors_name_the_entry_and_field(personas, tmp_path):
    good = {
        "id": {"bioguide": "A000001"},
        "name": {"first": "Ann", "last": "Able"},
        "terms": [{"type": "rep", "state": "MO", "district": 1, "party": "Democrat"}],
    }
    bad_id = {**good, "id": {"govtrack": 1}}
    bad_district = {**good, "id": {"bioguide": "B000002"}}
    bad_district["terms"] = [{**good["terms"][0], "district": "first"}]
    path = write(tmp_path, "legislators-current.yaml", [good, bad_id, bad_district])
    assert_refused(
        path,
        "legislators-current.yaml: [1].id.bioguide: missing",
        "[2].terms[0].district: must be a number, not str",
    )


def test_the_same_person_twice_is_refused(personas, tmp_path):
    write(tmp_path, "a.yml", person(1))
    write(tmp_path, "b.yml", person(1))
    assert_refused(tmp_path, "also appears in")


def test_unknown_coalition(personas, tmp_path):
    write(tmp_path, "a.yml", person(1))
    with pytest.raises(CommandError, match="No coalition"):
        run(tmp_path, slug="nope")


def test_a_failure_while_writing_rolls_everything_back(personas, tmp_path, monkeypatch):
    for n in range(1, 4):
        write(tmp_path, f"p{n}.yml", person(n))
    batch = read_path(tmp_path)
    from juntos.relationships import services

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit_record", explode)
    with pytest.raises(RuntimeError):
        officials_import(coalition=personas.coalition, batch=batch)
    assert Contact.objects.count() == 0


@needs_data
def test_congress_folder_reads_members_and_district_offices_together(personas, tmp_path):
    folder = tmp_path / "congress"
    shutil.copytree(CONGRESS.parent, folder)
    run(folder)
    assert Contact.objects.filter(source="congress").count() == 537
    wicker = Contact.objects.get(bioguide_id="W000437")
    assert any(o["classification"] == "district" for o in wicker.offices)


def test_import_from_a_url(personas, tmp_path):
    import http.server
    import threading
    from functools import partial

    write(tmp_path, "person.yml", person(7))
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        output = run(f"http://127.0.0.1:{server.server_address[1]}/person.yml")
    finally:
        server.shutdown()
    assert "1 added" in output
    assert Contact.objects.get(ocd_id=person(7)["id"]).name == "P 7"


def test_relationship_kind_is_checked_by_the_service(personas):
    from django.core.exceptions import ValidationError

    from juntos.relationships.services import relationship_add

    a = Contact.objects.create(coalition=personas.coalition, name="A")
    b = Contact.objects.create(coalition=personas.coalition, name="B")
    with pytest.raises(ValidationError):
        relationship_add(
            coalition=personas.coalition, actor=personas.host, source=a, target=b, kind="owns"
        )
