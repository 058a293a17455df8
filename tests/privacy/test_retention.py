"""Retention: `juntos purge` erases what is past each coalition's periods and says so in
the audit log. Dates are computed from the clock the test reads, never from the calendar."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from juntos.api.models import Webhook, WebhookDelivery
from juntos.audit.models import Action, AuditEntry
from juntos.communications.models import Delivery, Notice
from juntos.core.models import OutboxMessage
from juntos.events.models import Event, SignIn
from juntos.members.models import Application
from juntos.privacy.models import AccessRecord, PrivacySettings
from juntos.privacy.retention import purge_coalition
from juntos.privacy.services import settings_for
from juntos.relationships.models import OneToOne
from tests.privacy.helpers import person


def _event(personas, ended_days_ago: int, retention_days: int = 90) -> Event:
    ends = timezone.now() - timedelta(days=ended_days_ago)
    return Event.objects.create(
        coalition=personas.coalition,
        kind="community_forum",
        title=f"Forum {ended_days_ago}",
        slug=f"forum-{ended_days_ago}",
        starts_at=ends - timedelta(hours=2),
        ends_at=ends,
        retention_days=retention_days,
    )


def _signin(event, name):
    return SignIn.objects.create(
        event=event, list="guest", client_id=name, name=name, email=f"{name}@example.org"
    )


def _application(personas, status, days_ago):
    app = Application.objects.create(
        coalition=personas.coalition,
        city="X",
        state="MO",
        zip_code="63101",
        representative_name="Ana Applicant",
        phone="+13145550100",
        email="ana@applicant.example",
        description="d",
        engages_immigrants="e",
        policy_priorities="p",
        base_and_mobilization="b",
        why_join="w",
        benefit="b",
        fingerprint="f",
        status=status,
    )
    Application.objects.filter(pk=app.pk).update(
        updated_at=timezone.now() - timedelta(days=days_ago)
    )
    return app


@pytest.fixture
def aged(personas):
    """One record of each kind just past, and one just inside, the default periods."""
    now = timezone.now()
    rep = person(personas, "rep")
    host = person(personas, "host")
    data = {
        "old_event": _event(personas, ended_days_ago=100),
        "new_event": _event(personas, ended_days_ago=10),
    }
    _signin(data["old_event"], "old-guest")
    _signin(data["new_event"], "new-guest")
    data["old_121"] = OneToOne.objects.create(
        coalition=personas.coalition,
        person=rep,
        organizer=host,
        met_on=timezone.localdate(now - timedelta(days=800)),
        cares_about="Old worries",
    )
    data["new_121"] = OneToOne.objects.create(
        coalition=personas.coalition,
        person=rep,
        organizer=host,
        met_on=timezone.localdate(now - timedelta(days=10)),
        cares_about="New worries",
    )
    data["declined"] = _application(personas, Application.Status.DECLINED, 400)
    data["admitted"] = _application(personas, Application.Status.ADMITTED, 400)
    notice = Notice.objects.create(
        coalition=personas.coalition, audience="chosen", status="sent", subject_en="N"
    )
    data["delivery"] = Delivery.objects.create(
        notice=notice,
        person=rep,
        email=rep.email,
        language="en",
        status="sent",
        sent_at=now - timedelta(days=200),
    )
    OutboxMessage.objects.create(
        coalition_slug=personas.coalition.slug, to=rep.email, subject="N", body="Dear Rene"
    )
    OutboxMessage.objects.filter(to=rep.email).update(created_at=now - timedelta(days=200))
    hook = Webhook.objects.create(
        coalition=personas.coalition, url="https://example.org/h", events=["person.created"]
    )
    WebhookDelivery.objects.create(
        webhook=hook,
        event="person.created",
        payload={"email": rep.email},
        status="delivered",
        created_at=now - timedelta(days=40),
    )
    AccessRecord.objects.create(
        coalition=personas.coalition,
        viewer=personas.host,
        person=rep,
        what="contact",
        at=now - timedelta(days=400),
    )
    AccessRecord.objects.create(
        coalition=personas.coalition, viewer=personas.host, person=rep, what="contact"
    )
    return data


def test_purge_erases_everything_past_the_default_periods_and_keeps_the_rest(personas, aged):
    summary = purge_coalition(personas.coalition)

    assert summary.events == 1 and summary.signins == 1
    assert not SignIn.objects.filter(name="old-guest").exists()
    assert SignIn.objects.filter(name="new-guest").exists()
    aged["old_121"].refresh_from_db()
    aged["new_121"].refresh_from_db()
    assert aged["old_121"].cares_about == "" and aged["new_121"].cares_about == "New worries"
    aged["declined"].refresh_from_db()
    aged["admitted"].refresh_from_db()
    assert aged["declined"].email == "" and aged["declined"].representative_name == ""
    assert aged["admitted"].email == "ana@applicant.example"  # admitted: kept with the member
    aged["delivery"].refresh_from_db()
    assert aged["delivery"].email == "" and aged["delivery"].status == "sent"
    assert not OutboxMessage.objects.filter(coalition_slug=personas.coalition.slug).exists()
    assert not WebhookDelivery.objects.exists()
    assert AccessRecord.objects.count() == 1
    assert summary.total == 8


def test_each_purge_writes_a_summary_of_counts_to_the_audit_log(personas, aged):
    purge_coalition(personas.coalition)
    entry = AuditEntry.objects.get(coalition=personas.coalition, action=Action.PRIVACY_PURGED)
    assert entry.changes["signins"] == [1, 0] and entry.changes["one_to_ones"] == [1, 0]
    assert "old-guest" not in str(entry.changes) and "Rene" not in entry.target_label


def test_the_coalitions_period_caps_an_events_longer_one(personas):
    event = _event(personas, ended_days_ago=40, retention_days=365)
    _signin(event, "guest-40")
    row = settings_for(personas.coalition)
    PrivacySettings.objects.filter(pk=row.pk).update(signin_days=30)
    purge_coalition(personas.coalition)
    assert not SignIn.objects.filter(name="guest-40").exists()


def test_purge_is_safe_to_run_twice(personas, aged):
    purge_coalition(personas.coalition)
    assert purge_coalition(personas.coalition).total == 0


def test_juntos_purge_command_applies_every_coalition(personas, aged, capsys):
    call_command("purge")
    assert "1 one-to-one notes" in capsys.readouterr().out
    assert not SignIn.objects.filter(name="old-guest").exists()
    assert AuditEntry.objects.filter(action=Action.PRIVACY_PURGED).count() == 2  # 2 coalitions


def test_purge_signins_still_works_for_events_own_periods(personas):
    event = _event(personas, ended_days_ago=10, retention_days=5)
    _signin(event, "guest-10")
    call_command("purge_signins")
    assert not SignIn.objects.filter(name="guest-10").exists()


def test_host_sets_the_periods_on_the_privacy_page_and_it_is_audited(personas):
    url = reverse("privacy:settings", args=[personas.coalition.slug])
    client = personas.client("host")
    assert client.get(url).status_code == 200
    data = {name: 30 for name in PrivacySettings.PERIOD_FIELDS}
    response = client.post(url, data)
    assert response.status_code == 302
    row = settings_for(personas.coalition)
    assert row.signin_days == 30 and row.lockdown_lift_hours == 30
    assert AuditEntry.objects.filter(action=Action.PRIVACY_SETTINGS).exists()


def test_bad_periods_are_refused_with_a_message_and_nothing_saved(personas):
    url = reverse("privacy:settings", args=[personas.coalition.slug])
    data = {name: 30 for name in PrivacySettings.PERIOD_FIELDS}
    data["signin_days"] = 99999
    data["one_to_one_days"] = -3
    response = personas.client("host").post(url, data)
    assert response.status_code == 200
    assert "At most 3650." in response.content.decode()
    assert settings_for(personas.coalition).signin_days == 90


def test_purge_warns_about_erasure_requests_past_their_deadline(personas, capsys):
    from juntos.privacy.models import ErasureRequest

    ErasureRequest.objects.create(
        coalition=personas.coalition,
        person=person(personas, "rep"),
        due_on=timezone.localdate() - timedelta(days=1),
    )
    call_command("purge")
    assert "1 erasure requests are past their deadline" in capsys.readouterr().err
