import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from juntos.events import services
from juntos.events.models import Event, EventAttendance, SignIn
from juntos.members import services as members
from juntos.members.models import Person
from tests.events.conftest import plan


def u(name, personas, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": personas.coalition.slug, **kwargs})


def kiosk_post(client, token, data, json=True):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(reverse("events_public:kiosk_sign", args=[token]), data, **headers)


# --- Planning through the pages -------------------------------------------------------------


def test_planning_an_event_through_the_form(personas):
    client = personas.client("core")
    start = timezone.localtime() + timedelta(days=40)
    response = client.post(
        u("add", personas),
        {
            "kind": "educational_forum",
            "title": "Know your rights",
            "hosts": [personas.member.pk, personas.other_member.pk],
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "venue_name": "Casa community center",
            "accessibility_notes": "Step-free entrance; Spanish interpretation.",
            "retention_days": 60,
        },
    )
    event = Event.objects.get(title="Know your rights")
    assert response.status_code == 302 and response["Location"].endswith(f"/events/{event.pk}/")
    assert event.steps.count() == 15 and event.retention_days == 60
    page = client.get(response["Location"])  # Cora reads Spanish: check the context
    assert (page.context["progress"].done, page.context["progress"].total) == (0, 15)
    assert "Spanish interpretation" in page.content.decode()


def test_planning_form_refuses_bad_input(personas):
    client = personas.client("host")
    start = timezone.localtime() + timedelta(days=40)
    response = client.post(
        u("add", personas),
        {
            "kind": "rally",
            "title": "<script>alert(1)</script>",
            "hosts": [personas.member.pk],
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "retention_days": -1,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"title_en", "ends_at", "retention_days"} <= set(errors)
    assert not Event.objects.exists()


def test_checklist_step_is_saved_and_htmx_gets_the_row(personas, event):
    step = event.steps.get(position=6)
    client = personas.client("rep")  # Casa Test hosts the event: its representative plans it
    response = client.post(
        u("step", personas, pk=event.pk, step_pk=step.pk),
        {"owner": Person.objects.get(user=personas.rep).pk, "due_on": "2030-01-02", "done": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'id="step-6"' in response.content.decode()
    step.refresh_from_db()
    assert step.done_at and str(step.due_on) == "2030-01-02"


def test_a_representative_of_another_organization_cannot_plan_it(personas, event):
    client = personas.client("other_rep")
    assert client.get(u("event", personas, pk=event.pk)).status_code == 200  # may read the plan
    assert client.get(u("edit", personas, pk=event.pk)).status_code == 403
    assert client.get(u("signins", personas, pk=event.pk)).status_code == 403


def test_drafts_are_for_members_only(personas):
    draft = plan(personas, status="draft")
    assert personas.client("supporter").get(u("event", personas, pk=draft.pk)).status_code in (
        403,
        404,
    )
    public = reverse("events_public:page", args=[personas.coalition.slug, draft.slug])
    assert personas.client(None).get(public).status_code == 404
    listing = personas.client("supporter").get(u("list", personas)).content.decode()
    assert draft.title not in listing


# --- Privacy: sign-in data for the event's hosts only ---------------------------------------


def test_signin_lists_are_for_the_events_hosts_only(personas, event):
    services.signin_record(
        event=event,
        list_kind="guest",
        client_id="privacy-0001",
        data={"name": "Private Person", "email": "private@example.org"},
    )
    # A second Core Team person whose organization does not host this event.
    from juntos.accounts.models import User

    outsider_core = User.objects.create_user(
        email="core2@test.example", password="x" * 20, full_name="Cato Core"
    )
    members.person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Cato Core",
        email=outsider_core.email,
        member=personas.other_member,
        role="core_team",
        user=outsider_core,
    )
    from django.test import Client

    core2 = Client()
    core2.force_login(outsider_core)
    url = u("signins", personas, pk=event.pk)
    assert core2.get(url).status_code == 403
    assert core2.get(u("sheet", personas, pk=event.pk, list_kind="guest")).status_code == 403
    plan_page = core2.get(u("event", personas, pk=event.pk)).content.decode()
    assert "Private Person" not in plan_page and "1</strong>" in plan_page  # the count only
    assert "Private Person" in personas.client("rep").get(url).content.decode()
    assert "Private Person" in personas.client("host").get(url).content.decode()
    public = reverse("events_public:page", args=[personas.coalition.slug, event.slug])
    assert "Private Person" not in personas.client(None).get(public).content.decode()


# --- The kiosk ------------------------------------------------------------------------------


def test_kiosk_signs_people_in_one_after_another_and_dedupes(personas, event):
    token = services.kiosk_token(event, "guest")
    client = personas.client(None)
    page = client.get(reverse("events_public:kiosk", args=[token]))
    assert page.status_code == 200 and b"kiosk.js" in page.content
    ids = re.findall(rb'name="client_id" value="([^"]+)"', page.content)
    assert len(ids) == 1
    data = {
        "client_id": ids[0].decode(),
        "name": "Ana Pérez",
        "email": "ana@example.org",
        "endorse": "on",
    }
    first = kiosk_post(client, token, data)
    assert first.status_code == 201
    assert first.json() == {"ok": True, "created": True, "postcard_to": []}
    retry = kiosk_post(client, token, data)  # the queue sends it again after a drop
    assert retry.status_code == 200 and retry.json()["created"] is False
    second = kiosk_post(client, token, {"client_id": "second-person-01", "name": "Luis"})
    assert second.status_code == 201
    assert SignIn.objects.filter(event=event).count() == 2
    assert event.actions.filter(kind="endorse").count() == 1
    # Without script the form posts and redirects back, ready for the next person.
    plain = kiosk_post(
        client, token, {"client_id": "no-script-0001", "name": "Sin Script"}, json=False
    )
    assert plain.status_code == 302 and plain["Location"].endswith("?thanks=1")


def test_kiosk_refuses_bad_input_without_saving(personas, event):
    client = personas.client(None)
    press = services.kiosk_token(event, "press")
    missing_outlet = kiosk_post(client, press, {"client_id": "press-x-00001", "name": "Jo"})
    assert missing_outlet.status_code == 400 and "organization" in missing_outlet.json()["errors"]
    markup = kiosk_post(
        client, press, {"client_id": "press-x-00002", "name": "<b>Jo</b>", "organization": "KSDK"}
    )
    assert markup.status_code == 400 and "name" in markup.json()["errors"]
    bad_id = kiosk_post(client, press, {"client_id": "x", "name": "Jo", "organization": "KSDK"})
    assert bad_id.status_code == 400
    consent_without_contact = kiosk_post(
        client,
        press,
        {"client_id": "press-x-00003", "name": "Jo", "organization": "KSDK", "may_contact": "on"},
    )
    assert consent_without_contact.status_code == 400
    assert not SignIn.objects.exists()


def test_kiosk_link_is_forged_locked_or_closed(personas, event):
    client = personas.client(None)
    token = services.kiosk_token(event, "guest")
    assert client.get(reverse("events_public:kiosk", args=["forged"])).status_code == 404
    services.kiosk_lock(event=event, actor=personas.host)
    assert client.get(reverse("events_public:kiosk", args=[token])).status_code == 404
    assert kiosk_post(client, token, {"client_id": "locked-00001", "name": "A"}).status_code == 404


def _house(personas, name, district, offices):
    from juntos.relationships.models import Contact

    return Contact.objects.create(
        coalition=personas.coalition,
        name=name,
        category="decision_maker",
        level="federal",
        chamber="lower",
        state="MO",
        district=district,
        offices=offices,
    )


WAGNER_OFFICES = [
    {"classification": "capitol", "address": "2350 Rayburn House Office Building"},
    {
        "classification": "district",
        "address": "Far, Cape Girardeau MO",
        "latitude": 37.3,
        "longitude": -89.5,
    },
    {
        "classification": "district",
        "address": "301 Sovereign Ct, Ballwin, MO 63011",
        "latitude": 38.59,
        "longitude": -90.55,
    },
]


def test_kiosk_postcard_goes_to_the_representative_of_the_guests_zip(personas, event):
    """The kiosk no longer lists every office in the country: the guest's ZIP finds their
    own representative, and the card goes to the district office nearest that ZIP."""
    wagner = _house(personas, "Ann Wagner", "2", WAGNER_OFFICES)
    client = personas.client(None)
    token = services.kiosk_token(event, "guest")
    page = client.get(reverse("events_public:kiosk", args=[token])).content.decode()
    assert "Ann Wagner" not in page and 'name="zip_code"' in page
    preview = client.get(
        reverse("events_public:kiosk_representative", args=[token]), {"zip_code": "63017"}
    ).content.decode()
    assert (
        "Your representative is" in preview and "Ann Wagner (U.S. Representative, MO-2)" in preview
    )
    sent = kiosk_post(
        client,
        token,
        {
            "client_id": "card-000001",
            "name": "Ana",
            "postcard": "on",
            "zip_code": "63017",
            "return_address": "12 Elm St, Chesterfield MO 63017",
        },
    )
    assert sent.status_code == 201 and sent.json()["postcard_to"] == ["Rep. Ann Wagner"]
    card = event.actions.get(kind="postcard")
    assert card.office == wagner and card.office_address.startswith("301 Sovereign Ct")
    assert card.return_address == "12 Elm St, Chesterfield MO 63017"
    # The ZIP itself is kept nowhere.
    assert not SignIn.objects.filter(event=event, organization__contains="63017").exists()
    # The Washington office when the event chooses it.
    event.postcard_office = "capitol"
    event.save(update_fields=["postcard_office"])
    kiosk_post(
        client,
        token,
        {"client_id": "card-000002", "name": "Luis", "postcard": "on", "zip_code": "63011"},
    )
    assert event.actions.get(name="Luis").office_address.startswith("2350 Rayburn")


def test_kiosk_split_zip_asks_which_district_and_i_dont_know_sends_to_each(personas, event):
    onder = _house(personas, "Robert F. Onder, Jr.", "3", [])
    smith = _house(personas, "Jason Smith", "8", [])
    client = personas.client(None)
    token = services.kiosk_token(event, "guest")
    preview = client.get(
        reverse("events_public:kiosk_representative", args=[token]), {"zip_code": "63012"}
    ).content.decode()
    assert "more than one district" in preview and "Jason Smith" in preview
    assert "I don&#x27;t know" in preview or "I don't know" in preview
    base = {"name": "Ana", "postcard": "on", "zip_code": "63012"}
    unanswered = kiosk_post(client, token, {**base, "client_id": "split-000001"})
    assert unanswered.status_code == 400 and "district" in unanswered.json()["errors"]
    assert not SignIn.objects.exists()
    kiosk_post(client, token, {**base, "client_id": "split-000002", "district": "MO-8"})
    assert [a.office for a in event.actions.filter(kind="postcard")] == [smith]
    kiosk_post(client, token, {**base, "client_id": "split-000003", "district": "all", "name": "B"})
    assert {a.office for a in event.actions.filter(name="B")} == {onder, smith}


def test_kiosk_zip_in_no_district_or_malformed_is_told_clearly(personas, event):
    client = personas.client(None)
    token = services.kiosk_token(event, "guest")
    base = {"name": "Ana", "postcard": "on"}
    nowhere = kiosk_post(client, token, {**base, "client_id": "nowhere-0001", "zip_code": "00501"})
    assert nowhere.status_code == 400 and "zip_code" in nowhere.json()["errors"]
    bad = kiosk_post(client, token, {**base, "client_id": "nowhere-0002", "zip_code": "6301"})
    assert bad.status_code == 400
    # A written-in office needs no ZIP.
    written = kiosk_post(
        client, token, {**base, "client_id": "nowhere-0003", "office_name": "Rep. Bell"}
    )
    assert written.status_code == 201
    assert event.actions.get(kind="postcard").office_name == "Rep. Bell"


# --- Paper, PDF, calendar --------------------------------------------------------------------


def test_paper_entries_are_typed_in_by_the_hosts(personas, event):
    client = personas.client("rep")
    response = client.post(
        u("signin_paper", personas, pk=event.pk),
        {
            "list": "press",
            "name": "Jo Reporter",
            "organization": "KWMU",
            "email": "jo@kwmu.example",
        },
    )
    assert response.status_code == 302
    row = SignIn.objects.get(event=event)
    assert (row.list, row.source, row.entered_by) == ("press", "paper", personas.rep)


def _page_size(pdf: bytes):
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return round(float(box.group(1))), round(float(box.group(2)))


def test_sign_in_sheet_fits_letter_and_a4(personas, event):
    services.guest_add(event=event, actor=personas.host, data={"name": "Sen. Diaz"})
    guest = event.guests.get()
    services.guest_rsvp(guest=guest, answer="yes")
    client = personas.client("host")
    letter = client.get(u("sheet", personas, pk=event.pk, list_kind="guest") + "?paper=letter")
    a4 = client.get(u("sheet", personas, pk=event.pk, list_kind="guest") + "?paper=a4")
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF")
    assert _page_size(letter.content) == (792, 612)  # landscape US Letter, in points
    assert _page_size(a4.content) == (842, 595)  # landscape A4
    assert client.get(u("sheet", personas, pk=event.pk, list_kind="vip")).status_code == 404


def test_public_page_ics_and_the_coalition_feed(personas, event):
    client = personas.client(None)
    page = client.get(reverse("events_public:page", args=[personas.coalition.slug, event.slug]))
    assert page.status_code == 200 and b".ics" in page.content
    assert b'name="language" value="es"' in page.content  # one tap to Spanish
    ics = client.get(reverse("events_public:ics", args=[personas.coalition.slug, event.slug]))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1 and f"UID:event-{event.pk}@" in body
    assert "SUMMARY:Test Coalition: Community forum on immigration" in body
    from juntos.governance.views import feed_token

    rep = Person.objects.get(user=personas.rep)
    feed = client.get(reverse("events:feed", args=[personas.coalition.slug, feed_token(rep)]))
    assert f"UID:event-{event.pk}@" in feed.content.decode()
    plan(personas, title="Secret draft", status="draft")
    feed = client.get(reverse("events:feed", args=[personas.coalition.slug, feed_token(rep)]))
    assert "Secret draft" not in feed.content.decode()
    # Events have their own feed; the meetings feed has meetings only.
    meetings = client.get(
        reverse("governance:feed", args=[personas.coalition.slug, feed_token(rep)])
    )
    assert f"UID:event-{event.pk}@" not in meetings.content.decode()


def test_rsvp_link_records_the_answer(personas, event):
    guest = services.guest_add(event=event, actor=personas.host, data={"name": "Sen. Diaz"})
    url = reverse("events_public:rsvp", args=[services.rsvp_token(guest)])
    client = personas.client(None)
    assert client.post(url, {"answer": "yes"}).status_code == 302
    guest.refresh_from_db()
    assert guest.rsvp == "yes"
    assert client.get(reverse("events_public:rsvp", args=["forged"])).status_code == 404


# --- Standing -------------------------------------------------------------------------------


def test_member_standing_counts_an_educational_event_it_hosted_or_joined(personas):
    detail = reverse("members:detail", args=[personas.coalition.slug, personas.other_member.pk])
    client = personas.client("host")

    def participations():
        return client.get(detail).context["standing"].participations

    assert participations() == 0
    started = timezone.now() - timedelta(hours=1)
    rally = plan(personas, kind="rally", title="Rally", start=started)
    EventAttendance.objects.create(event=rally, member=personas.other_member)
    assert participations() == 0  # a rally is not an educational event
    hosted = plan(personas, hosts=[personas.other_member], title="Hosted", start=started)
    assert participations() == 1
    joined = plan(personas, title="Joined", start=started)
    EventAttendance.objects.create(event=joined, member=personas.other_member)
    EventAttendance.objects.create(event=hosted, member=personas.other_member)  # counts once
    assert participations() == 2
    plan(personas, hosts=[personas.other_member], title="Future")  # not held yet
    assert participations() == 2


@pytest.mark.usefixtures("rendered_every_time")
def test_directory_query_count_stays_flat_with_events(personas, django_assert_max_num_queries):
    client = personas.client("host")
    url = reverse("members:directory", args=[personas.coalition.slug])
    started = timezone.now() - timedelta(hours=1)
    plan(personas, title="One", start=started)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for i in range(5):
        other = members.member_add(
            coalition=personas.coalition,
            actor=personas.host,
            data={"kind": "organization", "name": f"Org {i}"},
        )
        plan(personas, hosts=[other], title=f"Forum {i}", start=started)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- An event can belong to a campaign ------------------------------------------------------


def _campaign(coalition, title="IDs for every resident"):
    from juntos.campaigns.models import Campaign
    from juntos.members.models import Team

    team = Team.objects.filter(coalition=coalition).first() or Team.objects.create(
        coalition=coalition, kind="core_team", name="Core Team"
    )
    return Campaign.objects.create(coalition=coalition, team=team, title=title, issue=title)


def _event_post(personas, **extra):
    start = timezone.localtime() + timedelta(days=40)
    return {
        "kind": "community_forum",
        "title": "Forum on IDs",
        "hosts": [personas.member.pk],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "retention_days": 90,
        **extra,
    }


def test_planning_an_event_for_a_campaign_through_the_form(personas):
    ours = _campaign(personas.coalition)
    client = personas.client("host")
    # From the campaign's timeline the form comes with the campaign chosen.
    form = client.get(u("add", personas), {"campaign": ours.pk})
    assert form.context["form"]["campaign"].value() == ours.pk
    assert "IDs for every resident" in form.content.decode()
    response = client.post(u("add", personas), _event_post(personas, campaign=ours.pk))
    event = Event.objects.get()
    assert response.status_code == 302 and event.campaign == ours
    page = client.get(u("event", personas, pk=event.pk)).content.decode()
    assert reverse("campaigns:detail", args=[personas.coalition.slug, ours.pk]) in page
    assert reverse("campaigns:timeline", args=[personas.coalition.slug, ours.pk]) in page
    # Editing shows the campaign chosen and can take the event off it.
    edit = client.get(u("edit", personas, pk=event.pk))
    assert edit.context["form"]["campaign"].value() == ours.pk
    client.post(u("edit", personas, pk=event.pk), _event_post(personas, campaign=""))
    event.refresh_from_db()
    assert event.campaign is None


def test_the_form_offers_only_the_coalitions_own_campaigns(personas):
    theirs = _campaign(personas.other_coalition, title="Their campaign")
    _campaign(personas.coalition, title="Our campaign")
    client = personas.client("host")
    page = client.get(u("add", personas), {"campaign": theirs.pk})
    body = page.content.decode()
    assert "Our campaign" in body and "Their campaign" not in body
    assert page.context["form"]["campaign"].value() is None
    response = client.post(u("add", personas), _event_post(personas, campaign=theirs.pk))
    assert response.status_code == 200 and "campaign" in response.context["form"].errors
    assert not Event.objects.exists()


def test_the_form_hides_the_campaign_field_without_campaigns(personas):
    body = personas.client("host").get(u("add", personas)).content.decode()
    assert 'name="campaign"' not in body


def test_event_ics_answers_304_until_the_event_changes(personas, event):
    from juntos.events.services.planning import event_update

    client = personas.client(None)
    url = reverse("events_public:ics", args=[personas.coalition.slug, event.slug])
    first = client.get(url)
    again = client.get(url)
    assert first.content == again.content  # DTSTAMP is stable while nothing changes
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    event_update(event=event, actor=personas.host, data={"title": "Forum with a new title"})
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Forum with a new title" in changed.content.decode()
    assert changed["ETag"] != etag


def test_postcards_print_four_to_a_sheet_front_and_back_and_export_for_a_mail_house(
    personas, event
):
    wagner = _house(personas, "Ann Wagner", "2", WAGNER_OFFICES)
    client = personas.client(None)
    token = services.kiosk_token(event, "guest")
    for n in range(5):
        kiosk_post(
            client,
            token,
            {
                "client_id": f"sheet-card-{n:04d}",
                "name": f"Guest {n}",
                "postcard": "on",
                "zip_code": "63017",
                "return_address": "12 Elm St\nChesterfield MO 63017" if n == 0 else "",
            },
        )
    assert event.actions.filter(kind="postcard", office=wagner).count() == 5
    host = personas.client("host")
    printed = host.get(u("postcards", personas, pk=event.pk))
    assert printed["Content-Type"] == "application/pdf"
    # Five cards: two sheets, each a front page and a back page.
    assert printed.content.count(b"/Type /Page\n") + printed.content.count(b"/Type /Page ") == 4
    assert _page_size(printed.content) == (792, 612)
    exported = host.get(u("postcards_csv", personas, pk=event.pk))
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0][:4] == ["recipient", "recipient_body", "office_address", "salutation"]
    assert rows[1][:4] == [
        "The Honorable Ann Wagner",
        "U.S. House of Representatives",
        "301 Sovereign Ct, Ballwin, MO 63011",
        "Dear Rep. Wagner,",
    ]
    assert rows[1][4:6] == ["Guest 0", "12 Elm St, Chesterfield MO 63017"]
    assert len(rows) == 6


def test_postcards_are_written_in_the_postcards_language_not_the_hosts_screen(personas, event):
    """A Spanish-screen host prints English cards for an English event (and the default
    message asks the representative for support, naming the event; never the principles);
    an event written in Spanish prints Spanish cards for an English-screen host."""
    from django.conf import settings

    _house(personas, "Ann Wagner", "2", WAGNER_OFFICES)
    event.principles = "Our mission statement"
    event.language = "en"
    event.save(update_fields=["principles", "language"])
    token = services.kiosk_token(event, "guest")
    kiosk_post(
        personas.client(None),
        token,
        {"client_id": "lang-card-0001", "name": "Ana", "postcard": "on", "zip_code": "63017"},
    )
    host = personas.client("host")
    host.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    rows = list(csv.reader(io.StringIO(host.get(u("postcards_csv", personas, pk=event.pk)).text)))
    assert rows[1][:4] == [
        "The Honorable Ann Wagner",
        "U.S. House of Representatives",
        "301 Sovereign Ct, Ballwin, MO 63011",
        "Dear Rep. Wagner,",
    ]
    assert "I ask you to support" in rows[1][6] and event.title in rows[1][6]
    assert "mission" not in rows[1][6]
    event.language = "es"
    event.save(update_fields=["language"])
    host.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = list(csv.reader(io.StringIO(host.get(u("postcards_csv", personas, pk=event.pk)).text)))
    assert rows[1][3] == "Estimado/a Rep. Wagner:"
    assert rows[1][1] == "Cámara de Representantes de los EE. UU."
    assert rows[1][6].startswith("Como su constituyente")
    assert host.get(u("postcards", personas, pk=event.pk)).status_code == 200
