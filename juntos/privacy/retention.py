"""Retention: erase what is past the coalition's periods. `juntos purge` runs this daily.

Each coalition's run writes one summary to its audit log (counts only, never names).
Counts and the fact that something happened stay; names, contact details and free text go.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.charter.models import Coalition
from juntos.privacy import rules
from juntos.privacy.services import settings_for

APPLICATION_ERASED = {
    "organization_name": "",
    "representative_name": "",
    "representative_title": "",
    "phone": "",
    "email": "",
    "city": "",
    "zip_code": "",
    "description": "",
    "engages_immigrants": "",
    "policy_priorities": "",
    "base_and_mobilization": "",
    "why_join": "",
    "benefit": "",
    "fingerprint": "",
    "participation": [],
    "logo": "",
}


@dataclass
class PurgeSummary:
    events: int = 0
    signins: int = 0
    one_to_ones: int = 0
    applications: int = 0
    deliveries: int = 0
    mail_copies: int = 0
    webhook_deliveries: int = 0
    access_records: int = 0

    def add(self, other: PurgeSummary):
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def _signins(coalition, days: int, now) -> tuple[int, int]:
    from juntos.events import rules as event_rules
    from juntos.events.models import Event
    from juntos.events.services import event_signins_purge

    events = signins = 0
    candidates = Event.objects.filter(
        coalition=coalition, signins_purged_at__isnull=True, ends_at__lt=now
    ).only("pk", "ends_at", "retention_days", "coalition_id", "title", "signins_purged_at")
    for event in candidates.iterator():
        # The coalition's period caps each event's own setting.
        if event_rules.purge_due(
            ends_at=event.ends_at,
            days=min(event.retention_days, days),
            now=now,
            purged_at=event.signins_purged_at,
        ):
            event.coalition = coalition
            report = event_signins_purge(event=event, now=now)
            events += 1
            signins += report.signins
    return events, signins


def _applications(coalition, days: int, now) -> int:
    from juntos.members.models import Application, ApplicationNote

    never_admitted = Application.objects.filter(
        coalition=coalition,
        status__in=[Application.Status.DECLINED, Application.Status.WITHDRAWN],
        updated_at__lt=rules.cutoff(now, days),
    ).exclude(representative_name="", email="")
    ids = list(never_admitted.values_list("pk", flat=True))
    if not ids:
        return 0
    for application in Application.objects.filter(pk__in=ids).exclude(logo=""):
        application.logo.delete(save=False)
    ApplicationNote.objects.filter(application_id__in=ids).delete()
    return Application.objects.filter(pk__in=ids).update(**APPLICATION_ERASED)


def purge_coalition(coalition, *, now=None, actor=None) -> PurgeSummary:
    from juntos.api.models import WebhookDelivery
    from juntos.communications.models import Delivery
    from juntos.core.models import OutboxMessage
    from juntos.privacy.models import AccessRecord
    from juntos.relationships.models import OneToOne

    now = now or timezone.now()
    s = settings_for(coalition)
    summary = PurgeSummary()
    with transaction.atomic():
        summary.events, summary.signins = _signins(coalition, s.signin_days, now)
        met_before = timezone.localdate(rules.cutoff(now, s.one_to_one_days))
        summary.one_to_ones = (
            OneToOne.objects.filter(coalition=coalition, met_on__lt=met_before)
            .filter(~Q(cares_about="") | ~Q(follow_up=""))
            .update(cares_about="", follow_up="")
        )
        summary.applications = _applications(coalition, s.application_days, now)
        sent_before = rules.cutoff(now, s.notice_days)
        summary.deliveries = (
            Delivery.objects.filter(
                notice__coalition=coalition,
                status=Delivery.Status.SENT,
                sent_at__lt=sent_before,
            )
            .filter(~Q(email="") | ~Q(error=""))
            .update(email="", error="")
        )
        summary.mail_copies, _ = OutboxMessage.objects.filter(
            coalition_slug=coalition.slug, created_at__lt=sent_before
        ).delete()
        summary.webhook_deliveries, _ = (
            WebhookDelivery.objects.filter(
                webhook__coalition=coalition,
                created_at__lt=rules.cutoff(now, s.webhook_log_days),
            )
            .exclude(status=WebhookDelivery.Status.PENDING)
            .delete()
        )
        summary.access_records, _ = AccessRecord.objects.filter(
            coalition=coalition, at__lt=rules.cutoff(now, s.access_log_days)
        ).delete()
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.PRIVACY_PURGED,
            target=s,
            changes={key: [value, 0] for key, value in asdict(summary).items() if value},
        )
    return summary


def purge_all(*, now=None) -> PurgeSummary:
    """Every coalition's retention periods, applied (the scheduled job)."""
    now = now or timezone.now()
    total = PurgeSummary()
    for coalition in Coalition.objects.order_by("pk"):
        total.add(purge_coalition(coalition, now=now))
    return total
