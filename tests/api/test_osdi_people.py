"""People through the OSDI API: names as given, consent kept, finding, changing, deleting,
taggings and attendances as resources, and paging links on nested collections."""

import json

import pytest
from django.utils import timezone

from juntos.api.models import ApiToken
from juntos.members.models import Person, Tag, Tagging
from juntos.members.rules import compose_name, merge_subscription, split_full_name


@pytest.fixture
def raw(personas):
    _t, token = ApiToken.issue(
        user=personas.host, coalition=personas.coalition, name="t", scope="read_write"
    )
    return token


def call(client, method, url, raw, body=None):
    kwargs = {"HTTP_OSDI_API_TOKEN": raw}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def signup(client, raw, person, **extra):
    return call(client, "post", "/api/people", raw, {"person": person, **extra})


# --- names ------------------------------------------------------------------------------


def test_names_rules_keep_the_parts_as_given():
    assert compose_name("María José", "García López") == "María José García López"
    assert split_full_name("Ana García López") == ("Ana", "García López")
    assert split_full_name("  ") == ("", "")


def test_two_word_given_and_family_names_come_back_exactly(client, raw):
    made = signup(
        client,
        raw,
        {
            "given_name": "María José",
            "family_name": "García López",
            "email_addresses": [{"address": "mj@example.org"}],
        },
    ).json()
    assert (made["given_name"], made["family_name"]) == ("María José", "García López")
    person = Person.objects.get(email="mj@example.org")
    assert person.full_name == "María José García López"


def test_a_signup_with_only_a_given_name_blanks_nothing(client, raw):
    signup(
        client,
        raw,
        {
            "given_name": "Ana",
            "family_name": "Pérez",
            "email_addresses": [{"address": "ana@example.org"}],
            "phone_numbers": [{"number": "314-555-0101"}],
            "postal_addresses": [{"locality": "St. Louis", "region": "MO", "postal_code": "63101"}],
            "custom_fields": {"shirt": "M"},
        },
    )
    second = signup(
        client,
        raw,
        {
            "given_name": "Anita",
            "family_name": "",
            "email_addresses": [{"address": "ANA@example.org"}],
            "custom_fields": {"team": "north"},
        },
    )
    assert second.status_code == 200  # found by email: updated, not created
    person = Person.objects.get(email="ana@example.org")
    assert (person.given_name, person.family_name) == ("Anita", "Pérez")
    assert (person.phone, person.city, person.zip_code) == ("+13145550101", "St. Louis", "63101")
    assert person.custom_fields == {"shirt": "M", "team": "north"}


def test_editing_full_name_on_a_form_updates_the_parts(personas):
    person = Person.objects.create(
        coalition=personas.coalition, given_name="Ana", family_name="Pérez", role="supporter"
    )
    assert person.full_name == "Ana Pérez"
    person.full_name = "Ana Pérez Ruiz"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("Ana", "Pérez Ruiz")


def test_the_migration_splits_existing_names_without_losing_the_full_name():
    from importlib import import_module

    migration = import_module("juntos.members.migrations.0006_person_osdi_names_status_fields")

    class FakePerson:
        def __init__(self, full_name, unsubscribed_at=None):
            self.full_name, self.unsubscribed_at = full_name, unsubscribed_at

    rows = [FakePerson("María José García López"), FakePerson("Cher", timezone.now())]

    class Manager:
        def only(self, *a):
            return self

        def iterator(self, n):
            return iter(rows)

        def bulk_update(self, batch, fields):
            self.saved = list(batch)

    class Model:
        objects = Manager()

    class Apps:
        def get_model(self, *a):
            return Model

    migration.split_existing_names(Apps(), None)
    assert [(p.full_name, p.given_name, p.family_name) for p in rows] == [
        ("María José García López", "María", "José García López"),
        ("Cher", "Cher", ""),
    ]
    assert [p.email_status for p in rows] == ["subscribed", "unsubscribed"]


# --- consent and subscription status ----------------------------------------------------


def test_unsubscribed_and_spam_complaint_never_become_subscribed():
    assert merge_subscription("unsubscribed", "subscribed") == "unsubscribed"
    assert merge_subscription("spam complaint", "subscribed") == "spam complaint"
    assert merge_subscription("spam complaint", "bouncing") == "spam complaint"
    assert merge_subscription("subscribed", "unsubscribed") == "unsubscribed"
    assert merge_subscription("bouncing", "subscribed") == "subscribed"
    assert merge_subscription("subscribed", None) == "subscribed"


def test_email_and_sms_status_are_kept_and_an_unsubscribe_sticks(client, raw):
    person = {
        "given_name": "Luz",
        "email_addresses": [{"address": "luz@example.org", "status": "spam complaint"}],
        "phone_numbers": [{"number": "+1 314 555 0102", "status": "unsubscribed"}],
    }
    made = signup(client, raw, person).json()
    assert made["email_addresses"][0]["status"] == "spam complaint"
    assert made["phone_numbers"][0] == {
        "number": "+13145550102",
        "primary": True,
        "number_type": "Mobile",
        "status": "unsubscribed",
    }
    stored = Person.objects.get(email="luz@example.org")
    assert stored.unsubscribed_at is not None  # Juntos sends it no mail either
    person["email_addresses"][0]["status"] = "subscribed"
    person["phone_numbers"][0]["status"] = "subscribed"
    again = signup(client, raw, person).json()
    assert again["email_addresses"][0]["status"] == "spam complaint"
    assert again["phone_numbers"][0]["status"] == "unsubscribed"


def test_juntos_own_unsubscribe_goes_out_as_status(client, raw, personas):
    from juntos.communications.services import supporter_unsubscribe

    person = Person.objects.create(
        coalition=personas.coalition, full_name="Sam", email="sam@example.org", role="supporter"
    )
    supporter_unsubscribe(person=person)
    data = call(client, "get", f"/api/people/{person.uuid}", raw).json()
    assert data["email_addresses"][0]["status"] == "unsubscribed"


def test_a_bad_status_is_a_clear_400(client, raw):
    response = signup(
        client, raw, {"email_addresses": [{"address": "a@example.org", "status": "maybe"}]}
    )
    assert response.status_code == 400 and "subscribed" in response.json()["error"]


# --- fields kept ------------------------------------------------------------------------


def test_foreign_identifiers_are_stored_and_matched(client, raw):
    signup(
        client,
        raw,
        {"identifiers": ["action_network:abc-1"], "email_addresses": [{"address": "a@x.org"}]},
    )
    # Same identifier, new email: the same person, with the new address.
    second = signup(
        client,
        raw,
        {"identifiers": ["action_network:abc-1"], "email_addresses": [{"address": "b@x.org"}]},
    )
    assert second.status_code == 200
    person = Person.objects.get(email="b@x.org")
    assert person.identifiers == ["action_network:abc-1"]
    found = call(client, "get", "/api/people?filter=identifier eq 'action_network:abc-1'", raw)
    assert [p["identifiers"] for p in found.json()["_embedded"]["osdi:people"]] == [
        [f"juntos:{person.uuid}", "action_network:abc-1"]
    ]


def test_phone_only_signup_and_non_us_addresses(client, raw):
    made = signup(
        client,
        raw,
        {
            "given_name": "Olivia",
            "phone_numbers": [{"number": "020 7946 0958"}],
            "postal_addresses": [
                {"locality": "London", "postal_code": "SW1A 1AA", "country": "GB"}
            ],
        },
    )
    assert made.status_code == 201
    data = made.json()
    assert data["phone_numbers"][0]["number"] == "+442079460958"
    assert data["postal_addresses"][0]["country"] == "GB"
    assert data["postal_addresses"][0]["address_type"] == "Home"
    assert data["email_addresses"] == []


def test_juntos_facts_are_out_of_custom_fields_and_curies_cover_every_prefix(client, raw, personas):
    data = call(client, "get", "/api/people", raw).json()
    curies = {c["name"] for c in data["_links"]["curies"]}
    person = data["_embedded"]["osdi:people"][0]
    assert "juntos_role" not in person["custom_fields"]
    assert "juntos:role" in person
    prefixes = {key.split(":")[0] for key in {**person, **person["_links"]} if ":" in key}
    assert prefixes <= curies


# --- finding ----------------------------------------------------------------------------


def test_people_found_by_email_name_and_with_or_without_slash(client, raw, personas):
    Person.objects.create(
        coalition=personas.coalition,
        given_name="Rosa",
        family_name="Parks",
        email="rosa@example.org",
        role="supporter",
    )
    for url in ("/api/people", "/api/people/"):
        response = call(client, "get", f"{url}?filter=email_address eq 'ROSA@example.org'", raw)
        assert response.status_code == 200
        assert response.json()["total_records"] == 1
    both = "given_name eq 'Rosa' and family_name eq 'Parks'"
    assert call(client, "get", f"/api/people?filter={both}", raw).json()["total_records"] == 1
    glued = "given_name eq 'Rosa'andfamily_name eq 'Parks'"  # as the osdi library writes it
    assert call(client, "get", f"/api/people?filter={glued}", raw).json()["total_records"] == 1
    bad = call(client, "get", "/api/people?filter=shoe_size eq '9'", raw)
    assert bad.status_code == 400 and "given_name" in bad.json()["error"]


def test_representatives_cannot_find_people_by_email(client, personas):
    _t, rep = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="t", scope="read"
    )
    response = call(client, "get", "/api/people?filter=email_address eq 'x@example.org'", rep)
    assert response.status_code == 400 and "Only hosts" in response.json()["error"]


# --- changing and deleting --------------------------------------------------------------


def test_put_changes_only_what_was_sent(client, raw, personas):
    person = Person.objects.create(
        coalition=personas.coalition,
        given_name="Eva",
        family_name="Luna",
        email="eva@example.org",
        city="Columbia",
        role="supporter",
    )
    response = call(client, "put", f"/api/people/{person.uuid}/", raw, {"family_name": "Luna Ríos"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.city) == ("Eva", "Luna Ríos", "Columbia")


def test_delete_is_for_contacts_only(client, raw, personas):
    contact = Person.objects.create(
        coalition=personas.coalition, full_name="C", email="c@example.org", role="supporter"
    )
    assert call(client, "delete", f"/api/people/{contact.uuid}", raw).status_code == 200
    assert not Person.objects.filter(pk=contact.pk).exists()
    rep = personas.member.people.get()
    refused = call(client, "delete", f"/api/people/{rep.uuid}", raw)
    assert refused.status_code == 403
    assert Person.objects.filter(pk=rep.pk).exists()


def test_read_only_tokens_and_representatives_cannot_change_people(client, personas):
    _t, rep = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="t", scope="read_write"
    )
    target = personas.member.people.get()
    assert call(client, "put", f"/api/people/{target.uuid}", rep, {}).status_code == 403
    assert call(client, "delete", f"/api/people/{target.uuid}", rep).status_code == 403


# --- taggings, attendances, paging ------------------------------------------------------


def test_tagging_has_its_own_url_and_removing_it_moves_modified_date(client, raw, personas):
    person = Person.objects.create(
        coalition=personas.coalition, full_name="T", email="t@example.org", role="supporter"
    )
    tag = Tag.objects.create(coalition=personas.coalition, name="volunteer")
    before = Person.objects.get(pk=person.pk).updated_at
    made = call(
        client,
        "post",
        f"/api/tags/{tag.uuid}/taggings",
        raw,
        {"_links": {"osdi:person": {"href": f"http://testserver/api/people/{person.uuid}"}}},
    ).json()
    after_add = Person.objects.get(pk=person.pk).updated_at
    assert after_add > before
    href = made["_links"]["self"]["href"]
    path = href.replace("http://testserver", "")
    assert call(client, "get", path, raw).json()["identifiers"] == made["identifiers"]
    gone = call(client, "delete", path, raw)
    assert gone.status_code == 200 and "deleted" in gone.json()["notice"]
    assert not Tagging.objects.exists()
    assert Person.objects.get(pk=person.pk).updated_at > after_add
    assert call(client, "get", path, raw).status_code == 404


def test_nested_collections_page_on_their_own_address(client, raw, personas):
    person = Person.objects.create(
        coalition=personas.coalition, full_name="P", email="p@example.org", role="supporter"
    )
    for name in ("a", "b", "c"):
        Tagging.objects.create(
            person=person, tag=Tag.objects.create(coalition=personas.coalition, name=name)
        )
    page = call(client, "get", f"/api/people/{person.uuid}/taggings?per_page=2", raw).json()
    assert f"/api/people/{person.uuid}/taggings?" in page["_links"]["next"]["href"]
    tag = Tag.objects.get(name="a")
    page = call(client, "get", f"/api/tags/{tag.uuid}/taggings?per_page=1", raw).json()
    assert "next" not in page["_links"]
    assert f"/api/tags/{tag.uuid}/taggings?" in page["_links"]["self"]["href"]


def test_record_attendance_helper_and_person_attendances(client, raw, personas):
    from datetime import timedelta

    from juntos.events.models import Event, EventAttendance

    start = timezone.now()
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="rally",
        title="Rally",
        slug="rally",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        status="published",
    )
    body = {"person": {"given_name": "Gil", "email_addresses": [{"address": "gil@example.org"}]}}
    first = call(client, "post", f"/api/events/{event.uuid}/attendances", raw, body)
    assert first.status_code == 201
    assert (
        call(client, "post", f"/api/events/{event.uuid}/attendances", raw, body).status_code == 200
    )
    assert EventAttendance.objects.count() == 1
    person = Person.objects.get(email="gil@example.org")
    mine = call(client, "get", f"/api/people/{person.uuid}/attendances", raw).json()
    assert mine["total_records"] == 1
    self_href = mine["_embedded"]["osdi:attendances"][0]["_links"]["self"]["href"]
    assert call(client, "get", self_href.replace("http://testserver", ""), raw).status_code == 200


def test_events_created_and_updated_with_osdi_fields(client, raw, personas):
    made = call(
        client,
        "post",
        "/api/events",
        raw,
        {
            "title": "Know your rights",
            "start_date": "2027-03-20T18:00:00-05:00",
            "status": "confirmed",
            "juntos:hosts": ["Casa Test"],
        },
    )
    assert made.status_code == 201, made.json()
    data = made.json()
    assert data["status"] == "confirmed" and data["juntos:hosts"] == ["Casa Test"]
    path = data["_links"]["self"]["href"].replace("http://testserver", "")
    changed = call(client, "put", path, raw, {"location": {"venue": "Library"}}).json()
    assert changed["location"]["venue"] == "Library" and changed["title"] == "Know your rights"
    bad = call(client, "post", "/api/events", raw, {"title": "No date"})
    assert bad.status_code == 400


def test_malformed_writes_and_addresses_answer_json_not_500(client, raw, personas):
    """Found by Schemathesis: a list as an event status, a newline in a path."""
    from datetime import timedelta

    from juntos.events.models import Event

    start = timezone.now()
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="rally",
        title="Rally",
        slug="rally",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    bad = call(client, "put", f"/api/events/{event.uuid}", raw, {"status": [None, None]})
    assert bad.status_code == 400
    body = {"identifiers": 5, "_links": {"osdi:person": {"href": 7}}}
    tag = Tag.objects.create(coalition=personas.coalition, name="x")
    assert call(client, "post", f"/api/tags/{tag.uuid}/taggings", raw, body).status_code == 400
    missing = call(client, "get", "/api/tags/x%0A/taggings/y%0A", raw)
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"


def test_post_people_is_for_hosts_with_a_read_write_token(client, personas):
    body = {"person": {"email_addresses": [{"address": "new@example.org"}]}}
    _t, rep = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="t", scope="read_write"
    )
    _t, read = ApiToken.issue(
        user=personas.host, coalition=personas.coalition, name="t", scope="read"
    )
    assert call(client, "post", "/api/people", rep, body).status_code == 403
    assert call(client, "post", "/api/people/", read, body).status_code == 403
    assert not Person.objects.filter(email="new@example.org").exists()


def test_a_custom_field_about_immigration_status_is_never_stored(client, raw):
    from juntos.api.person_sync import parse_person

    body = {
        "email_addresses": [{"address": "p@example.org"}],
        "custom_fields": {"Immigration Status": "x", "shirt": "M"},
    }
    response = signup(client, raw, body)
    assert response.status_code == 422 and "never stores" in response.json()["error"]
    assert not Person.objects.filter(email="p@example.org").exists()
    assert parse_person(body, strict=False).custom_fields == {"shirt": "M"}  # a sync drops it


def test_event_ids_are_uuids_like_people_and_identifiers_find_the_event(client, raw, personas):
    """Events answer at /api/events/<uuid> with `juntos:<uuid>` (the old integer address is
    gone); other systems' ids are kept, and a POST naming one updates that event."""
    made = call(
        client,
        "post",
        "/api/events",
        raw,
        {
            "title": "Forum",
            "start_date": "2027-03-20T18:00:00-05:00",
            "identifiers": ["action_network:abc-123"],
            "juntos:hosts": ["Casa Test"],
        },
    )
    assert made.status_code == 201, made.json()
    from juntos.events.models import Event

    event = Event.objects.get(title="Forum")
    data = made.json()
    assert data["identifiers"] == [f"juntos:{event.uuid}", "action_network:abc-123"]
    assert data["_links"]["self"]["href"].endswith(f"/api/events/{event.uuid}")
    assert data["_links"]["osdi:record_attendance_helper"]["href"].endswith(
        f"/api/events/{event.uuid}/attendances"
    )
    assert call(client, "get", f"/api/events/{event.pk}", raw).status_code == 404
    assert call(client, "get", f"/api/events/{event.uuid}", raw).json()["title"] == "Forum"

    again = call(
        client,
        "post",
        "/api/events",
        raw,
        {"title": "Forum on licenses", "identifiers": ["action_network:abc-123"]},
    )
    assert again.status_code == 200 and again.json()["title"] == "Forum on licenses"
    by_own = call(
        client, "post", "/api/events", raw, {"identifiers": [f"juntos:{event.uuid}", "x:1"]}
    )
    assert by_own.status_code == 200
    assert Event.objects.count() == 1
    event.refresh_from_db()
    assert event.identifiers == ["action_network:abc-123", "x:1"]
    bad = call(client, "post", "/api/events", raw, {"title": "T", "identifiers": ["no colon"]})
    assert bad.status_code == 400 and "identifiers" in bad.json()["error"]


def test_an_event_address_sent_back_with_its_city_split_out_does_not_grow(client, raw, personas):
    """Action Network answers a one-line address with locality, region and postal code
    split out as well; a sync reading it back must not add them a second time."""
    body = {
        "title": "Forum",
        "start_date": "2027-03-20T18:00:00-05:00",
        "juntos:hosts": ["Casa Test"],
        "location": {
            "venue": "Library",
            "address_lines": ["1 Main St, St. Louis, MO 63101"],
            "locality": "St. Louis",
            "region": "MO",
            "postal_code": "63101",
        },
    }
    made = call(client, "post", "/api/events", raw, body).json()
    assert made["location"]["address_lines"] == ["1 Main St, St. Louis, MO 63101"]
    body["location"] = {
        "address_lines": ["1 Mount Moriah Rd"],
        "locality": "Kansas City",
        "region": "MO",
    }
    path = made["_links"]["self"]["href"].replace("http://testserver", "")
    changed = call(client, "put", path, raw, {"location": body["location"]}).json()
    assert changed["location"]["address_lines"] == ["1 Mount Moriah Rd, Kansas City, MO"]
