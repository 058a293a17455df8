"""Webhook SSRF: https and public addresses only, at save time and again at send time
(on the IP actually connected to), and the log says nothing about a refused address."""

import socket

import pytest
from django.urls import reverse

from juntos.api import ssrf, webhooks
from juntos.api.models import Webhook, WebhookDelivery
from tests.api.test_sync_and_webhooks import receiver  # noqa: F401 - a fixture

REFUSED = [
    "http://93.184.215.14/hook",  # not https
    "https://127.0.0.1/hook",
    "https://[::1]/hook",
    "https://10.1.2.3/hook",
    "https://192.168.0.10/hook",
    "https://172.16.5.5/hook",
    "https://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
    "https://100.64.0.1/hook",  # shared address space
    "https://240.0.0.1/hook",  # reserved
    "https://[::ffff:127.0.0.1]/hook",
    "https://0.0.0.0/hook",
]


@pytest.fixture
def strict(settings):
    settings.JUNTOS_WEBHOOKS_ALLOW_INSECURE = False


@pytest.mark.parametrize("url", REFUSED)
def test_saving_a_webhook_to_a_non_public_or_plain_http_address_is_refused(personas, strict, url):
    page = reverse("api_pages:webhooks", args=[personas.coalition.slug])
    response = personas.client("host").post(page, {"url": url, "events": ["person.created"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "must start with https://" in html or "private or reserved" in html
    assert not Webhook.objects.exists()


def test_a_public_https_address_is_accepted(personas, strict):
    assert ssrf.url_problem("https://93.184.215.14/hook") == ""


def resolve_to(monkeypatch, ip):
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "hooks.example.org":
            return real(ip, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_at_send_time_a_name_that_now_resolves_to_loopback_gets_nothing(
    personas,
    strict,
    receiver,  # noqa: F811
    monkeypatch,
):
    listening = receiver()
    port = listening.server.server_port
    hooks = [
        Webhook.objects.create(
            coalition=personas.coalition,
            url=f"https://hooks.example.org:{p}/hook",
            events=["person.created"],
            secret="k",
        )
        for p in (port, 9)  # something answers on one; nothing on the other
    ]
    resolve_to(monkeypatch, "127.0.0.1")  # DNS changed after the hooks were saved
    webhooks.webhook_fire(coalition=personas.coalition, event="person.created", payload={})
    logs = set()
    for hook in hooks:
        delivery = WebhookDelivery.objects.get(webhook=hook)
        webhooks.attempt(delivery)
        logs.add((delivery.last_error, delivery.last_status_code))
    assert listening.received == []
    assert logs == {(ssrf.REFUSED_LOG, None)}  # the same words whatever is there


def test_the_development_setting_allows_http_to_loopback(personas, receiver):  # noqa: F811
    r = receiver()
    assert ssrf.url_problem(r.url) == ""
    hook = Webhook.objects.create(
        coalition=personas.coalition, url=r.url, events=["person.created"], secret="k"
    )
    webhooks.webhook_fire(coalition=personas.coalition, event="person.created", payload={})
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert webhooks.attempt(delivery) and len(r.received) == 1


def test_insecure_webhooks_cannot_be_allowed_in_production():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import juntos.settings"],
        env={
            "JUNTOS_PRODUCTION": "1",
            "JUNTOS_SECRET_KEY": "x" * 60,
            "JUNTOS_WEBHOOKS_ALLOW_INSECURE": "1",
            "PATH": "",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "development only" in result.stderr
