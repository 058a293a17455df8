"""Webhook retries run in production (worker and send_due), signatures carry a timestamp,
payloads are OSDI resources, and the API's own writes fire them."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from juntos.api import webhooks
from juntos.api.models import ApiToken, Webhook, WebhookDelivery
from tests.api.test_sync_and_webhooks import Receiver


@pytest.fixture
def receiver():
    made = []

    def make(status=200):
        made.append(Receiver(status))
        return made[-1]

    yield make
    for r in made:
        r.close()


def test_signature_covers_a_timestamp_and_refuses_replays():
    body = b'{"a": 1}'
    header = webhooks.sign("k", body, timestamp=1_800_000_000)
    assert header.startswith("t=1800000000,v1=")
    assert webhooks.verify("k", body, header, now=1_800_000_000 + 299)
    # The same capture, later than the tolerance, is refused; so is a changed body or time.
    assert not webhooks.verify("k", body, header, now=1_800_000_000 + 301)
    assert not webhooks.verify("k", b'{"a": 2}', header, now=1_800_000_000)
    forged = header.replace("t=1800000000", "t=1800000500")
    assert not webhooks.verify("k", body, forged, now=1_800_000_500)
    assert not webhooks.verify("k", body, "sha256=abc", now=1_800_000_000)


def test_send_due_command_retries_failed_deliveries_when_due(
    personas,
    receiver,
    django_capture_on_commit_callbacks,
    time_machine,
):
    time_machine.move_to(timezone.now(), tick=False)
    r = receiver(status=503)
    Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["person.created"], secret="k"
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_fire(coalition=personas.coalition, event="person.created", payload={})
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1 and delivery.status == "pending"

    call_command("send_due", stdout=io.StringIO())  # not due yet: nothing sent
    assert len(r.received) == 1

    r.status = 200
    time_machine.shift(timedelta(minutes=1, seconds=1))
    call_command("send_due", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 2
    assert len(r.received) == 2


def test_a_failed_delivery_gets_a_deferred_task_with_the_database_backend(
    personas,
    receiver,
    settings,
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    r = receiver(status=500)
    Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["person.created"], secret="k"
    )
    with django_capture_on_commit_callbacks(execute=True):
        (delivery_id,) = webhooks.webhook_fire(
            coalition=personas.coalition, event="person.created", payload={}
        )
    # The first try is a queued task; the worker runs it.
    assert DBTaskResult.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.deliver_webhook.call(delivery_id)
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == 2
    assert retry.run_after == delivery.next_attempt_at
    assert json.loads(json.dumps(retry.args_kwargs))["args"] == [delivery_id]


def test_webhook_page_shows_the_next_try(personas):
    hook = Webhook.objects.create(
        coalition=personas.coalition, url="https://example.org/h", events=[], secret="k"
    )
    when = timezone.now() + timedelta(minutes=4)
    WebhookDelivery.objects.create(
        webhook=hook, event="person.created", payload={}, attempts=2, next_attempt_at=when
    )
    page = personas.client("host").get(f"/c/{personas.coalition.slug}/webhooks/")
    assert page.status_code == 200
    assert "Next try" in page.content.decode() and "t=TIME,v1=SIGNATURE" in page.content.decode()


@pytest.mark.django_db
def test_api_signup_fires_the_osdi_person_as_payload(
    client,
    personas,
    receiver,
    django_capture_on_commit_callbacks,
):
    r = receiver()
    Webhook.objects.create(
        coalition=personas.coalition,
        url=r.url,
        events=["person.created", "person.updated"],
        secret="k",
    )
    _t, raw = ApiToken.issue(
        user=personas.host, coalition=personas.coalition, name="t", scope="read_write"
    )
    body = {"person": {"given_name": "Ada", "email_addresses": [{"address": "ada@example.org"}]}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/api/people",
            json.dumps(body),
            content_type="application/json",
            HTTP_OSDI_API_TOKEN=raw,
        )
    ((_headers, sent),) = r.received
    payload = json.loads(sent)
    assert payload["event"] == "person.created"
    person = payload["data"]
    assert person["given_name"] == "Ada"
    assert person["email_addresses"][0]["address"] == "ada@example.org"
    assert person["_links"]["self"]["href"].startswith("http")
