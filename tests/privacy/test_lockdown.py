"""Lockdown: one step by a host suspends what could expose people; two hosts lift it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from juntos.api.models import ApiToken, Webhook
from juntos.api.webhooks import webhook_fire
from juntos.audit.models import Action, AuditEntry
from juntos.events.services import kiosk_token
from juntos.members import services as members
from juntos.privacy.models import PrivacySettings
from juntos.privacy.services import lockdown_lift, settings_for
from tests.conftest import _user
from tests.privacy.helpers import share_contacts


@pytest.fixture
def locked(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("host").post(
            reverse("privacy:lockdown", args=[personas.coalition.slug])
        )
    assert response.status_code == 302
    return personas


@pytest.fixture
def second_host(personas):
    user = _user("host2@test.example", "Hugo Host")
    members.person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Hugo Host",
        email=user.email,
        role="host",
        user=user,
    )
    return user


def _slug(p):
    return p.coalition.slug


def test_one_step_locks_down_and_is_audited(personas):
    response = personas.client("host").post(reverse("privacy:lockdown", args=[_slug(personas)]))
    assert response.status_code == 302
    assert settings_for(personas.coalition).locked_at is not None
    assert AuditEntry.objects.filter(action=Action.LOCKDOWN_STARTED).exists()


def test_every_host_is_told(personas, second_host, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        personas.client("host").post(reverse("privacy:lockdown", args=[_slug(personas)]))
    assert sorted(m.to[0] for m in mailoutbox) == ["host2@test.example", "host@test.example"]


def test_a_banner_says_so_on_every_page(locked):
    html = locked.client("rep").get(reverse("web:home", args=[_slug(locked)])).content.decode()
    assert "lockdown-banner" in html


def test_contact_details_are_hidden_from_everyone_but_hosts(locked):
    share_contacts(locked, "other_rep")
    url = reverse("members:detail", args=[_slug(locked), locked.other_member.pk])
    assert "other@test.example" not in locked.client("rep").get(url).content.decode()
    assert "other@test.example" in locked.client("host").get(url).content.decode()


def test_exports_are_suspended(locked):
    for name in ("imports:export_people", "privacy:my_export"):
        response = locked.client("host").get(reverse(name, args=[_slug(locked)]))
        assert response.status_code == 423


def test_api_tokens_are_suspended(locked):
    _t, raw = ApiToken.issue(user=locked.host, coalition=locked.coalition, name="t", scope="read")
    response = locked.client(None).get(reverse("api:people"), HTTP_OSDI_API_TOKEN=raw)
    assert response.status_code == 423


def test_kiosks_and_public_pages_listing_names_are_suspended(locked):
    from tests.test_permissions import _event

    event = _event(locked)
    kiosk = reverse("events_public:kiosk", args=[kiosk_token(event, "guest")])
    assert locked.client(None).get(kiosk).status_code == 423
    page = reverse("events_public:page", args=[_slug(locked), event.slug])
    assert locked.client(None).get(page).status_code == 423


def test_webhooks_are_suspended(locked):
    Webhook.objects.create(
        coalition=locked.coalition, url="https://example.org/h", events=["person.created"]
    )
    assert webhook_fire(coalition=locked.coalition, event="person.created", payload={}) == []


def test_other_coalitions_are_not_affected(locked):
    response = locked.client("outsider").get(reverse("web:home", args=["other-coalition"]))
    assert "lockdown-banner" not in response.content.decode()


def test_one_host_cannot_lift_it_alone_before_the_delay(locked):
    url = reverse("privacy:lockdown_lift", args=[_slug(locked)])
    locked.client("host").post(url)
    locked.client("host").post(url)  # asking twice is still one host
    assert settings_for(locked.coalition).locked_at is not None
    assert AuditEntry.objects.filter(action=Action.LOCKDOWN_LIFT_ASKED).count() == 1


def test_a_second_host_lifts_it(locked, second_host):
    url = reverse("privacy:lockdown_lift", args=[_slug(locked)])
    locked.client("host").post(url)
    client = locked.client(None)
    client.force_login(second_host)
    client.post(url)
    assert settings_for(locked.coalition).locked_at is None
    assert AuditEntry.objects.filter(action=Action.LOCKDOWN_LIFTED).exists()
    url = reverse("imports:export_people", args=[_slug(locked)])
    assert locked.client("host").get(url).status_code == 200


def test_one_host_lifts_it_after_the_coalitions_delay(locked):
    row = settings_for(locked.coalition)
    PrivacySettings.objects.filter(pk=row.pk).update(lockdown_lift_hours=24)
    later = row.locked_at + timedelta(hours=24)
    decision = lockdown_lift(coalition=locked.coalition, actor=locked.host, now=later)
    assert decision.lifted and decision.rule == "delay_passed"


def test_only_hosts_may_lock_or_lift(personas):
    url = reverse("privacy:lockdown", args=[_slug(personas)])
    assert personas.client("core").post(url).status_code == 403
    assert settings_for(personas.coalition).locked_at is None


def test_sign_in_lists_and_contact_records_are_for_hosts_only(locked):
    from juntos.relationships.models import Contact
    from tests.test_permissions import _event

    event = _event(locked)
    url = reverse("events:signins", args=[_slug(locked), event.pk])
    assert locked.client("core").get(url).status_code == 423
    assert locked.client("host").get(url).status_code == 200
    contact = Contact.objects.create(coalition=locked.coalition, name="Ana", email="a@x.org")
    url = reverse("relationships:contact", args=[_slug(locked), contact.pk])
    assert locked.client("rep").get(url).status_code == 423
    assert locked.client("host").get(url).status_code == 200
