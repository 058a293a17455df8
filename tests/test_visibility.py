"""One source of visibility: for every role, each page lists exactly what the matching API
resource lists (and feeds and mails follow the same selectors)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from juntos.api.models import ApiToken
from juntos.communications import services as communications
from juntos.events import services as events
from juntos.governance import services as governance
from juntos.governance.models import Meeting
from juntos.members import services as members
from juntos.members.models import Member

CHICAGO = ZoneInfo("America/Chicago")
ROLES = ("host", "core", "rep", "other_rep", "supporter")


@pytest.fixture
def world(personas):
    """Something of every kind that some role must not see."""
    p = personas
    start = datetime(2031, 5, 6, 18, tzinfo=CHICAGO)
    for kind, days in (("regular", 0), ("core_team", 1), ("special", 2)):
        governance.meeting_add(
            coalition=p.coalition,
            actor=p.host,
            kind=kind,
            title=f"{kind} meeting",
            starts_at=start + timedelta(days=days),
            place="Union Hall",
        )
    for status in ("draft", "published", "cancelled"):
        event = events.event_plan(
            coalition=p.coalition,
            actor=p.host,
            hosts=[p.member],
            data={
                "kind": "community_forum",
                "title": f"{status} forum",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
            },
        )
        if status != "draft":
            events.event_status_set(event=event, actor=p.host, status=status)
    communications.statement_create(
        coalition=p.coalition, actor=p.host, title="Host draft", body="."
    )
    communications.statement_create(
        coalition=p.coalition, actor=p.rep, title="Rep draft", body=".", owner_member=p.member
    )
    sent = communications.statement_create(
        coalition=p.coalition, actor=p.host, title="Asked", body="."
    )
    sent.status = "requested"
    sent.deadline = start
    sent.save()
    gone = members.member_add(
        coalition=p.coalition, actor=p.host, data={"kind": "organization", "name": "Gone Org"}
    )
    members.member_remove(member=gone, actor=p.host, reason="left")
    return p


def api_ids(client, url, raw, kind):
    response = client.get(url, HTTP_OSDI_API_TOKEN=raw)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.content
    embedded = next(iter(response.json()["_embedded"].values()))
    ids = {r["identifiers"][0].rsplit(":", 1)[1] for r in embedded}
    if kind == "api:events":  # events' ids are UUIDs, as people's
        from juntos.events.models import Event

        return set(Event.objects.filter(uuid__in=ids).values_list("pk", flat=True))
    return {int(i) for i in ids}


def page_ids(client, url, pattern):
    response = client.get(url)
    if response.status_code in (403, 404):
        return None
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(pattern, response.content.decode())}


RESOURCES = [
    # (page, page link pattern, API resource)
    ("governance:meetings", r"/meetings/(\d+)/\"", "api:meetings"),
    ("events:list", r"/events/(\d+)/\"", "api:events"),
    ("communications:statements", r"/statements/(\d+)/\"", "api:statements"),
    ("members:directory", r"/members/(\d+)/\"", "api:members"),
    ("campaigns:list", r"/campaigns/(\d+)/\"", "api:campaigns"),
]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("page", "pattern", "api"), RESOURCES)
def test_every_page_lists_what_its_api_resource_lists(world, who, page, pattern, api):
    p = world
    _t, raw = ApiToken.issue(user=getattr(p, who), name="t", scope="read", coalition=p.coalition)
    url = reverse(page, kwargs={"slug": p.coalition.slug})
    if page == "members:directory" and who == "host":
        url += "?removed=1"  # hosts' API lists removed members, as their directory can
    shown = page_ids(p.client(who), url, pattern)
    listed = api_ids(p.client(None), reverse(api), raw, api)
    if listed is None:  # the API is for members; supporters see at most the pages
        assert who == "supporter"
        return
    assert shown == listed


def test_representatives_never_get_core_team_meetings_from_api_feed_or_mail(world):
    p = world
    _t, raw = ApiToken.issue(user=p.rep, name="t", scope="read", coalition=p.coalition)
    titles = [
        m["title"]
        for m in p.client(None)
        .get(reverse("api:meetings"), HTTP_OSDI_API_TOKEN=raw)
        .json()["_embedded"]["juntos:meetings"]
    ]
    assert titles and not any("Core Team" in t for t in titles)

    from juntos.governance.views.meetings import feed_token
    from tests.governance.helpers import person_of

    feed = p.client(None).get(
        reverse(
            "governance:feed",
            kwargs={"slug": p.coalition.slug, "token": feed_token(person_of(p, p.rep))},
        )
    )
    assert b"core_team meeting" not in feed.content and b"regular meeting" in feed.content

    from juntos.governance.services.base import meeting_audience

    core_meeting = Meeting.objects.get(coalition=p.coalition, kind="core_team")
    audience = set(meeting_audience(core_meeting).values_list("email", flat=True))
    assert audience == {p.core.email}
    regular = Meeting.objects.get(coalition=p.coalition, kind="regular")
    assert p.rep.email in set(meeting_audience(regular).values_list("email", flat=True))


def test_removed_members_are_listed_by_the_api_for_hosts_only(world):
    p = world
    gone = Member.objects.get(name="Gone Org")
    for who, expected in (("host", True), ("rep", False)):
        _t, raw = ApiToken.issue(
            user=getattr(p, who), name="t", scope="read", coalition=p.coalition
        )
        ids = api_ids(p.client(None), reverse("api:members"), raw, "api:members")
        assert (gone.pk in ids) is expected
