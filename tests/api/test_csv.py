"""CSV import with preview and export in Action Network's layout, consent honoured."""

import contextlib
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from juntos.api import csv_people, import_views, imports
from juntos.api.models import ImportJob
from juntos.members.models import Person, Tagging
from tests.conftest import make_coalition

AN_HEADER = [
    "first_name",
    "last_name",
    "email",
    "zip_code",
    "can2_phone",
    "can2_user_address",
    "can2_user_city",
    "can2_state_abbreviated",
    "can2_user_tags",
    "can2_subscription_status",
    "favorite_color",
]


def an_csv(rows, header=AN_HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


ROWS = [
    [
        "Ana",
        "Ruiz",
        "ana@example.org",
        "63110",
        "314-555-0101",
        "1 Main St",
        "St. Louis",
        "MO",
        "volunteer,spanish",
        "subscribed",
        "blue",
    ],
    ["Ben", "Lee", "ben@example.org", "64108", "", "", "Kansas City", "MO", "", "subscribed", ""],
    ["Ana", "R.", "ANA@example.org", "", "", "", "", "", "donor", "subscribed", ""],  # dup
    ["Bad", "Email", "not-an-email", "", "", "", "", "", "", "", ""],
    ["No", "Contact", "", "", "", "", "", "", "", "", ""],
    ["Zip", "Wrong", "zip@example.org", "6311", "", "", "", "", "", "", ""],
    ["Gone", "Away", "gone@example.org", "", "", "", "", "", "", "unsubscribed", ""],
]


def test_pure_mapping_and_refusal():
    assert csv_people.auto_mapping(AN_HEADER) == {
        "first_name": "first_name",
        "last_name": "last_name",
        "email": "email",
        "zip_code": "zip_code",
        "can2_phone": "phone",
        "can2_user_address": "address",
        "can2_user_city": "city",
        "can2_state_abbreviated": "state",
        "can2_user_tags": "tags",
        "can2_subscription_status": "subscription",
        "favorite_color": "custom",
    }
    assert csv_people.auto_mapping(["First", "E-mail", "Zip"]) == {
        "First": "first_name",
        "E-mail": "email",
        "Zip": "zip_code",
    }
    for header in (
        "Immigration Status",
        "citizenship",
        "Visa type",
        "estatus migratorio",
        "A-Number",
        "DACA recipient",
        "Country of birth",
        "undocumented?",
    ):
        assert csv_people.refused_columns(["email", header]) == [header], header
    assert csv_people.refused_columns(["email", "status", "subscription_status"]) == []


@pytest.fixture
def upload(personas, monkeypatch):
    # In tests the import runs in the request, not in a thread.
    monkeypatch.setattr(
        import_views, "_start_import", lambda job_id: imports.run(ImportJob.objects.get(pk=job_id))
    )

    def send(content, name="people.csv"):
        url = reverse("imports:start", args=[personas.coalition.slug])
        return personas.client("host").post(url, {"file": SimpleUploadedFile(name, content)})

    return send


def test_preview_counts_and_lists_errors_then_confirm_imports(personas, upload):
    before = Person.objects.count()
    response = upload(an_csv(ROWS))
    job = ImportJob.objects.get()
    assert job.summary == {
        "new": 3,
        "updated": 0,
        "merged": 1,
        "errors": 3,
        "custom_columns": ["favorite_color"],  # shown, kept, never dropped silently
        "left_out": [],
    }
    assert [line for line, _ in job.errors] == [5, 6, 7]
    assert "not valid" in job.errors[0][1] and "email or a phone" in job.errors[1][1]
    assert Person.objects.count() == before  # nothing yet
    page = personas.client("host").get(response["Location"]).content.decode()
    assert "3 new people" in page and "favorite_color" in page
    personas.client("host").post(response["Location"], {"action": "confirm"})
    job.refresh_from_db()
    assert job.status == "done"
    ana = Person.objects.get(email="ana@example.org")
    assert ana.full_name == "Ana Ruiz" and ana.phone == "+13145550101" and ana.state == "MO"
    assert sorted(Tagging.objects.filter(person=ana).values_list("tag__name", flat=True)) == [
        "donor",
        "spanish",
        "volunteer",
    ]
    assert Person.objects.get(email="gone@example.org").unsubscribed_at is not None
    assert Person.objects.count() == before + 3


def test_existing_people_keep_their_values_and_get_blanks_filled(personas, upload):
    rene = Person.objects.get(user=personas.rep)
    upload(an_csv([["Someone", "Else", "rep@test.example", "63101", "", "", "", "", "", "", ""]]))
    job = ImportJob.objects.get()
    assert job.summary["updated"] == 1
    imports.run(job)
    rene.refresh_from_db()
    assert rene.full_name == "Rene Rep" and rene.zip_code == "63101"


def test_status_column_is_refused_with_an_explanation(personas, upload):
    response = upload(
        an_csv(
            [["A", "B", "a@b.org", "", "", "", "", "", "", "", "x"]],
            header=[*AN_HEADER[:-1], "immigration_status"],
        )
    )
    assert "never stores" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_not_csv_is_refused(personas, upload):
    response = upload(b"\xff\xfe\x00binary", name="people.csv")
    assert "not UTF-8" in response.content.decode()
    response = upload(b"%PDF", name="people.pdf")
    assert "csv" in response.content.decode().lower()
    assert not ImportJob.objects.exists()


def test_hand_mapping_for_another_layout(personas, upload):
    upload(
        an_csv([["Carla", "carla@example.org", "417-555-0123"]], header=["Nombre", "Correo", "Tel"])
    )
    job = ImportJob.objects.get()
    assert set(job.mapping.values()) == {"custom"}  # unknown columns are kept until mapped
    url = reverse("imports:job", args=[personas.coalition.slug, job.pk])
    personas.client("host").post(
        url, {"action": "remap", "col0": "first_name", "col1": "email", "col2": "phone"}
    )
    job.refresh_from_db()
    assert job.summary["new"] == 1
    personas.client("host").post(url, {"action": "confirm"})
    assert Person.objects.get(email="carla@example.org").phone == "+14175550123"


def test_all_rows_or_none(personas, upload, monkeypatch):
    rows = [
        [f"P{i}", "X", f"p{i}@example.org", "", "", "", "", "", "", "", ""] for i in range(5000)
    ]
    upload(an_csv(rows))
    job = ImportJob.objects.get()
    calls = {"n": 0}
    real = imports._write

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "_write", failing)
    before = Person.objects.count()
    with pytest.raises(RuntimeError):
        imports.run(job)
    job.refresh_from_db()
    assert job.status == "failed" and "disk full" in job.summary["failure"]
    assert Person.objects.count() == before


def test_export_honours_consent_and_role(personas):
    url = reverse("imports:export_people", args=[personas.coalition.slug])
    host_csv = b"".join(personas.client("host").get(url).streaming_content).decode()
    rep_csv = b"".join(personas.client("rep").get(url).streaming_content).decode()
    assert "other@test.example" in host_csv and "supporter@test.example" in host_csv
    assert "other@test.example" not in rep_csv and "Olga" in rep_csv
    assert "Sol" not in rep_csv
    assert personas.client("supporter").get(url).status_code == 403


def test_round_trip_export_then_import_into_an_empty_coalition(personas, monkeypatch):
    from juntos.members.services import person_add

    person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Lupe Díaz",
        email="lupe@example.org",
        phone="+16605550147",
        role="supporter",
    )
    url = reverse("imports:export_people", args=[personas.coalition.slug])
    exported = b"".join(personas.client("host").get(url).streaming_content)
    empty = make_coalition(slug="empty", name="Empty")
    job = imports.job_create(
        coalition=empty, actor=personas.host, upload=SimpleUploadedFile("export.csv", exported)
    )
    imports.preview(job)
    imports.run(job)

    def snapshot(coalition):
        return sorted(
            (p.full_name, p.email, p.phone)
            for p in Person.objects.filter(coalition=coalition).exclude(email="")
        )

    assert snapshot(empty) == snapshot(personas.coalition)


def test_attendance_export_dates_a_meeting_by_the_coalitions_calendar(personas, time_machine):
    # 19:00 in Chicago on 1 March is already 2 March in UTC.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from juntos.governance import services as governance

    time_machine.move_to(datetime(2027, 3, 1, 19, 5, tzinfo=ZoneInfo("America/Chicago")))

    meeting = governance.meeting_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="regular",
        starts_at=datetime(2027, 3, 1, 19, tzinfo=ZoneInfo("America/Chicago")),
        place="Union Hall",
    )
    governance.attendance_check_in(
        meeting=meeting, member=personas.member, person=None, actor=personas.host
    )
    url = reverse("imports:export_attendance", args=[personas.coalition.slug])
    response = personas.client("host").get(url)
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["member"], r["date"]) for r in rows] == [("Casa Test", "2027-03-01")]


def _snapshot(coalition):
    rows = []
    for p in Person.objects.filter(coalition=coalition).select_related("member", "user"):
        rows.append(
            (
                p.email or p.phone,
                p.given_name,
                p.family_name,
                p.full_name,
                p.phone,
                p.address,
                p.city,
                p.state,
                p.zip_code,
                p.country,
                p.email_status,
                p.sms_status,
                sorted(p.custom_fields.items()),
                p.language,
                p.role or "contact",
                p.member.name if p.member_id else "",
                sorted(p.taggings.values_list("tag__name", flat=True)),
                [i for i in p.identifiers if not i.startswith("juntos:")],
            )
        )
    return sorted(rows)


def test_lossless_round_trip_of_every_field_into_a_fresh_coalition(personas):
    from juntos.members.models import Member, Tag

    coalition = personas.coalition
    lupe = Person.objects.create(
        coalition=coalition,
        given_name="María José",
        family_name="García López",
        email="mj@example.org",
        phone="+14165550147",
        address="12 Queen St W",
        city="Toronto",
        state="ON",
        zip_code="M5H 2N2",
        country="CA",
        sms_status="unsubscribed",
        email_status="spam complaint",
        custom_fields={"shirt": "M", "first_action": "2026 rally"},
        identifiers=["action_network:aa-11"],
        preferred_language="es",
        role="supporter",
    )
    Tagging.objects.create(person=lupe, tag=Tag.objects.create(coalition=coalition, name="sms"))
    Person.objects.create(
        coalition=coalition, full_name="Phone Only", phone="+13145550148", role=""
    )
    url = reverse("imports:export_people", args=[coalition.slug])
    exported = b"".join(personas.client("host").get(url).streaming_content)

    fresh = make_coalition(slug="fresh", name="Fresh")
    for member in Member.objects.filter(coalition=coalition):  # the same members, set up
        Member.objects.create(coalition=fresh, name=member.name, kind=member.kind)
    job = imports.job_create(
        coalition=fresh, actor=personas.host, upload=SimpleUploadedFile("export.csv", exported)
    )
    imports.preview(job)
    assert job.summary["errors"] == 0 and job.summary["left_out"] == []
    imports.run(job)
    assert _snapshot(fresh) == _snapshot(coalition)
    # Each person remembers where they came from.
    copy = Person.objects.get(coalition=fresh, email="mj@example.org")
    assert f"juntos:{lupe.uuid}" in copy.identifiers

    # Importing the same file again changes nothing and duplicates nobody.
    job = imports.job_create(
        coalition=fresh, actor=personas.host, upload=SimpleUploadedFile("export.csv", exported)
    )
    imports.preview(job)
    imports.run(job)
    assert _snapshot(fresh) == _snapshot(coalition)


def test_action_network_export_layout_maps_itself(personas, upload):
    header = [
        "uuid",
        "first_name",
        "last_name",
        "email",
        "zip_code",
        "can2_phone",
        "can2_sms_status",
        "can2_subscription_status",
        "can2_user_address",
        "can2_user_city",
        "can2_user_state",
        "can2_country",
        "can2_user_tags",
        "Volunteer Interest",
    ]
    mapping = csv_people.auto_mapping(header)
    assert mapping["can2_user_state"] == "state" and mapping["uuid"] == "identifier"
    assert mapping["Volunteer Interest"] == "custom"
    upload(
        an_csv(
            [
                [
                    "d1f0-77",
                    "Sofía",
                    "de la Cruz",
                    "sofia@example.org",
                    "H2X 1Y4",
                    "+1 514 555 0100",
                    "subscribed",
                    "unsubscribed",
                    "1 Rue X",
                    "Montréal",
                    "QC",
                    "CA",
                    "a,b",
                    "phone bank",
                ]
            ],
            header=header,
        )
    )
    job = ImportJob.objects.get()
    imports.run(job)
    sofia = Person.objects.get(email="sofia@example.org")
    assert (sofia.given_name, sofia.family_name) == ("Sofía", "de la Cruz")
    assert (sofia.country, sofia.state, sofia.zip_code) == ("CA", "QC", "H2X 1Y4")
    assert sofia.identifiers == ["action_network:d1f0-77"]
    assert sofia.custom_fields == {"Volunteer Interest": "phone bank"}
    assert (sofia.email_status, sofia.sms_status) == ("unsubscribed", "subscribed")
    assert sofia.unsubscribed_at is not None


def test_an_unsubscribe_in_a_file_applies_to_people_already_here(personas, upload):
    here = Person.objects.create(
        coalition=personas.coalition, full_name="Here", email="here@example.org", role="supporter"
    )
    assert here.email_status == "subscribed" and here.unsubscribed_at is None
    upload(an_csv([["H", "", "here@example.org", "", "", "", "", "", "", "unsubscribed", ""]]))
    imports.run(ImportJob.objects.get())
    here.refresh_from_db()
    assert here.email_status == "unsubscribed" and here.unsubscribed_at is not None
    # And a later file saying "subscribed" does not undo it.
    ImportJob.objects.all().delete()
    upload(an_csv([["H", "", "here@example.org", "", "", "", "", "", "", "subscribed", ""]]))
    imports.run(ImportJob.objects.get())
    here.refresh_from_db()
    assert here.email_status == "unsubscribed"


def test_preview_line_numbers_are_the_files_physical_lines(personas, upload):
    content = (
        b"first_name,email,can2_user_address\n"
        b'Ana,ana@example.org,"1 Main St\nApt 2"\n'
        b"Bad,not-an-email,\n"
    )
    upload(content)
    job = ImportJob.objects.get()
    assert job.errors == [[4, "email 'not-an-email' is not valid"]]


def test_export_can_start_with_a_byte_order_mark_for_spreadsheets(personas):
    url = reverse("imports:export_people", args=[personas.coalition.slug])
    plain = b"".join(personas.client("host").get(url).streaming_content)
    marked = b"".join(personas.client("host").get(url + "?bom=1").streaming_content)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked.startswith(b"\xef\xbb\xbf") and marked[3:] == plain


def test_imports_fire_webhooks_with_the_osdi_person(
    personas, upload, django_capture_on_commit_callbacks
):
    from juntos.api.models import Webhook, WebhookDelivery

    Webhook.objects.create(
        coalition=personas.coalition,
        url="https://hooks.example.org/x",
        events=["person.created"],
        secret="k",
    )
    upload(an_csv([["Nu", "Eva", "nu@example.org", "", "", "", "", "", "", "", ""]]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        imports.run(ImportJob.objects.get())
    for callback in callbacks:
        with contextlib.suppress(Exception):  # the delivery itself may fail offline
            callback()
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "person.created"
    assert delivery.payload["data"]["email_addresses"][0]["address"] == "nu@example.org"
