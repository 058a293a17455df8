"""Webhooks: signed (HMAC-SHA256) POSTs to a host's URL, retried with backoff, logged.

The signature header is `X-Juntos-Signature: t=<unix seconds>,v1=<hex>` where the hex is
HMAC-SHA256(secret, f"{t}.{body}"). A receiver recomputes it and refuses a delivery whose
`t` is more than SIGNATURE_TOLERANCE seconds from its own clock, so a captured delivery
cannot be replayed later (`verify()` below is that check, for receivers written in Python).

A failed delivery is tried again after 1, 2, 4, 8 and 16 minutes: the worker gets a task
deferred to that time, and `juntos send_due` (cron, or the worker's start) sends whatever
is due, so retries happen with either task backend.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from juntos.api.models import Webhook, WebhookDelivery
from juntos.api.ssrf import REFUSED_LOG, guarded_urlopen, is_refusal

MAX_ATTEMPTS = 6
SIGNATURE_HEADER = "X-Juntos-Signature"
SIGNATURE_TOLERANCE = 300  # seconds a receiver accepts between `t` and its own clock


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """`t=…,v1=…`: the HMAC covers the time as well as the body."""
    t = int(timestamp if timestamp is not None else time.time())
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(secret: str, body: bytes, header: str, now: float | None = None) -> bool:
    """A receiver's check: right signature, and signed within the tolerance."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - t) > SIGNATURE_TOLERANCE:
        return False
    expected = sign(secret, body, t).split(",v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes between tries."""
    return timedelta(minutes=2 ** max(0, attempts - 1))


def webhook_fire(*, coalition, event: str, payload: dict) -> list[int]:
    from juntos.privacy.services import is_locked

    if is_locked(coalition):
        return []  # a lockdown suspends webhooks: nothing leaves, nothing is queued
    ids = []
    for hook in Webhook.objects.filter(coalition=coalition, active=True):
        if event not in hook.events:
            continue
        delivery = WebhookDelivery.objects.create(
            webhook=hook,
            event=event,
            payload={
                "event": event,
                "coalition": coalition.slug,
                "data": payload,
                "sent_at": timezone.now().isoformat(),
            },
        )
        ids.append(delivery.pk)
    for delivery_id in ids:
        transaction.on_commit(lambda d=delivery_id: deliver_webhook.enqueue(d))
    return ids


def attempt(delivery: WebhookDelivery, opener=guarded_urlopen) -> bool:
    """One try. On failure, schedule the next with backoff, or give up after six."""
    from juntos.privacy.services import is_locked

    if is_locked(delivery.webhook.coalition_id):
        return False  # a lockdown suspends webhooks: the delivery stays pending
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    request = urllib.request.Request(
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
            "X-Juntos-Event": delivery.event,
            "X-Juntos-Delivery": str(delivery.pk),
        },
    )
    delivery.attempts += 1
    try:
        with opener(request, timeout=10) as response:
            delivery.last_status_code = response.status
        ok = 200 <= delivery.last_status_code < 300
        delivery.last_error = "" if ok else f"HTTP {delivery.last_status_code}"
    except urllib.error.HTTPError as error:
        ok, delivery.last_status_code, delivery.last_error = False, error.code, str(error)[:300]
    except (urllib.error.URLError, OSError, ValueError) as error:
        # A refused address leaves the same words whatever is (or is not) there.
        ok, delivery.last_error = False, REFUSED_LOG if is_refusal(error) else str(error)[:300]
    now = timezone.now()
    if ok:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, now
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save()
    if delivery.status == WebhookDelivery.Status.PENDING:
        schedule_retry(delivery)
    return ok


def schedule_retry(delivery: WebhookDelivery) -> bool:
    """Give the worker a task deferred to the next attempt, where the backend can defer
    (the database backend can); otherwise `send_due` picks the delivery up when it is due."""
    if not deliver_webhook.get_backend().supports_defer:
        return False
    when, pk = delivery.next_attempt_at, delivery.pk
    transaction.on_commit(lambda: deliver_webhook.using(run_after=when).enqueue(pk))
    return True


@task()
def deliver_webhook(delivery_id: int) -> bool:
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None:
        return False
    if delivery.status != WebhookDelivery.Status.PENDING:
        return delivery.status == WebhookDelivery.Status.DELIVERED
    if delivery.attempts and delivery.next_attempt_at > timezone.now():
        return False  # sent early by another path; its own retry is still scheduled
    return attempt(delivery)


def retry_due(now=None) -> int:
    """Try again every pending delivery whose time has come (worker and cron)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now, attempts__gt=0
    )
    count = 0
    for delivery in due.select_related("webhook"):
        attempt(delivery)
        count += 1
    return count
