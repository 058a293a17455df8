"""Planning: the event, its checklist, speakers, guests and invitations, the press release."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from juntos.audit.log import assign, audit_record, field_changes
from juntos.audit.models import Action
from juntos.core import mail
from juntos.core.translatable import version
from juntos.districts import addressing
from juntos.events import rules
from juntos.events.models import ChecklistStep, Event, Guest, Speaker
from juntos.events.services.base import EventError, same_coalition
from juntos.members.models import Person

RSVP_SALT = "juntos.events.rsvp"
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "accessibility_notes",
    "principles",
    "postcard_message",
    "postcard_office",
    "retention_days",
    "campaign",
    "language",  # of the texts above; other versions in `translations` (core/translatable.py)
    "translations",
)


def _check_campaign(coalition, campaign) -> None:
    """An event belongs to a campaign of its own coalition, never to another's (not even
    one its network shares)."""
    if campaign is not None and campaign.coalition_id != coalition.pk:
        raise EventError(_("That campaign belongs to another coalition."))


def _check_times(starts_at, ends_at):
    if ends_at < starts_at:
        raise EventError(_("The event cannot end before it starts."))


def event_plan(*, coalition, actor, hosts, data: dict) -> Event:
    """A new event with the playbook's 15 steps, due dates counted back from the day."""
    data = {k: v for k, v in data.items() if k in EVENT_FIELDS}
    hosts = list(hosts)
    if not hosts:
        raise EventError(_("Name at least one host organization."))
    same_coalition(coalition, *hosts)
    _check_campaign(coalition, data.get("campaign"))
    _check_times(data["starts_at"], data["ends_at"])
    if not data.get("principles"):
        charter = coalition.charter_in_force()
        data["principles"] = charter.mission if charter else ""
    # The texts' language, when the caller gives none: the coalition's first language.
    data["language"] = data.get("language") or coalition.primary_language
    day = timezone.localtime(data["starts_at"]).date()
    with transaction.atomic():
        taken = Event.objects.filter(coalition=coalition).values_list("slug", flat=True)
        event = Event.objects.create(
            coalition=coalition,
            created_by=actor,
            slug=rules.event_slug(data["title"], day, taken),
            # Empty: the standard invitation, written in each guest's language.
            invitation_subject="",
            invitation_body="",
            **data,
        )
        event.hosts.set(hosts)
        ChecklistStep.objects.bulk_create(
            ChecklistStep(
                event=event,
                position=i,
                key=step.key,
                title="",  # the playbook's words come from the key, per reader
                due_on=rules.default_due(day, step.days_before),
            )
            for i, step in enumerate(rules.playbook(), start=1)
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.EVENT_PLANNED,
            target=event,
            changes={
                "kind": [None, event.kind],
                "starts_at": [None, event.starts_at.isoformat()],
                "hosts": [None, sorted(str(h) for h in hosts)],
                **({"campaign": [None, str(event.campaign)]} if event.campaign else {}),
            },
        )
    return event


def event_update(*, event: Event, actor, data: dict, hosts=None) -> Event:
    data = {k: v for k, v in data.items() if k in EVENT_FIELDS}
    _check_campaign(event.coalition, data.get("campaign"))
    _check_times(data.get("starts_at", event.starts_at), data.get("ends_at", event.ends_at))
    shown = event.calendar_snapshot()
    changes = assign(event, data)
    with transaction.atomic():
        if hosts is not None:
            hosts = list(hosts)
            if not hosts:
                raise EventError(_("Name at least one host organization."))
            same_coalition(event.coalition, *hosts)
            old = sorted(str(h) for h in event.hosts.all())
            new = sorted(str(h) for h in hosts)
            if old != new:
                event.hosts.set(hosts)
                changes["hosts"] = [old, new]
        if not changes:
            return event
        event.save(update_fields=[*data, "updated_at", *event.calendar_revise(shown)])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_CHANGED,
            target=event,
            changes=changes,
        )
    return event


def event_status_set(*, event: Event, actor, status: str) -> Event:
    if status not in Event.Status.values:
        raise EventError(_("Unknown status."))
    if status == event.status:
        return event
    before = event.status
    with transaction.atomic():
        shown = event.calendar_snapshot()
        event.status = status
        event.save(update_fields=["status", "updated_at", *event.calendar_revise(shown)])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_CHANGED,
            target=event,
            changes={"status": [before, status]},
        )
    return event


def step_update(
    *, step: ChecklistStep, actor, owner: Person | None, due_on: date | None, done: bool
) -> ChecklistStep:
    event = step.event
    if owner is not None:
        same_coalition(event.coalition, owner)
    before = {"owner": str(step.owner or ""), "due_on": step.due_on, "done": bool(step.done_at)}
    after = {"owner": str(owner or ""), "due_on": due_on, "done": done}
    changes = field_changes(before, after)
    if not changes:
        return step
    step.owner = owner
    step.due_on = due_on
    if done and not step.done_at:
        step.done_at = timezone.now()
    elif not done:
        step.done_at = None
    with transaction.atomic():
        step.save(update_fields=["owner", "due_on", "done_at"])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_STEP,
            target=event,
            changes={"step": [None, step.position], **changes},
        )
    return step


def step_done(*, event: Event, key: str, actor) -> None:
    """Tick a playbook step the software itself sees done (invitations sent, ...)."""
    step = event.steps.filter(key=key, done_at__isnull=True).first()
    if step is not None:
        step_update(step=step, actor=actor, owner=step.owner, due_on=step.due_on, done=True)


def speaker_add(*, event: Event, actor, name: str, affiliation: str, perspective: str) -> Speaker:
    with transaction.atomic():
        speaker = Speaker.objects.create(
            event=event,
            name=name,
            affiliation=affiliation,
            perspective=perspective,
            position=event.speakers.count() + 1,
        )
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_CHANGED,
            target=event,
            changes={"speaker": [None, f"{name}: {perspective}"]},
        )
    return speaker


def speaker_remove(*, speaker: Speaker, actor) -> None:
    event = speaker.event
    with transaction.atomic():
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_CHANGED,
            target=event,
            changes={"speaker": [str(speaker), None]},
        )
        speaker.delete()


# --- Guests and invitations -----------------------------------------------------------------


def guest_add(*, event: Event, actor, data: dict, contact=None) -> Guest:
    if contact is not None:
        same_coalition(event.coalition, contact)
        if event.guests.filter(contact=contact).exists():
            raise EventError(_("This guest is already on the list."))
        data = {
            "name": data.get("name") or contact.name,
            "title": data.get("title") or contact.title,
            "email": data.get("email") or contact.email,
            **{k: v for k, v in data.items() if k in ("language", "personal_note")},
        }
    if not (data.get("name") or "").strip():
        raise EventError(_("Give the guest's name or choose them from the directory."))
    fields = {k: data.get(k, "") for k in ("name", "title", "email", "personal_note")}
    fields["language"] = data.get("language") or "en"
    with transaction.atomic():
        guest = Guest.objects.create(event=event, contact=contact, **fields)
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_GUESTS,
            target=event,
            changes={"guest": [None, guest.name]},
        )
    return guest


def invitation_template_save(*, event: Event, actor, subject: str, body: str) -> Event:
    unknown = rules.unknown_fields(subject, body)
    if unknown:
        raise EventError(_("Unknown merge fields: %(fields)s.") % {"fields": ", ".join(unknown)})
    standard_subject, standard_body = rules.invitation_template()
    if subject.strip() == standard_subject.strip():
        subject = ""  # left as the standard text: each guest reads it in their language
    if body.replace("\r\n", "\n").strip() == standard_body.strip():
        body = ""
    return _text_save(event, actor, invitation_subject=subject, invitation_body=body)


def invitation_texts(event: Event) -> tuple[str, str]:
    """The invitation's subject and body as the editor sees them: the event's own, or the
    standard text in the active language."""
    standard_subject, standard_body = rules.invitation_template()
    return event.invitation_subject or standard_subject, event.invitation_body or standard_body


def _text_save(event, actor, **values):
    changes = assign(event, values)
    if not changes:
        return event
    with transaction.atomic():
        event.save(update_fields=[*values, "updated_at"])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_CHANGED,
            target=event,
            # The text itself can be long; the log says which texts changed.
            changes={k: ["…", "…"] for k in changes},
        )
    return event


def public_url(event: Event) -> str:
    return settings.SITE_URL + reverse(
        "events_public:page", kwargs={"slug": event.coalition.slug, "event_slug": event.slug}
    )


def rsvp_token(guest: Guest) -> str:
    return signing.dumps({"g": guest.pk}, salt=RSVP_SALT)


def rsvp_url(guest: Guest) -> str:
    return settings.SITE_URL + reverse("events_public:rsvp", kwargs={"token": rsvp_token(guest)})


def merge_values(event: Event, guest: Guest | None = None, *, language: str = "en") -> dict:
    """The merge fields' values for one guest, dates written in the guest's language."""
    hosts = [str(h) for h in event.hosts.all()]
    speakers = [
        s.name + (f" ({s.affiliation})" if s.affiliation else "") for s in event.speakers.all()
    ]
    with override(language):
        when = formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
        kind = str(event.get_kind_display())
        and_ = _("and")
        our_speakers = _("our speakers")
        # "invite you as ... to": an imported official has no title of their own; their
        # seat is the title, and anyone else is our guest (never "invite you as to").
        title = (guest.title if guest else "") or ""
        if guest and not title.strip():
            title = addressing.role_title(guest.contact) if guest.contact_id else ""
            title = title or _("our guest")
        # "Dear Sen. Onder," for an official, "Dear Jane Doe," for anyone else.
        salutation = addressing.salutation(official_of(guest), guest.name) if guest else ""

    def join(items):
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {and_} " + items[-1]

    return {
        "guest_name": guest.name if guest else "",
        "salutation": salutation,
        "guest_title": title,
        "event_title": version(event, "title", language).text,
        "event_kind": kind,
        "event_date": when,
        "venue": ", ".join(x for x in (event.venue_name, event.venue_address) if x),
        "hosts": join(hosts),
        # No speaker named yet: "You will hear from our speakers", never "from : people".
        "speakers": join(speakers) or our_speakers,
        "coalition": event.coalition.name,
        "personal_note": (guest.personal_note if guest else "") or "",
        "public_url": rsvp_url(guest) if guest and guest.pk else public_url(event),
    }


def official_of(guest: Guest | None):
    """The official a guest was invited as (their contact is an official), else None."""
    contact = guest.contact if guest is not None and guest.contact_id else None
    return contact if contact is not None and contact.is_official else None


def invitation_address(event: Event, guest: Guest) -> list[str]:
    """The guest's lines at the head of a printed invitation, in the active language:
    "The Honorable Jane Doe" and the chamber for an official, else name and title."""
    official = official_of(guest)
    if official is not None:
        return addressing.recipient_lines(official)
    return [x for x in (guest.name, guest.title) if x]


def invitation_for(event: Event, guest: Guest) -> tuple[str, str]:
    values = merge_values(event, guest, language=guest.language)
    with override(guest.language):
        subject, body = invitation_texts(event)
    subject = rules.merge(subject, values)
    body = rules.merge(body, values)
    # A guest without a personal note should not get a blank gap in the letter.
    body = "\n\n".join(p for p in body.split("\n\n") if p.strip())
    return " ".join(subject.split()), body


def invitations_send(*, event: Event, actor, guests) -> int:
    """Send each guest with an email address their personal invitation; guests without an
    address are marked invited when their printed letter is handed over (`invited_by_hand`)."""
    guests = [g for g in guests if g.event_id == event.pk and g.email]
    if not guests:
        return 0
    now = timezone.now()
    with transaction.atomic():
        Guest.objects.filter(pk__in=[g.pk for g in guests]).update(invited_at=now)
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_GUESTS,
            target=event,
            changes={"invited": [None, sorted(g.name for g in guests)]},
        )
        ids = [g.pk for g in guests]
        transaction.on_commit(lambda: _mail_guests(ids, "event_invitation"))
        step_done(event=event, key="guests", actor=actor)
    return len(guests)


def invited_by_hand(*, guest: Guest, actor) -> Guest:
    with transaction.atomic():
        guest.invited_at = timezone.now()
        guest.save(update_fields=["invited_at", "updated_at"])
        audit_record(
            coalition=guest.event.coalition,
            actor=actor,
            action=Action.EVENT_GUESTS,
            target=guest.event,
            changes={"invited": [None, guest.name]},
        )
    return guest


def guests_remind(*, event: Event, actor) -> int:
    """Remind invited guests who said yes or have not answered."""
    guests = list(
        event.guests.filter(
            invited_at__isnull=False, rsvp__in=[Guest.Rsvp.PENDING, Guest.Rsvp.YES]
        ).exclude(email="")
    )
    if not guests:
        return 0
    with transaction.atomic():
        for g in guests:
            g.reminded_at = timezone.now()
            g.reminders += 1
        Guest.objects.bulk_update(guests, ["reminded_at", "reminders"])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_GUESTS,
            target=event,
            changes={"reminded": [None, sorted(g.name for g in guests)]},
        )
        ids = [g.pk for g in guests]
        transaction.on_commit(lambda: _mail_guests(ids, "event_reminder"))
    return len(guests)


def _mail_guests(ids: list[int], template: str) -> None:
    guests = Guest.objects.filter(pk__in=ids).select_related("event__coalition")
    for guest in guests:
        event = guest.event
        subject, body = invitation_for(event, guest)
        mail.send(
            template,
            guest.email,
            {
                "guest": guest,
                "event": event,
                "subject": subject,
                "body": body,
                "rsvp_url": rsvp_url(guest),
            },
            language=guest.language,
            coalition=event.coalition,
        )


def guest_rsvp(*, guest: Guest, answer: str, actor=None) -> Guest:
    if answer not in (Guest.Rsvp.YES, Guest.Rsvp.NO, Guest.Rsvp.PENDING):
        raise EventError(_("Answer yes or no."))
    if answer == guest.rsvp:
        return guest
    before = guest.rsvp
    with transaction.atomic():
        guest.rsvp = answer
        guest.rsvp_at = timezone.now()
        guest.save(update_fields=["rsvp", "rsvp_at", "updated_at"])
        audit_record(
            coalition=guest.event.coalition,
            actor=actor,
            action=Action.EVENT_GUESTS,
            target=guest.event,
            changes={"rsvp": [f"{guest.name}: {before}", f"{guest.name}: {answer}"]},
        )
    return guest


def press_release_draft(event: Event, *, language: str = "en") -> str:
    with override(language):
        template = rules.press_release_template()
    return rules.merge(template, merge_values(event, language=language))


def press_release_save(*, event: Event, actor, text: str) -> Event:
    return _text_save(event, actor, press_release=text)
