"""Background work. Delivery rows, not the task queue, are the source of truth: a task
that dies is simply enqueued again (`juntos worker` does it at start) and carries on."""

import os

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from juntos.communications.models import Delivery, Notice, Statement

BATCH = 100


def _crash_point(name: str) -> None:
    """Fault injection for the crash tests: JUNTOS_CRASH_AT=<point>:<n> hard-exits the
    process the n-th time it passes <point>, as a kill -9 would."""
    spec = os.environ.get("JUNTOS_CRASH_AT", "")
    if not spec.startswith(name + ":"):
        return
    count = int(os.environ.get("_JUNTOS_CRASH_COUNT", "0")) + 1
    os.environ["_JUNTOS_CRASH_COUNT"] = str(count)
    if count >= int(spec.split(":", 1)[1]):
        os._exit(137)


def recover_interrupted() -> list[int]:
    """After a crash: claimed rows were never tried and go back to the queue; rows caught
    mid-send are tried again. Returns the notices that still have work."""
    Delivery.objects.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.QUEUED, claimed_at=None
    )
    Delivery.objects.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.QUEUED, claimed_at=None
    )
    return list(
        Delivery.objects.filter(status=Delivery.Status.QUEUED)
        .values_list("notice_id", flat=True)
        .distinct()
    )


def _claim(notice_id: int) -> list[Delivery]:
    with transaction.atomic():
        rows = Delivery.objects.filter(notice_id=notice_id, status=Delivery.Status.QUEUED)
        rows = list(rows.select_for_update(skip_locked=True).order_by("pk")[:BATCH])
        if rows:
            Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
                status=Delivery.Status.CLAIMED, claimed_at=timezone.now()
            )
    if rows:
        _crash_point("after_claim")
    return rows


@task()
def deliver_notice(notice_id: int) -> int:
    """Send every queued delivery of a notice, each exactly once, in batches."""
    from juntos.communications.services import notice_message

    notice = Notice.objects.select_related("coalition").get(pk=notice_id)
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        while rows := _claim(notice_id):
            people = {
                d.pk: d
                for d in Delivery.objects.filter(pk__in=[r.pk for r in rows]).select_related(
                    "person"
                )
            }
            for row in rows:
                delivery = people[row.pk]
                Delivery.objects.filter(pk=row.pk).update(status=Delivery.Status.SENDING)
                try:
                    notice_message(delivery, notice, connection).send()
                except Exception as error:  # noqa: BLE001 - recorded per recipient, not hidden
                    Delivery.objects.filter(pk=row.pk).update(
                        status=Delivery.Status.FAILED, error=str(error)[:300]
                    )
                    continue
                Delivery.objects.filter(pk=row.pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now()
                )
                sent += 1
                _crash_point("after_sent")
    finally:
        connection.close()
    if not Delivery.objects.filter(
        notice_id=notice_id,
        status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED, Delivery.Status.SENDING],
    ).exists():
        Notice.objects.filter(pk=notice_id).update(
            status=Notice.Status.SENT, sent_at=timezone.now()
        )
    return sent


@task()
def remind_signon(statement_id: int) -> int:
    from juntos.communications.services import signon_remind

    statement = Statement.objects.filter(pk=statement_id).first()
    return signon_remind(statement=statement) if statement else 0
