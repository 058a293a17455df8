"""An OSDI sync driven by a plain HTTP client, and webhooks to a real local server."""

import hashlib
import hmac
import json
import threading
import urllib.request
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from juntos.api import webhooks
from juntos.api.models import ApiToken, Webhook, WebhookDelivery
from tests.conftest import make_personas


def http(method, url, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"OSDI-API-Token": token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_osdi_sync_pages_creates_and_fetches_changes(live_server):
    personas = make_personas()
    _t, raw = ApiToken.issue(
        user=personas.host, coalition=personas.coalition, name="sync", scope="read_write"
    )
    root_status, root = http("GET", f"{live_server.url}/api/", raw)
    assert root_status == 200
    url = root["_links"]["osdi:people"]["href"] + "?per_page=2"
    seen = []
    while url:
        _status, page = http("GET", url, raw)
        seen += [p["identifiers"][0] for p in page["_embedded"]["osdi:people"]]
        url = page["_links"].get("next", {}).get("href")
    assert len(seen) == len(set(seen)) == page["total_records"]

    since = timezone.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    status, created = http(
        "POST",
        root["_links"]["osdi:person_signup_helper"]["href"],
        raw,
        {
            "person": {
                "given_name": "Nueva",
                "family_name": "Persona",
                "email_addresses": [{"address": "nueva@example.org"}],
            },
            "add_tags": ["sync"],
        },
    )
    assert status == 201
    query = urllib.request.quote(f"modified_date gt '{since}'")
    _status, changes = http("GET", f"{live_server.url}/api/people?filter={query}", raw)
    assert [p["identifiers"] for p in changes["_embedded"]["osdi:people"]] == [
        created["identifiers"]
    ]


class Receiver:
    """A local HTTP server that records what webhooks post, answering a chosen status."""

    def __init__(self, status=200):
        self.received = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.status = status
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def receiver():
    made = []

    def make(status=200):
        made.append(Receiver(status))
        return made[-1]

    yield make
    for r in made:
        r.close()


def test_new_person_webhook_is_signed_and_logged(
    personas, receiver, django_capture_on_commit_callbacks
):
    r = receiver()
    hook = Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["person.created"], secret="s3cret"
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_fire(
            coalition=personas.coalition, event="person.created", payload={"email": "x@example.org"}
        )
    ((headers, body),) = r.received
    signature = headers["X-Juntos-Signature"]
    t = signature.split(",")[0].removeprefix("t=")
    expected = hmac.new(b"s3cret", t.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert signature == f"t={t},v1={expected}"
    assert webhooks.verify("s3cret", body, signature)
    assert json.loads(body)["data"] == {"email": "x@example.org"}
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.status == "delivered" and delivery.last_status_code == 200


def test_failing_webhook_is_retried_with_backoff_then_given_up(
    personas, receiver, django_capture_on_commit_callbacks
):
    r = receiver(status=500)
    Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["signon.answered"], secret="k"
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_fire(coalition=personas.coalition, event="signon.answered", payload={})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    gap = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < gap <= timedelta(minutes=1)
    now = timezone.now()
    for _ in range(10):
        now += timedelta(hours=1)
        webhooks.retry_due(now=now)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert len(r.received) == webhooks.MAX_ATTEMPTS


def test_backoff_doubles():
    assert [webhooks.backoff(n).seconds // 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]


def test_events_not_subscribed_are_not_sent(personas, receiver):
    r = receiver()
    Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["attendance.created"], secret="k"
    )
    assert (
        webhooks.webhook_fire(coalition=personas.coalition, event="person.created", payload={})
        == []
    )


def test_host_registers_a_webhook_and_sees_the_secret_once(personas):
    from django.urls import reverse

    url = reverse("api_pages:webhooks", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url, {"url": "https://crm.example.org/in", "events": ["person.created"]}
    )
    assert Webhook.objects.get().secret in response.content.decode()
    assert Webhook.objects.get().secret not in personas.client("host").get(url).content.decode()


def test_attendance_at_an_event_fires_its_webhook(
    personas, receiver, django_capture_on_commit_callbacks
):
    from juntos.events.models import Event
    from juntos.events.services.signin import attendance_record

    r = receiver()
    Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["attendance.created"], secret="k"
    )
    start = timezone.now()
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="rally",
        title="Rally",
        slug="rally",
        starts_at=start,
        ends_at=start,
    )
    with django_capture_on_commit_callbacks(execute=True):
        attendance_record(event=event, actor=personas.host, member=personas.member)
        attendance_record(event=event, actor=personas.host, member=personas.member)  # once
    ((_headers, body),) = r.received
    data = json.loads(body)["data"]
    # The payload is the OSDI attendance resource.
    assert data["juntos:member"] == "Casa Test" and data["attended"] is True
    assert data["_links"]["osdi:event"]["href"].endswith(f"/api/events/{event.uuid}")
