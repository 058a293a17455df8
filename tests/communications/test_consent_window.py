"""The consent window is the charter's (issue 16): early publication only once everyone
asked has answered, otherwise with a reason that is audited and shown; deadlines in the
emails read naturally."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from juntos.audit.models import Action, AuditEntry
from juntos.communications import rules, services
from juntos.communications.models import Statement

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def requested(personas, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(datetime(2027, 3, 10, 17, 0, tzinfo=CHICAGO), tick=False)
    statement = services.statement_create(
        coalition=personas.coalition,
        actor=personas.host,
        title="Licenses for all",
        body="We support driver's licenses for every resident.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.signon_request(statement=statement, actor=personas.host)
    statement.refresh_from_db()
    return statement


def test_early_publication_rule():
    now = datetime(2027, 3, 10, 17, 0, tzinfo=CHICAGO)
    deadline = now + timedelta(hours=24)
    kw = {"now": now, "deadline": deadline, "window_hours": 24}
    assert rules.early_publication(asked=3, answered=2, **kw).needs_reason
    assert not rules.early_publication(asked=3, answered=3, **kw).needs_reason
    late = rules.early_publication(
        now=deadline + timedelta(minutes=1), deadline=deadline, asked=3, answered=0, window_hours=24
    )
    assert not late.early and not late.needs_reason
    assert "24 hours" in late.rule


def test_publishing_before_the_window_ends_needs_a_reason(personas, requested):
    with pytest.raises(services.PublishRefused) as refused:
        services.statement_publish(statement=requested, actor=personas.host)
    assert "say why" in refused.value.message and "24 hours" in refused.value.rule
    requested.refresh_from_db()
    assert requested.status == Statement.Status.REQUESTED
    client = personas.client("host")
    path = reverse(
        "communications:statement_action",
        args=[personas.coalition.slug, requested.pk, "publish"],
    )
    client.post(path)
    requested.refresh_from_db()
    assert requested.status == Statement.Status.REQUESTED
    client.post(path, {"reason": "The bill is heard tomorrow morning"})
    requested.refresh_from_db()
    assert requested.status == Statement.Status.PUBLISHED
    entry = AuditEntry.objects.get(action=Action.STATEMENT_PUBLISHED)
    assert entry.changes["reason"] == [None, "The bill is heard tomorrow morning"]
    page = client.get(
        reverse("communications:statement", args=[personas.coalition.slug, requested.pk])
    ).content.decode()
    assert "Published before the consent window ended" in page
    assert "The bill is heard tomorrow morning" in page


def test_once_everyone_has_answered_it_can_be_published_early(personas, requested):
    for member in (personas.member, personas.other_member):
        services.signon_answer(
            statement=requested, member=member, signed=True, by_name="x", via="app", user=None
        )
    from juntos.members.models import Member

    services.signon_answer(
        statement=requested,
        member=Member.objects.get(coalition=personas.coalition, name="Core Org"),
        signed=False,
        by_name="y",
        via="app",
        user=None,
    )
    services.statement_publish(statement=requested, actor=personas.host)
    requested.refresh_from_db()
    assert requested.status == Statement.Status.PUBLISHED
    assert requested.published_early_reason == ""


def test_after_the_window_no_reason_is_needed(personas, requested, time_machine):
    time_machine.move_to(requested.deadline + timedelta(minutes=1), tick=False)
    services.statement_publish(statement=requested, actor=personas.host)
    requested.refresh_from_db()
    assert requested.status == Statement.Status.PUBLISHED


def test_the_email_deadline_reads_naturally(personas, requested):
    english = next(m for m in mail.outbox if m.to == ["rep@test.example"])
    assert "Thursday, March 11 at 5:00 PM (CST)" in english.body
    spanish = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert "jueves, 11 de marzo a las 5:00 PM (CST)" in spanish.body
