"""Every privacy write: retention settings, the lockdown switch and erasure requests.

Atomic and audited; mail to hosts leaves after commit. Erasure itself is in erasure.py,
retention purges in retention.py.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from juntos.audit.log import assign, audit_record
from juntos.audit.models import Action
from juntos.core import mail
from juntos.members.models import Person
from juntos.privacy import rules
from juntos.privacy.models import ErasureRequest, PrivacySettings


class PrivacyError(Exception):
    pass


def settings_for(coalition) -> PrivacySettings:
    """The coalition's settings, made with the defaults on first use."""
    row = PrivacySettings.objects.filter(coalition=coalition).first()
    if row is None:
        row, _created = PrivacySettings.objects.get_or_create(coalition=coalition)
    return row


def privacy_settings_save(*, coalition, actor, data: dict) -> PrivacySettings:
    with transaction.atomic():
        row = PrivacySettings.objects.select_for_update().get(pk=settings_for(coalition).pk)
        values = {k: data[k] for k in PrivacySettings.PERIOD_FIELDS if k in data}
        changes = assign(row, values)
        if changes:
            row.save(update_fields=list(values))
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.PRIVACY_SETTINGS,
                target=row,
                changes=changes,
            )
    return row


def _hosts(coalition):
    return list(
        Person.objects.filter(coalition=coalition, role="host")
        .exclude(email="")
        .select_related("user")
    )


def _tell_hosts(coalition, template: str, context: dict):
    hosts = _hosts(coalition)

    def send():
        for host in hosts:
            mail.send(
                template,
                host.email,
                {"person": host, **context},
                language=host.language,
                coalition=coalition,
            )

    transaction.on_commit(send)


# --- Lockdown -------------------------------------------------------------------------------


def lockdown_start(*, coalition, actor) -> PrivacySettings:
    """One step: exports, tokens, webhooks, kiosks, public name lists and contact details
    (for all but hosts) stop until two hosts lift it."""
    with transaction.atomic():
        row = PrivacySettings.objects.select_for_update().get(pk=settings_for(coalition).pk)
        if row.locked_at is not None:
            return row
        now = timezone.now()
        row.locked_at = now
        row.locked_by = actor
        row.lift_requested_at = None
        row.lift_requested_by = None
        row.save(update_fields=["locked_at", "locked_by", "lift_requested_at", "lift_requested_by"])
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.LOCKDOWN_STARTED,
            target=row,
            changes={"locked": [False, True]},
        )
        _tell_hosts(coalition, "lockdown_started", {"actor_name": actor.full_name or ""})
    return row


def lockdown_lift(*, coalition, actor, now=None) -> rules.LiftDecision:
    """Lift when a second host confirms, or the coalition's delay has passed; otherwise
    record this host's request and wait for another."""
    now = now or timezone.now()
    with transaction.atomic():
        row = PrivacySettings.objects.select_for_update().get(pk=settings_for(coalition).pk)
        decision = rules.lift_decision(
            locked_at=row.locked_at,
            requested_by=row.lift_requested_by_id,
            actor=actor.pk,
            now=now,
            delay_hours=row.lockdown_lift_hours,
        )
        if decision.rule == "not_locked":
            return decision
        if decision.lifted:
            row.locked_at = None
            row.lift_requested_at = None
            row.lift_requested_by = None
            row.save(update_fields=["locked_at", "lift_requested_at", "lift_requested_by"])
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.LOCKDOWN_LIFTED,
                target=row,
                changes={"locked": [True, False], "rule": [None, decision.rule]},
            )
            _tell_hosts(coalition, "lockdown_lifted", {"actor_name": actor.full_name or ""})
        elif row.lift_requested_by_id is None:
            row.lift_requested_at = now
            row.lift_requested_by = actor
            row.save(update_fields=["lift_requested_at", "lift_requested_by"])
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.LOCKDOWN_LIFT_ASKED,
                target=row,
                changes={},
            )
    return decision


def is_locked(coalition) -> bool:
    """Whether a coalition (or coalition id) is in lockdown, asked of the database."""
    coalition_id = getattr(coalition, "pk", coalition)
    return PrivacySettings.objects.filter(
        coalition_id=coalition_id, locked_at__isnull=False
    ).exists()


# --- Erasure requests -----------------------------------------------------------------------


def erasure_request(*, person: Person, actor) -> ErasureRequest:
    """The person asks to be erased; hosts are told and have the coalition's time to act."""
    coalition = person.coalition
    with transaction.atomic():
        open_request = ErasureRequest.objects.filter(
            person=person, status=ErasureRequest.Status.OPEN
        ).first()
        if open_request is not None:
            return open_request
        days = settings_for(coalition).erasure_days
        now = timezone.now()
        request = ErasureRequest.objects.create(
            coalition=coalition,
            person=person,
            requested_at=now,
            due_on=rules.erasure_due_on(timezone.localdate(now), days),
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.ERASURE_REQUESTED,
            target=request,
            changes={"due_on": [None, request.due_on.isoformat()]},
        )
        _tell_hosts(coalition, "erasure_requested", {"request": request})
    return request


def erasure_request_withdraw(*, request: ErasureRequest, actor) -> ErasureRequest:
    with transaction.atomic():
        if request.status != ErasureRequest.Status.OPEN:
            return request
        request.status = ErasureRequest.Status.WITHDRAWN
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at"])
        audit_record(
            coalition=request.coalition,
            actor=actor,
            action=Action.ERASURE_REQUESTED,
            target=request,
            changes={"status": ["open", "withdrawn"]},
        )
    return request
