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
        follow_up_id = follow_up.pk
        transaction.on_commit(lambda: _mail_followup(follow_up_id, "event_followup_assigned"))
    return follow_up


def _mail_followup(follow_up_id: int, template: str) -> int:
    from juntos.members.owners import mail_owners

    follow_up = EventFollowUp.objects.select_related(
        "event__coalition", "owner__user", "contact"
    ).get(pk=follow_up_id)
    return mail_owners(
        [follow_up.owner], template, {"follow_up": follow_up}, follow_up.event.coalition
    )


def followups_remind_due(now=None) -> int:
    """The day before an event follow-up is due, its owner is reminded once (`juntos
    send_due`, through juntos.web.tasks.tasks_remind_due)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timezone.timedelta(days=1)
    sent = 0
    for pk in EventFollowUp.objects.filter(
        due_on=tomorrow, done_at__isnull=True, reminded_at__isnull=True
    ).values_list("pk", flat=True):
        if EventFollowUp.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            sent += _mail_followup(pk, "event_followup_due")
    return sent


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
