"""The JSON API: tokens, scopes, rate limits, OSDI shapes, consent and coalition walls."""

import json
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from juntos.api import osdi
from juntos.api.models import ApiToken
from juntos.consent.services import consent_set
from juntos.members.models import Person, Tag, Tagging


@pytest.fixture
def token(personas):
    def make(who="host", scope="read_write", coalition=None):
        _t, raw = ApiToken.issue(
            user=getattr(personas, who),
            name="test",
            scope=scope,
            coalition=coalition or personas.coalition,
        )
        return raw

    return make


def get(client, url, raw, **params):
    return client.get(url, params, HTTP_OSDI_API_TOKEN=raw)


def post(client, url, raw, body):
    return client.post(
        url, json.dumps(body), content_type="application/json", HTTP_OSDI_API_TOKEN=raw
    )


def people_url():
    return reverse("api:people")


def test_no_bad_or_revoked_token_is_401(client, token, personas):
    assert client.get(people_url()).status_code == 401
    assert get(client, people_url(), "jt_nonsense").status_code == 401
    raw = token()
    ApiToken.objects.update(revoked_at=timezone.now())
    assert get(client, people_url(), raw).status_code == 401


def test_bearer_header_works_too(client, token):
    raw = token()
    response = client.get(people_url(), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/hal+json"


def test_session_login_is_not_an_api_credential(personas):
    assert personas.client("host").get(people_url()).status_code == 401


def test_read_only_token_cannot_write(client, token):
    raw = token(scope="read")
    response = post(
        client,
        reverse("api:signup"),
        raw,
        {"person": {"email_addresses": [{"address": "a@example.org"}]}},
    )
    assert response.status_code == 403 and "read-only" in response.json()["error"]


def test_supporters_cannot_read_people(client, token):
    assert get(client, people_url(), token("supporter")).status_code == 403


def test_rate_limit_answers_429_with_retry_after(client, token, settings):
    settings.JUNTOS_API_PER_MINUTE = 3
    raw = token()
    statuses = [get(client, people_url(), raw).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = get(client, people_url(), raw)
    assert 1 <= int(response["Retry-After"]) <= 60


def test_people_collection_is_osdi_hal(client, token, personas):
    data = get(client, people_url(), token(), per_page=2).json()
    assert data["total_records"] == Person.objects.filter(coalition=personas.coalition).count()
    assert data["per_page"] == 2 and data["page"] == 1 and "next" in data["_links"]
    person = data["_embedded"]["osdi:people"][0]
    assert person["identifiers"][0].startswith("juntos:")
    assert {"given_name", "family_name", "email_addresses", "created_date", "modified_date"} <= set(
        person
    )
    second = client.get(data["_links"]["next"]["href"], HTTP_OSDI_API_TOKEN=token()).json()
    assert second["page"] == 2 and "prev" in second["_links"]


def test_host_sees_contacts_members_only_with_consent(client, token, personas):
    host_view = {
        p["given_name"]: p
        for p in get(client, people_url(), token(), per_page=100).json()["_embedded"]["osdi:people"]
    }
    assert host_view["Olga"]["email_addresses"][0]["address"] == "other@test.example"
    rep_view = {
        p["given_name"]: p
        for p in get(client, people_url(), token("rep"), per_page=100).json()["_embedded"][
            "osdi:people"
        ]
    }
    assert rep_view["Olga"]["email_addresses"] == []
    assert "Sol" not in rep_view  # supporters are not shown to members, as on the pages
    olga = Person.objects.get(user=personas.other_rep)
    consent_set(
        coalition=personas.coalition,
        kind="contact_sharing",
        granted=True,
        actor=personas.other_rep,
        person=olga,
    )
    rep_view = {
        p["given_name"]: p
        for p in get(client, people_url(), token("rep"), per_page=100).json()["_embedded"][
            "osdi:people"
        ]
    }
    assert rep_view["Olga"]["email_addresses"][0]["address"] == "other@test.example"


def test_another_coalitions_people_never_appear(client, token, personas):
    data = get(
        client, people_url(), token("outsider", coalition=personas.other_coalition), per_page=100
    ).json()
    names = {p["given_name"] for p in data["_embedded"]["osdi:people"]}
    assert names == {"Otto"}
    rene = Person.objects.get(user=personas.rep)
    url = reverse("api:person", args=[rene.uuid])
    assert (
        get(client, url, token("outsider", coalition=personas.other_coalition)).status_code == 404
    )


def test_modified_date_filter_for_incremental_sync(client, token, personas):
    raw = token()
    later = timezone.now() + timedelta(seconds=1)
    Person.objects.filter(user=personas.rep).update(updated_at=later + timedelta(hours=1))
    stamp = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    data = get(client, people_url(), raw, filter=f"modified_date gt '{stamp}'").json()
    assert [p["given_name"] for p in data["_embedded"]["osdi:people"]] == ["Rene"]


@pytest.mark.parametrize(
    "bad", ["modified_date gt yesterday", "name eq 'x'", "modified_date gt 'not a date'"]
)
def test_bad_filter_is_400_with_a_message(client, token, bad):
    response = get(client, people_url(), token(), filter=bad)
    assert response.status_code == 400 and response.json()["error"]


@pytest.mark.parametrize("params", [{"page": "x"}, {"page": 0}, {"per_page": -1}])
def test_bad_paging_is_400(client, token, params):
    assert get(client, people_url(), token(), **params).status_code == 400


def test_signup_helper_creates_then_updates_by_email_and_tags(client, token, personas):
    raw = token()
    body = {
        "person": {
            "given_name": "Ana",
            "family_name": "Ruiz",
            "email_addresses": [{"address": "Ana@Example.org"}],
            "phone_numbers": [{"number": "314-555-0199"}],
            "postal_addresses": [{"postal_code": "63110", "locality": "St. Louis", "region": "MO"}],
        },
        "add_tags": ["volunteer", "spanish"],
    }
    first = post(client, reverse("api:signup"), raw, body)
    assert first.status_code == 201
    body["person"]["family_name"] = "Ruiz-Soto"
    body["add_tags"] = ["volunteer"]
    second = post(client, reverse("api:signup"), raw, body)
    assert second.status_code == 200
    ana = Person.objects.get(email="ana@example.org")
    assert ana.full_name == "Ana Ruiz-Soto" and ana.phone == "+13145550199"
    assert ana.role == "supporter" and ana.zip_code == "63110"
    assert sorted(Tagging.objects.filter(person=ana).values_list("tag__name", flat=True)) == [
        "spanish",
        "volunteer",
    ]


@pytest.mark.parametrize(
    "body,status",
    [
        # Outside the OpenAPI document: 400.
        ({"nobody": 1}, 400),
        ({"person": {"email_addresses": [{"address": "a@b.org"}]}, "add_tags": "x"}, 400),
        ({"person": {"email_addresses": "a@b.org"}}, 400),
        ({"person": {"email_addresses": [{"address": "a@b.org"}], "languages_spoken": "es"}}, 400),
        # Inside it, refused for a reason no schema says: 422.
        ({"person": {"email_addresses": [{"address": "not-an-email"}]}}, 422),
        ({"person": {"email_addresses": []}}, 422),
        (
            {
                "person": {
                    "email_addresses": [{"address": "a@b.org"}],
                    "phone_numbers": [{"number": "12"}],
                }
            },
            422,
        ),
    ],
)
def test_signup_bad_input_is_refused_and_saves_nothing(client, token, body, status):
    before = Person.objects.count()
    response = post(client, reverse("api:signup"), token(), body)
    assert response.status_code == status and response.json()["error"]
    assert Person.objects.count() == before


def test_body_that_is_not_json_is_400(client, token):
    response = client.post(
        reverse("api:signup"), "{nope", content_type="application/json", HTTP_OSDI_API_TOKEN=token()
    )
    assert response.status_code == 400


def test_tags_and_taggings(client, token, personas):
    raw = token()
    tag = post(client, reverse("api:tags"), raw, {"name": "rapid response"}).json()
    uuid = tag["identifiers"][0].split(":", 1)[1]
    rene = Person.objects.get(user=personas.rep)
    person_href = "http://testserver" + reverse("api:person", args=[rene.uuid])
    response = post(
        client,
        reverse("api:tag_taggings", args=[uuid]),
        raw,
        {"_links": {"osdi:person": {"href": person_href}}},
    )
    assert response.status_code == 201
    listing = get(client, reverse("api:tag_taggings", args=[uuid]), raw).json()
    assert listing["total_records"] == 1
    assert Tag.objects.get().taggings.get().person == rene
    nobody = post(client, reverse("api:tag_taggings", args=[uuid]), raw, {"_links": {}})
    assert nobody.status_code == 422  # well formed, and names nobody here
    bad = post(client, reverse("api:tag_taggings", args=[uuid]), raw, {"_links": 5})
    assert bad.status_code == 400


def test_juntos_resources(client, token, personas):
    raw = token("rep")
    members = get(client, reverse("api:members"), raw).json()
    assert members["total_records"] == 3
    assert get(client, reverse("api:meetings"), raw).status_code == 200
    assert get(client, reverse("api:statements"), raw).status_code == 200


def test_openapi_document_and_docs_page(client, db):
    spec = client.get(reverse("api:openapi")).json()
    assert spec["openapi"].startswith("3.")
    assert {"/people", "/people/signup", "/tags", "/tags/{uuid}/taggings"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["osdiToken"]["name"] == "OSDI-API-Token"
    assert "OSDI-API-Token" in client.get(reverse("api:docs")).content.decode()


def test_tokens_page_shows_a_new_token_once_and_revokes(personas):
    client = personas.client("rep")
    response = client.post(
        reverse("api_pages:tokens"),
        {"name": "Action Network sync", "coalition": personas.coalition.pk, "scope": "read"},
    )
    raw = response.context["new_token"]
    assert raw.startswith("jt_") and raw in response.content.decode()
    assert raw not in client.get(reverse("api_pages:tokens")).content.decode()
    token = ApiToken.objects.get()
    assert token.digest != raw  # only a hash is kept
    client.post(reverse("api_pages:token_revoke", args=[token.pk]))
    assert get(personas.client(None), people_url(), raw).status_code == 401


def test_cannot_make_a_token_for_a_coalition_one_is_not_in(personas):
    response = personas.client("rep").post(
        reverse("api_pages:tokens"),
        {"name": "x", "coalition": personas.other_coalition.pk, "scope": "read"},
    )
    assert "coalition" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_osdi_events_and_attendances(client, token, personas):
    from datetime import timedelta

    from juntos.events.models import Event, EventAttendance

    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="community_forum",
        title="Community forum",
        slug="forum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status="published",
        venue_name="Community center",
    )
    Event.objects.create(
        coalition=personas.coalition,
        kind="rally",
        title="Secret rally",
        slug="secret",
        starts_at=start,
        ends_at=start,
        status="draft",
    )
    rene = Person.objects.get(user=personas.rep)
    EventAttendance.objects.create(event=event, member=personas.member, person=rene)
    listing = get(client, reverse("api:events"), token("rep")).json()
    titles = [e["title"] for e in listing["_embedded"]["osdi:events"]]
    # The events page's rule (events.selectors.events_visible_to): members see drafts.
    assert titles == ["Community forum", "Secret rally"]
    forum = listing["_embedded"]["osdi:events"][0]
    assert forum["status"] == "confirmed" and forum["location"]["venue"] == "Community center"
    url = reverse("api:attendances", args=[event.uuid])
    assert get(client, url, token("rep")).status_code == 403
    rows = get(client, url, token()).json()["_embedded"]["osdi:attendances"]
    assert rows[0]["attended"] is True
    assert str(rene.uuid) in rows[0]["_links"]["osdi:person"]["href"]


def test_campaigns_resource_leaves_team_only_fields_out(client, token, personas):
    from juntos.campaigns.services.campaigns import campaign_start

    campaign = campaign_start(
        coalition=personas.coalition,
        actor=personas.host,
        team=personas.core_team,
        title="Municipal ID for St. Louis",
        playbook="municipal_id",
    )
    campaign.budget = "Our secret budget"
    campaign.save()
    response = get(client, reverse("api:campaigns"), token("rep"))
    (row,) = response.json()["_embedded"]["juntos:campaigns"]
    assert row["title"] == "Municipal ID for St. Louis" and row["playbook"] == "municipal_id"
    assert "secret budget" not in response.content.decode()


def test_statements_listing_queries_do_not_grow_with_statements(client, token, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from juntos.communications.models import SignOnAnswer, Statement

    raw = token("rep")

    def publish(n):
        for i in range(n):
            s = Statement.objects.create(
                coalition=personas.coalition,
                title=f"S{i}",
                body="b",
                status="published",
                deadline=timezone.now(),
            )
            SignOnAnswer.objects.create(
                statement=s,
                member=personas.member,
                signed=True,
                answered_by="Rene",
                via="app",
                answered_at=s.deadline,
            )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            data = get(client, reverse("api:statements"), raw).json()
        return len(ctx.captured_queries), data

    publish(1)
    one, data = count()
    assert data["_embedded"]["juntos:statements"][0]["signers"] == ["Casa Test"]
    publish(4)
    assert count()[0] <= one  # the first call also stamps the token as used


# Found by Schemathesis on PostgreSQL only (SQLite forgives them).
LONG_EMAIL = "0@" + "0" * 63 + "." + "a" * 63 + "." + "a" * 63 + "." + "a" * 59


@pytest.mark.parametrize("path", ["/api/people", "/api/people/signup"])
def test_a_long_email_at_the_specs_limit_is_kept_or_refused_never_a_server_error(
    client, token, path
):
    body = {
        "person": {
            "identifiers": [],
            "given_name": "",
            "family_name": "",
            "email_addresses": [{"address": LONG_EMAIL, "primary": None, "status": None}],
            "phone_numbers": [],
            "postal_addresses": [],
            "languages_spoken": None,
            "custom_fields": {},
        },
        "add_tags": [],
        "remove_tags": [],
    }
    response = post(client, path, token(scope="read_write"), body)
    assert response.status_code in (200, 201, 422), response.content[:300]


def test_a_date_with_an_offset_postgresql_refuses_is_read_in_utc(client, token):
    moment = "created_date ge '2026-10-08T08:19:35+21:20' and modified_date le '9999-12-31'"
    assert get(client, people_url(), token(), filter=moment).status_code == 200
    early = "created_date ge '0001-01-01T00:00+05:00'"
    assert get(client, people_url(), token(), filter=early).status_code == 400


def test_a_paging_number_sent_twice_must_be_a_number_each_time():
    rf = RequestFactory()
    with pytest.raises(osdi.BadRequest):
        osdi.page_params(rf.get("/?per_page=%0Cjz&per_page="))
    assert osdi.page_params(rf.get("/?per_page=5&per_page=7")) == (1, 7)
