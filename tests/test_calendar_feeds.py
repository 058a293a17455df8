"""Calendar feeds read with an independent iCalendar parser: SEQUENCE counts the changes a
calendar must show (and not a save that changes nothing), DTSTAMP and LAST-MODIFIED are
when the entry last changed, ETag/Last-Modified answer 304, and each feed shows what the
token's person sees on the pages."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from juntos.campaigns import services as campaigns
from juntos.campaigns.models import Campaign, KeyDate, Tactic
from juntos.charter.models import Coalition
from juntos.events import services as events
from juntos.governance import services as governance
from juntos.governance.ical import feed_token
from juntos.members.models import Person
from tests.events.conftest import plan

pytestmark = pytest.mark.django_db

T0 = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)  # a Tuesday, 9:00 in Chicago


@pytest.fixture(autouse=True)
def _personas_before_t0(request):
    """The coalition and its people were last changed before T0, whatever the machine's
    clock said when the personas were made (CI runs the suite at other dates): the feeds'
    Last-Modified counts those changes too."""
    if "personas" in request.fixturenames:
        p = request.getfixturevalue("personas")
        earlier = T0 - timedelta(days=30)
        Coalition.objects.filter(pk=p.coalition.pk).update(updated_at=earlier)
        Person.objects.filter(coalition=p.coalition).update(updated_at=earlier)


def person(p, user) -> Person:
    return Person.objects.get(coalition=p.coalition, user=user)


def read(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content.decode())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def meetings_feed(p, who):
    token = feed_token(person(p, who))
    return reverse("governance:feed", kwargs={"slug": p.coalition.slug, "token": token})


def events_feed(p, who):
    token = feed_token(person(p, who))
    return reverse("events:feed", kwargs={"slug": p.coalition.slug, "token": token})


def campaign_feed(p, who, campaign):
    token = feed_token(person(p, who))
    kwargs = {"slug": p.coalition.slug, "pk": campaign.pk, "token": token}
    return reverse("campaigns:feed", kwargs=kwargs)


def a_meeting(p, **extra):
    return governance.meeting_add(
        coalition=p.coalition,
        actor=p.host,
        kind=extra.pop("kind", "regular"),
        starts_at=T0 + timedelta(days=10),
        place="Union Hall",
        **extra,
    )


def test_meeting_sequence_counts_what_a_calendar_must_show(personas):
    with time_machine.travel(T0, tick=False):
        m = a_meeting(personas)
    assert (m.sequence, m.calendar_changed_at) == (0, T0)
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        governance.meeting_update(meeting=m, actor=personas.host, place="Union Hall")
        governance.minutes_update(
            meeting=m, actor=personas.host, parking_lot="Later", takeaways="", item_notes={}
        )
    m.refresh_from_db()
    assert (m.sequence, m.calendar_changed_at) == (0, T0)  # nothing the feed shows changed
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        governance.meeting_update(meeting=m, actor=personas.host, accessibility_notes="Ramp")
    m.refresh_from_db()
    # A new note changes the entry, not the appointment: no SEQUENCE, a new change time.
    assert (m.sequence, m.calendar_changed_at) == (0, T0 + timedelta(hours=2))
    with time_machine.travel(T0 + timedelta(hours=3), tick=False):
        governance.meeting_update(meeting=m, actor=personas.host, place="Casa")
        governance.meeting_move(
            meeting=m, actor=personas.host, starts_at=m.starts_at + timedelta(days=1), reason="Ice"
        )
    with time_machine.travel(T0 + timedelta(hours=4), tick=False):
        governance.meeting_cancel(meeting=m, actor=personas.host, reason="Snow")
    m.refresh_from_db()
    assert m.sequence == 3

    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        entry = read(personas.client(None).get(meetings_feed(personas, personas.rep)))[
            f"meeting-{m.pk}@{personas.coalition.slug}.juntos"
        ]
    assert entry["SEQUENCE"] == 3 and entry["STATUS"] == "CANCELLED"
    assert entry.decoded("DTSTAMP") == T0 + timedelta(hours=4)  # not the time of the request
    assert entry.decoded("LAST-MODIFIED") == T0 + timedelta(hours=4)
    assert entry.decoded("DTSTART") == T0 + timedelta(days=11)
    assert str(entry["LOCATION"]) == "Casa"


def test_meetings_feed_is_stable_and_answers_304(personas):
    with time_machine.travel(T0, tick=False):
        m = a_meeting(personas)
    client = personas.client(None)
    address = meetings_feed(personas, personas.rep)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        first = client.get(address)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        again = client.get(address)
    assert first.content == again.content and first["ETag"] == again["ETag"]
    assert first["Last-Modified"] == "Tue, 02 Mar 2027 15:00:00 GMT"
    assert "private" in first["Cache-Control"]

    with CaptureQueriesContext(connection) as queries:
        unchanged = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    # The validator is one aggregate: no meeting's row is read for a 304.
    meeting_reads = [q["sql"] for q in queries if "governance_meeting" in q["sql"]]
    assert len(meeting_reads) == 1 and "MAX(" in meeting_reads[0].upper()
    since = client.get(address, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    earlier = client.get(address, headers={"If-Modified-Since": "Mon, 01 Mar 2027 15:00:00 GMT"})
    assert earlier.status_code == 200
    assert client.get(address, headers={"If-None-Match": '"other"'}).status_code == 200

    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        governance.meeting_update(meeting=m, actor=personas.host, title="Budget night")
    changed = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert changed["Last-Modified"] == "Fri, 05 Mar 2027 15:00:00 GMT"
    # A new meeting changes the validator even when it is older than the last change.
    with time_machine.travel(T0, tick=False):
        a_meeting(personas, kind="special", title="Extra")
    assert client.get(address, headers={"If-None-Match": changed["ETag"]}).status_code == 200


def test_meetings_feed_follows_the_readers_role(personas):
    with time_machine.travel(T0, tick=False):
        a_meeting(personas, title="Open meeting")
        core = a_meeting(personas, kind="core_team", title="Core strategy")
    client = personas.client(None)
    rep_feed = client.get(meetings_feed(personas, personas.rep))
    assert [str(e["SUMMARY"]) for e in read(rep_feed).values()] == ["Test Coalition: Open meeting"]
    uid = f"meeting-{core.pk}@{personas.coalition.slug}.juntos"
    assert uid in read(client.get(meetings_feed(personas, personas.core)))
    assert uid in read(client.get(meetings_feed(personas, personas.host)))
    # Supporters have no meetings feed; a forged token has none either.
    assert client.get(meetings_feed(personas, personas.supporter)).status_code == 404
    forged = reverse("governance:feed", kwargs={"slug": personas.coalition.slug, "token": "x"})
    assert client.get(forged).status_code == 404
    # A token names a person of one coalition only.
    other = Coalition.objects.create(slug="elsewhere-feeds", name="Elsewhere")
    rep_token = feed_token(person(personas, personas.rep))
    elsewhere = reverse("governance:feed", kwargs={"slug": other.slug, "token": rep_token})
    assert client.get(elsewhere).status_code == 404
    # Promoted to the Core Team: the same address now shows the Core Team meeting, and the
    # copy the calendar kept is not current any more.
    Person.objects.filter(user=personas.rep).update(role="core_team", updated_at=T0)
    promoted = client.get(
        meetings_feed(personas, personas.rep), headers={"If-None-Match": rep_feed["ETag"]}
    )
    assert uid in read(promoted)


def test_a_feed_address_stays_the_same_and_old_addresses_still_work(personas):
    from django.core import signing

    from juntos.governance.ical import FEED_SALT

    rep = person(personas, personas.rep)
    with time_machine.travel(T0, tick=False):
        first = feed_token(rep)
    with time_machine.travel(T0 + timedelta(days=400), tick=False):
        assert feed_token(rep) == first  # pasted into a calendar once, kept for years
    client = personas.client(None)
    slug = personas.coalition.slug
    # An address given out before tokens stopped carrying their time of signing.
    with time_machine.travel(T0, tick=False):
        old = signing.dumps({"p": rep.pk}, salt=FEED_SALT)
    old_address = reverse("governance:feed", kwargs={"slug": slug, "token": old})
    assert client.get(old_address).status_code == 200
    for forged in (first + "x", old + "x", "a:b:c", "a:b", first.replace(":", "::")):
        address = reverse("governance:feed", kwargs={"slug": slug, "token": forged})
        assert client.get(address).status_code == 404


def test_events_feed_sequence_status_and_roles(personas):
    with time_machine.travel(T0, tick=False):
        event = plan(personas, start=T0 + timedelta(days=20))
        draft = plan(personas, title="Secret draft", status="draft")
    assert event.sequence == 1  # draft, then published: the calendar is told once
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        events.event_update(event=event, actor=personas.host, data={"title": event.title})
    event.refresh_from_db()
    assert (event.sequence, event.calendar_changed_at) == (1, T0)
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        events.event_update(
            event=event,
            actor=personas.host,
            data={"starts_at": event.starts_at + timedelta(hours=1), "ends_at": event.ends_at},
        )
        events.event_status_set(event=event, actor=personas.host, status="cancelled")
    event.refresh_from_db()
    assert event.sequence == 3

    client = personas.client(None)
    uid = f"event-{event.pk}@{personas.coalition.slug}.juntos"
    for who in (personas.supporter, personas.rep, personas.host):
        entries = read(client.get(events_feed(personas, who)))
        assert list(entries) == [uid]  # drafts are in no one's feed
        assert entries[uid]["SEQUENCE"] == 3 and entries[uid]["STATUS"] == "CANCELLED"
        assert entries[uid].decoded("DTSTAMP") == T0 + timedelta(hours=2)
    assert (
        f"event-{draft.pk}@"
        not in client.get(events_feed(personas, personas.host)).content.decode()
    )
    # The single event's .ics says the same.
    ics = client.get(
        reverse("events_public:ics", args=[personas.coalition.slug, event.slug]),
    )
    assert read(ics)[uid]["SEQUENCE"] == 3
    # Someone without a role here has no feed.
    Person.objects.filter(user=personas.supporter).update(role="")
    assert client.get(events_feed(personas, personas.supporter)).status_code == 404


def test_events_feed_answers_304(personas):
    with time_machine.travel(T0, tick=False):
        event = plan(personas, start=T0 + timedelta(days=20))
    client = personas.client(None)
    address = events_feed(personas, personas.rep)
    first = client.get(address)
    assert client.get(address, headers={"If-None-Match": first["ETag"]}).status_code == 304
    since = client.get(address, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        events.event_update(event=event, actor=personas.host, data={"venue_name": "Library"})
    after = client.get(address, headers={"If-None-Match": first["ETag"]})
    entry = read(after)[f"event-{event.pk}@{personas.coalition.slug}.juntos"]
    assert str(entry["LOCATION"]).startswith("Library") and entry["SEQUENCE"] == 2


def test_campaign_feed_actions_and_key_dates(personas):
    with time_machine.travel(T0, tick=False):
        campaign = campaigns.campaign_start(
            coalition=personas.coalition, actor=personas.host, team=personas.core_team, title="IDs"
        )
        tactic = campaigns.tactic_plan(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            rung=1,
            title="Meet the mayor",
            on=date(2027, 4, 6),
            place="City Hall",
            confirmed=True,
        )
        key_date = campaigns.key_date_add(
            coalition=personas.coalition,
            actor=personas.host,
            kind=KeyDate.Kind.EXTERNAL,
            category=KeyDate.Category.RECESS,
            title="Spring recess",
            starts_on=date(2027, 3, 22),
            ends_on=date(2027, 3, 26),
            campaign=campaign,
        )
    client = personas.client(None)
    address = campaign_feed(personas, personas.rep, campaign)
    first = client.get(address)
    entries = read(first)
    slug = personas.coalition.slug
    action = entries[f"action-{tactic.pk}@{slug}.juntos"]
    assert action.decoded("DTSTART") == date(2027, 4, 6)  # a whole day
    assert action.decoded("DTEND") == date(2027, 4, 7)
    assert str(action["SUMMARY"]) == "IDs: Meet the mayor" and action["SEQUENCE"] == 0
    recess = entries[f"key-date-{key_date.pk}@{slug}.juntos"]
    assert (recess.decoded("DTSTART"), recess.decoded("DTEND")) == (
        date(2027, 3, 22),
        date(2027, 3, 27),
    )
    assert client.get(address, headers={"If-None-Match": first["ETag"]}).status_code == 304

    edit = {"rung": 1, "title": "Meet the mayor", "on": date(2027, 4, 6), "place": "City Hall"}
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        campaigns.tactic_edit(tactic=tactic, actor=personas.host, confirmed=True, **edit)
    tactic.refresh_from_db()
    assert (tactic.sequence, tactic.calendar_changed_at) == (0, T0)
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        tactic = campaigns.tactic_edit(
            tactic=tactic, actor=personas.host, confirmed=True, **{**edit, "on": date(2027, 4, 8)}
        )
        campaigns.tactic_status(tactic=tactic, actor=personas.host, status="cancelled")
    second = client.get(address, headers={"If-None-Match": first["ETag"]})
    action = read(second)[f"action-{tactic.pk}@{slug}.juntos"]
    assert action["SEQUENCE"] == 2 and action["STATUS"] == "CANCELLED"
    assert action.decoded("DTSTAMP") == T0 + timedelta(hours=2)

    # Removing a date changes the feed (and its validator), even at the same second.
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        campaigns.key_date_delete(key_date=key_date, actor=personas.host)
    third = client.get(address, headers={"If-None-Match": second["ETag"]})
    assert f"key-date-{key_date.pk}@" not in third.content.decode() and third.status_code == 200
    with time_machine.travel(T0 + timedelta(hours=3), tick=False):
        removed = Tactic.objects.get(pk=tactic.pk)
        campaigns.tactic_delete(tactic=removed, actor=personas.host)
    since = client.get(address, headers={"If-Modified-Since": third["Last-Modified"]})
    assert since.status_code == 200 and "BEGIN:VEVENT" not in since.content.decode()


def test_campaign_feed_is_for_those_who_see_the_campaign(personas):
    campaign = campaigns.campaign_start(
        coalition=personas.coalition, actor=personas.host, team=personas.core_team, title="IDs"
    )
    client = personas.client(None)
    assert client.get(campaign_feed(personas, personas.rep, campaign)).status_code == 200
    assert client.get(campaign_feed(personas, personas.supporter, campaign)).status_code == 404
    # Another coalition's campaign is not found through this coalition's address.
    other = Coalition.objects.create(slug="elsewhere-feeds", name="Elsewhere")
    Campaign.objects.filter(pk=campaign.pk).update(coalition=other)
    assert client.get(campaign_feed(personas, personas.rep, campaign)).status_code == 404


def test_feed_links_on_the_pages(personas):
    campaign = campaigns.campaign_start(
        coalition=personas.coalition, actor=personas.host, team=personas.core_team, title="IDs"
    )
    rep = personas.client("rep")
    slug = personas.coalition.slug
    meetings_page = rep.get(reverse("governance:meetings", kwargs={"slug": slug})).content.decode()
    assert meetings_feed(personas, personas.rep) in meetings_page
    events_page = personas.client("supporter").get(reverse("events:list", kwargs={"slug": slug}))
    assert events_feed(personas, personas.supporter) in events_page.content.decode()
    timeline = rep.get(reverse("campaigns:timeline", kwargs={"slug": slug, "pk": campaign.pk}))
    assert campaign_feed(personas, personas.rep, campaign) in timeline.content.decode()
    spanish = (
        personas.client("core").get(reverse("events:list", kwargs={"slug": slug})).content.decode()
    )
    assert "Agregue los eventos publicados de la coalición a su aplicación de calendario" in spanish


def test_feeds_speak_the_tokens_persons_language_whatever_the_request_asks(personas):
    """A calendar app sends no Accept-Language (or the phone's): a Spanish-first member's
    feeds are in Spanish all the same, and switching their language changes the ETag."""
    campaign = campaigns.campaign_start(
        coalition=personas.coalition, actor=personas.host, team=personas.core_team, title="IDs"
    )
    personas.rep.preferred_language = "es"
    personas.rep.save(update_fields=["preferred_language"])
    client = personas.client(None)
    events = events_feed(personas, personas.rep)
    actions = campaign_feed(personas, personas.rep, campaign)
    for accept in ({}, {"HTTP_ACCEPT_LANGUAGE": "en"}):
        feed = client.get(events, **accept)
        assert f"X-WR-CALNAME:{personas.coalition.name}: eventos" in feed.content.decode()
        assert feed["Content-Language"] == "es"
        assert "IDs: acciones y fechas clave" in client.get(actions, **accept).content.decode()
    spanish = client.get(events, HTTP_ACCEPT_LANGUAGE="en")
    assert client.get(events, HTTP_ACCEPT_LANGUAGE="es")["ETag"] == spanish["ETag"]
    personas.rep.preferred_language = "en"
    personas.rep.save(update_fields=["preferred_language"])
    english = client.get(events, HTTP_ACCEPT_LANGUAGE="es", HTTP_IF_NONE_MATCH=spanish["ETag"])
    assert english.status_code == 200 and english["ETag"] != spanish["ETag"]
    assert f"X-WR-CALNAME:{personas.coalition.name}: events" in english.content.decode()


def test_subscribe_texts_say_what_each_feed_holds(personas):
    """The events feed leaves drafts out and says so; the campaign feed names what it holds
    (planned actions, the campaign's own and coalition-wide key dates; not the holidays the
    timeline computes) and how much is in it now."""
    campaign = campaigns.campaign_start(
        coalition=personas.coalition, actor=personas.host, team=personas.core_team, title="IDs"
    )
    slug = personas.coalition.slug
    events_page = personas.client("supporter").get(reverse("events:list", kwargs={"slug": slug}))
    assert "Events still being planned are not in it" in events_page.content.decode()
    rep = personas.client("rep")
    timeline = reverse("campaigns:timeline", kwargs={"slug": slug, "pk": campaign.pk})
    page = rep.get(timeline).content.decode()
    assert "planned actions and its key dates" in page
    assert "Public holidays, events, meetings and deliverables" in page
    assert "Nothing is in it yet" in page
    with time_machine.travel(T0, tick=False):
        campaigns.key_date_add(
            coalition=personas.coalition,
            actor=personas.host,
            kind=KeyDate.Kind.EXTERNAL,
            category=KeyDate.Category.RECESS,
            title="Spring recess",
            starts_on=date(2027, 3, 22),
            campaign=campaign,
        )
    page = rep.get(timeline).content.decode()
    assert "In it now: 0 planned actions, 1 key date." in page
    assert (
        len(read(personas.client(None).get(campaign_feed(personas, personas.rep, campaign)))) == 1
    )
