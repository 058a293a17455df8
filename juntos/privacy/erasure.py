"""Erasing a person from one coalition.

What is only about them goes (one-to-ones, relationships and the contact records they
hang from, the ladder, tags, team seats, consents, the access log about them, API
tokens); what the coalition must keep stays without them (their member's attendance and
votes, notice counts, sign-in counts). Then every text column of every table in the
coalition is searched for their name, email addresses and phone numbers and those are
removed. The person's row stays as an empty tombstone so references keep working, and
the audit log records that an erasure happened, by whom and when: never what.
"""

from __future__ import annotations

import re
from collections import deque

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from juntos.audit.log import audit_record
from juntos.audit.models import Action

MARK = "…"  # what stands where an erased value was inside a longer text
FORMER = "former_representative"  # the audit log's actor label for an erased login
MIN_LENGTH = 5  # shorter values would erase unrelated words
TEXT_TYPES = (models.CharField, models.TextField, models.JSONField)
SKIP = {("accounts.user", "password"), ("api.apitoken", "digest")}


def erased_values(person) -> list[str]:
    """The strings that identify the person: name, emails, phone numbers, address."""
    from juntos.core.forms import format_phone
    from juntos.relationships.models import Contact

    values = {person.full_name, person.email, person.phone, person.address}
    if person.phone:
        values.add(format_phone(person.phone))
        digits = re.sub(r"\D", "", person.phone)
        values.add(digits)
        if len(digits) == 11 and digits.startswith("1"):
            values.add(digits[1:])
    if person.user_id:
        values.update({person.user.email, person.user.full_name})
    for name, email, phone in Contact.objects.filter(person=person).values_list(
        "name", "email", "phone"
    ):
        values.update({name, email, phone})
    return sorted((v.strip() for v in values if v and len(v.strip()) >= MIN_LENGTH), key=len)[::-1]


def coalition_path(model) -> str | None:
    """The lookup from `model` to its coalition id ("coalition", "event__coalition"), or None."""
    Coalition = apps.get_model("charter", "Coalition")
    if model is Coalition:
        return None
    queue = deque([(model, "", 0)])
    while queue:
        current, prefix, depth = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.concrete and field.many_to_one):
                continue
            if field.related_model is Coalition and field.name in ("coalition",):
                return f"{prefix}{field.name}"
        if depth >= 3:
            continue
        for field in current._meta.get_fields():
            if field.concrete and field.many_to_one and field.related_model is not current:
                queue.append((field.related_model, f"{prefix}{field.name}__", depth + 1))
    return None


def _replace(text: str, values: list[str]) -> str:
    for value in values:
        text = re.sub(re.escape(value), MARK, text, flags=re.IGNORECASE)
    return text


def _scrub_json(value, values):
    if isinstance(value, str):
        stripped = value.strip().lower()
        if any(stripped == v.lower() for v in values):
            return ""
        return _replace(value, values)
    if isinstance(value, list):
        return [_scrub_json(v, values) for v in value]
    if isinstance(value, dict):
        return {_scrub_json(k, values): _scrub_json(v, values) for k, v in value.items()}
    return value


def text_fields(model):
    label = model._meta.label_lower
    return [
        f
        for f in model._meta.get_fields()
        if f.concrete
        and not f.is_relation
        and isinstance(f, TEXT_TYPES)
        and (label, f.name) not in SKIP
    ]


def scrub_everywhere(coalition, values: list[str], *, spare: dict | None = None) -> int:
    """Remove `values` from every text column of every table: rows of this coalition, and
    rows of tables that belong to no coalition (logins, mail copies, task results).
    `spare` maps a model label to row ids left alone (a login kept for another coalition)."""
    spare = spare or {}
    changed = 0
    if not values:
        return 0
    for model in apps.get_models():
        fields = text_fields(model)
        if not fields:
            continue
        path = coalition_path(model)
        base = model._default_manager.all()
        if path is not None:
            base = base.filter(**{f"{path}_id": coalition.pk})
        elif model._meta.label_lower == "core.outboxmessage":
            base = base.filter(coalition_slug__in=[coalition.slug, ""])
        if model._meta.label_lower in spare:
            base = base.exclude(pk__in=spare[model._meta.label_lower])
        for field in fields:
            match = Q()
            for value in values:
                match |= Q(**{f"{field.name}__icontains": value})
            for pk, current in base.filter(match).values_list("pk", field.name):
                if isinstance(field, models.JSONField):
                    new = _scrub_json(current, values)
                elif current.strip().lower() in {v.lower() for v in values}:
                    new = ""
                else:
                    new = _replace(current, values)
                if new != current:
                    model._default_manager.filter(pk=pk).update(**{field.name: new})
                    changed += 1
    return changed


def person_erase(*, person, actor) -> None:
    """Erase the person from their coalition (see the module's description)."""
    from juntos.accounts.models import Invitation
    from juntos.api.models import ApiToken
    from juntos.communications.models import Delivery, SignOnAnswer
    from juntos.consent.models import ConsentEvent
    from juntos.core.models import OutboxMessage
    from juntos.events.models import EventAttendance, SignIn
    from juntos.events.services.signin import ERASED as SIGNIN_ERASED
    from juntos.governance.models import Attendance
    from juntos.members.models import Application, Person, Tagging, TeamSeat
    from juntos.privacy.models import AccessRecord, ErasureRequest
    from juntos.relationships.models import Contact, EngagementStep, OneToOne, Relationship

    coalition = person.coalition
    now = timezone.now()
    with transaction.atomic():
        person = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        values = erased_values(person)
        user = person.user
        emails = [v for v in values if "@" in v]

        contact_ids = list(Contact.objects.filter(person=person).values_list("pk", flat=True))
        Relationship.objects.filter(
            Q(source_id__in=contact_ids) | Q(target_id__in=contact_ids)
        ).delete()
        Contact.objects.filter(pk__in=contact_ids).delete()
        OneToOne.objects.filter(person=person).delete()
        EngagementStep.objects.filter(person=person).delete()
        Tagging.objects.filter(person=person).delete()
        TeamSeat.objects.filter(person=person).delete()
        ConsentEvent.objects.filter(person=person).delete()
        AccessRecord.objects.filter(person=person).delete()

        signins = Q(person=person)
        for email in emails:
            signins |= Q(email__iexact=email)
        SignIn.objects.filter(event__coalition=coalition).filter(signins).update(
            purged_at=now, may_contact=False, **SIGNIN_ERASED
        )
        Delivery.objects.filter(person=person).update(email="", error="")
        Attendance.objects.filter(person=person).update(person=None)
        EventAttendance.objects.filter(person=person, member__isnull=True).delete()
        EventAttendance.objects.filter(person=person).update(person=None)
        by_email = Q(pk__in=[])
        for email in emails:
            by_email |= Q(email__iexact=email)
        Application.objects.filter(coalition=coalition).filter(by_email).update(
            representative_name="", representative_title="", phone="", email=""
        )
        Invitation.objects.filter(coalition=coalition).filter(by_email).delete()
        to_match = Q(pk__in=[])
        for email in emails:
            to_match |= Q(to__icontains=email)
        OutboxMessage.objects.filter(coalition_slug=coalition.slug).filter(to_match).delete()
        ErasureRequest.objects.filter(person=person, status=ErasureRequest.Status.OPEN).update(
            status=ErasureRequest.Status.DONE, closed_at=now
        )

        if user is not None:
            from juntos.audit.models import AuditEntry

            ApiToken.objects.filter(user=user, coalition=coalition).delete()
            SignOnAnswer.objects.filter(
                statement__coalition=coalition, answered_by_user=user
            ).update(answered_by="")
            # Votes and other acts stay, attributed to a former representative.
            AuditEntry.objects.filter(coalition=coalition, actor=user).update(actor_label=FORMER)
            if not Person.objects.filter(user=user).exclude(pk=person.pk).exists():
                user.email = f"erased-{user.pk}@erased.invalid"
                user.full_name = ""
                user.is_active = False
                user.set_unusable_password()
                user.save(update_fields=["email", "full_name", "is_active", "password"])

        Person.objects.filter(pk=person.pk).update(
            full_name="",
            title="",
            email="",
            phone="",
            address="",
            city="",
            state="",
            zip_code="",
            user=None,
            role="",
            is_primary_contact=False,
            unsubscribed_at=now,
            updated_at=now,
        )
        # A login that stays a member of another coalition keeps its email and name there.
        kept = user is not None and Person.objects.filter(user=user).exists()
        scrub_everywhere(coalition, values, spare={"accounts.user": [user.pk]} if kept else None)
        person.refresh_from_db()
        # The tombstone: that an erasure happened, by whom, when. Not what.
        audit_record(coalition=coalition, actor=actor, action=Action.PERSON_ERASED, target=person)
    return person
