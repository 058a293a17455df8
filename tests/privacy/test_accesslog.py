"""Who read what: displays and exports of contact details, sign-in lists and one-to-ones by
anyone but the person are recorded, in one insert per request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from juntos.api.models import ApiToken
from juntos.privacy.models import AccessRecord
from juntos.relationships.services import one_to_one_log
from tests.privacy.helpers import person, share_contacts


def _member_page(personas, who, member):
    url = reverse("members:detail", args=[personas.coalition.slug, member.pk])
    return personas.client(who).get(url)


def test_seeing_someones_contact_details_is_recorded_with_who_whose_what_and_page(personas):
    olga = share_contacts(personas, "other_rep")
    response = _member_page(personas, "rep", personas.other_member)
    assert "other@test.example" in response.content.decode()
    record = AccessRecord.objects.get(person=olga)
    assert record.viewer == personas.rep and record.what == "contact"
    assert record.page == reverse(
        "members:detail", args=[personas.coalition.slug, personas.other_member.pk]
    )


def test_seeing_your_own_details_or_hidden_ones_is_not_recorded(personas):
    _member_page(personas, "rep", personas.member)  # their own organization
    _member_page(personas, "rep", personas.other_member)  # Olga has not consented
    assert not AccessRecord.objects.exists()


def test_records_are_written_in_one_insert_per_request(personas):
    share_contacts(personas, "other_rep")
    client = personas.client("host")
    url = reverse("members:directory", args=[personas.coalition.slug])
    client.get(url)
    url = reverse("members:detail", args=[personas.coalition.slug, personas.other_member.pk])
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    inserts = [q for q in queries if "privacy_accessrecord" in q["sql"].lower()]
    assert len(inserts) == 1


def test_api_reads_record_the_token(personas):
    olga = share_contacts(personas, "other_rep")
    token, raw = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="sync", scope="read"
    )
    response = personas.client(None).get(reverse("api:people"), HTTP_OSDI_API_TOKEN=raw)
    assert response.status_code == 200
    record = AccessRecord.objects.get(person=olga)
    assert record.token == token and record.viewer == personas.rep


def test_one_to_ones_and_sign_in_lists_are_recorded(personas):
    rep = person(personas, "rep")
    one_to_one_log(
        coalition=personas.coalition,
        actor=personas.core,
        organizer=person(personas, "core"),
        person=rep,
        cares_about="Housing",
    )
    personas.client("core").get(
        reverse("relationships:one_to_ones", args=[personas.coalition.slug])
    )
    assert AccessRecord.objects.filter(person=rep, what="one_to_one", viewer=personas.core).exists()


def test_hosts_see_who_has_seen_a_persons_details(personas):
    olga = share_contacts(personas, "other_rep")
    _member_page(personas, "rep", personas.other_member)
    url = reverse("privacy:person", args=[personas.coalition.slug, olga.pk])
    html = personas.client("host").get(url).content.decode()
    assert "Rene Rep" in html and "Contact details" in html


def test_attendance_and_sign_on_exports_are_recorded(personas, time_machine):
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
    rep = person(personas, "rep")
    governance.attendance_check_in(
        meeting=meeting, member=personas.member, person=rep, actor=personas.host
    )
    host = personas.client("host")
    slug = personas.coalition.slug
    b"".join(host.get(reverse("imports:export_attendance", args=[slug])).streaming_content)
    assert AccessRecord.objects.filter(person=rep, what="export", viewer=personas.host).exists()
    b"".join(host.get(reverse("imports:export_signons", args=[slug])).streaming_content)
    assert AccessRecord.objects.filter(ref="signons.csv", viewer=personas.host).exists()
