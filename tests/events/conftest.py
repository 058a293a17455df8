from datetime import timedelta

import pytest
from django.utils import timezone

from juntos.events import services
from juntos.members.models import Member, Person


def plan(
    personas,
    *,
    hosts=None,
    kind="community_forum",
    start=None,
    status="published",
    title="Community forum on immigration",
    **data,
):
    start = start or timezone.now() + timedelta(days=30)
    event = services.event_plan(
        coalition=personas.coalition,
        actor=personas.host,
        hosts=hosts if hosts is not None else [personas.member],
        data={
            "kind": kind,
            "title": title,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "venue_name": "Casa community center",
            **data,
        },
    )
    if status != "draft":
        services.event_status_set(event=event, actor=personas.host, status=status)
    return event


@pytest.fixture
def event(personas):
    return plan(personas)


@pytest.fixture
def core_org(personas):
    return Member.objects.get(coalition=personas.coalition, name="Core Org")


def person_of(user):
    return Person.objects.get(user=user)
