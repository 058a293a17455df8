"""Name consent is read: outside the members' own spaces (supporters, public pages,
published statements) a member is named only with its consent from the ledger."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from juntos.consent.rules import name_visible
from juntos.consent.services import consent_set
from juntos.events import services as events
from juntos.members import services as members


def name_consent(personas, member, granted):
    consent_set(
        coalition=personas.coalition,
        kind="name",
        granted=granted,
        actor=personas.host,
        member=member,
    )


def home(personas, who):
    return personas.client(who).get(reverse("web:home", args=[personas.coalition.slug])).content


def test_rule_members_see_names_others_only_with_consent():
    for role in ("host", "core_team", "representative"):
        assert name_visible(viewer_role=role, consent=None)
    for role in ("supporter", None):
        assert not name_visible(viewer_role=role, consent=None)
        assert not name_visible(viewer_role=role, consent=False)
        assert name_visible(viewer_role=role, consent=True)
        assert name_visible(viewer_role=role, consent=None, signed=True)
        assert not name_visible(viewer_role=role, consent=False, signed=True)


def test_home_structure_names_for_supporters_only_members_that_consented(personas):
    members.team_seat_add(team=personas.core_team, actor=personas.host, member=personas.member)
    name_consent(personas, personas.other_member, True)
    supporter = home(personas, "supporter").decode()
    assert "Labor Test" in supporter
    assert "Casa Test" not in supporter and "Core Org" not in supporter
    for who in ("host", "rep"):  # the members' own space: everyone named
        html = home(personas, who).decode()
        assert "Casa Test" in html and "Core Org" in html and "Labor Test" in html


def test_revoking_name_consent_removes_the_name_again(personas):
    name_consent(personas, personas.member, True)
    assert b"Casa Test" in home(personas, "supporter")
    name_consent(personas, personas.member, False)
    assert b"Casa Test" not in home(personas, "supporter")


@pytest.fixture
def forum(personas):
    start = timezone.now() + timedelta(days=10)
    event = events.event_plan(
        coalition=personas.coalition,
        actor=personas.host,
        hosts=[personas.member, personas.other_member],
        data={
            "kind": "community_forum",
            "title": "Forum",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
        },
    )
    events.event_status_set(event=event, actor=personas.host, status="published")
    return event


def test_public_event_page_names_only_hosts_that_consented(personas, forum):
    name_consent(personas, personas.other_member, True)
    url = reverse("events_public:page", args=[personas.coalition.slug, forum.slug])
    for who in (None, "host"):  # a public page is public whoever looks
        html = personas.client(who).get(url).content.decode()
        assert "Labor Test" in html and "Casa Test" not in html


def test_supporters_event_list_names_only_hosts_that_consented(personas, forum):
    url = reverse("events:list", args=[personas.coalition.slug])
    assert "Casa Test" not in personas.client("supporter").get(url).content.decode()
    assert "Casa Test" in personas.client("rep").get(url).content.decode()
    name_consent(personas, personas.member, True)
    assert "Casa Test" in personas.client("supporter").get(url).content.decode()


def test_published_statement_drops_a_signer_that_revoked_its_name(personas):
    from juntos.communications import services as communications

    statement = communications.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licenses", body="For all."
    )
    communications.signon_request(statement=statement, actor=personas.host)
    statement.refresh_from_db()
    for member, person in ((personas.member, "Rene Rep"), (personas.other_member, "Olga Other")):
        communications.signon_answer(
            statement=statement, member=member, signed=True, by_name=person, via="app", user=None
        )
    name_consent(personas, personas.other_member, True)
    name_consent(personas, personas.other_member, False)
    statement.refresh_from_db()
    statement.status = "published"
    statement.published_at = timezone.now()
    statement.save()
    url = reverse("communications:statement_public", args=[personas.coalition.slug, statement.pk])
    html = personas.client(None).get(url).content.decode()
    signers = html[html.index('id="signers"') :]
    assert "Casa Test" in signers and "Labor Test" not in signers
