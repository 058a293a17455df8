"""After the event: follow-ups with officials as tasks, and the press list as media contacts."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.events.models import Event, EventFollowUp, SignIn, SignInList
from juntos.events.services.base import EventError, same_coalition
from juntos.relationships.models import Category, Contact


def followup_add(
    *, event: Event, actor, text: str, owner, due_on: date, contact=None
) -> EventFollowUp:
    same_coalition(event.coalition, owner, contact)
    if not text.strip():
        raise EventError(_("Say what the follow-up is."))
    with transaction.atomic():
        follow_up = EventFollowUp.objects.create(
            event=event, text=text.strip(), owner=owner, due_on=due_on, contact=contact
        )
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_FOLLOWUP,
            target=event,
            changes={"follow_up": [None, follow_up.text], "owner": [None, str(owner)]},
        )
    return follow_up


def followup_done(*, follow_up: EventFollowUp, actor, done: bool = True) -> EventFollowUp:
    if bool(follow_up.done_at) == done:
        return follow_up
    with transaction.atomic():
        follow_up.done_at = timezone.now() if done else None
        follow_up.save(update_fields=["done_at", "updated_at"])
        audit_record(
            coalition=follow_up.event.coalition,
            actor=actor,
            action=Action.EVENT_FOLLOWUP,
            target=follow_up.event,
            changes={"done": [not done, done], "follow_up": [None, follow_up.text]},
        )
    return follow_up


def press_to_contacts(*, event: Event, actor) -> tuple[int, int]:
    """Journalists who agreed to be contacted join the coalition's media contacts.

    Returns (added, already known). Someone who did not tick the consent box is not
    copied anywhere. Running it twice adds nobody twice.
    """
    from juntos.relationships.services import contact_add

    press = list(
        SignIn.objects.filter(
            event=event,
            list=SignInList.PRESS,
            may_contact=True,
            purged_at__isnull=True,
            contact__isnull=True,
        )
    )
    added = known = 0
    with transaction.atomic():
        for s in press:
            existing = None
            if s.email:
                existing = Contact.objects.filter(
                    coalition=event.coalition, category=Category.PRESS, email__iexact=s.email
                ).first()
            if existing is None:
                existing = Contact.objects.filter(
                    coalition=event.coalition,
                    category=Category.PRESS,
                    name__iexact=s.name,
                    organization_name__iexact=s.organization,
                ).first()
            if existing is None:
                existing = contact_add(
                    coalition=event.coalition,
                    actor=actor,
                    data={
                        "kind": "person",
                        "category": Category.PRESS,
                        "name": s.name,
                        "organization_name": s.organization,
                        "email": s.email,
                        "phone": s.phone,
                        "notes": _("Signed in as press at %(event)s.") % {"event": event.title},
                    },
                )
                added += 1
            else:
                known += 1
            s.contact = existing
            s.save(update_fields=["contact"])
        if press:
            audit_record(
                coalition=event.coalition,
                actor=actor,
                action=Action.EVENT_SIGNINS,
                target=event,
                changes={"press_to_contacts": [None, {"added": added, "known": known}]},
            )
    return added, known
