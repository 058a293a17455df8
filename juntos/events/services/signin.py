"""Sign-in at the door (kiosk or paper), the action guests take right after, attendance,
and erasing personal details when the retention period is over.

A kiosk signature is not written to the audit log: the log is kept for years and would
copy the very names the retention setting promises to erase. Writes by the event's hosts
(paper entries, purges) are audited without names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.events import rules
from juntos.events.models import Event, EventAction, EventAttendance, SignIn, SignInList
from juntos.events.services.base import EventError, same_coalition
from juntos.members.models import Member, Person

KIOSK_SALT = "juntos.events.kiosk"
KIOSK_MAX_AGE = 60 * 60 * 24 * 3  # a kiosk link works for three days, or until locked
SIGNIN_FIELDS = ("name", "email", "phone", "organization", "may_contact")


def kiosk_token(event: Event, list_kind: str) -> str:
    return signing.dumps({"e": event.pk, "k": event.kiosk_key, "l": list_kind}, salt=KIOSK_SALT)


def kiosk_event(token: str) -> tuple[Event, str] | None:
    """The event and list a kiosk link unlocks, or None when forged, expired or locked."""
    try:
        data = signing.loads(token, salt=KIOSK_SALT, max_age=KIOSK_MAX_AGE)
    except signing.BadSignature:
        return None
    event = Event.objects.select_related("coalition").filter(pk=data.get("e")).first()
    if event is None or event.kiosk_key != data.get("k") or data.get("l") not in SignInList.values:
        return None
    if event.is_cancelled or event.signins_purged_at:
        return None
    return event, data["l"]


def kiosk_lock(*, event: Event, actor) -> Event:
    """Every kiosk link given out so far stops working."""
    from juntos.events.models import _kiosk_key

    with transaction.atomic():
        event.kiosk_key = _kiosk_key()
        event.save(update_fields=["kiosk_key", "updated_at"])
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_SIGNINS,
            target=event,
            changes={"kiosk": ["unlocked", "locked"]},
        )
    return event


@dataclass
class SignInResult:
    signin: SignIn
    created: bool


def _match(event: Event, data: dict) -> tuple[Person | None, Member | None]:
    """The coalition's own person (by email) and member organization (by exact name)."""
    person = None
    if data.get("email"):
        person = (
            Person.objects.filter(coalition_id=event.coalition_id, email__iexact=data["email"])
            .select_related("member")
            .first()
        )
    member = None
    if person is not None and person.member_id:
        member = person.member
    elif data.get("organization"):
        member = Member.objects.filter(
            coalition_id=event.coalition_id,
            status=Member.Status.ACTIVE,
            name__iexact=data["organization"].strip(),
        ).first()
    return person, member


def signin_record(
    *,
    event: Event,
    list_kind: str,
    client_id: str,
    data: dict,
    source: str = SignIn.Source.KIOSK,
    actor=None,
    postcard_office=None,
    postcard_office_name: str = "",
    postcard_targets=(),
    return_address: str = "",
    endorse: bool = False,
) -> SignInResult:
    """One signature. The same `client_id` again (a retry after a network drop) or the
    same person on the same list within seconds (a double tap) returns the first one."""
    if list_kind not in SignInList.values:
        raise EventError(_("Unknown sign-in list."))
    if not rules.valid_client_id(client_id):
        raise EventError(_("This sign-in could not be read. Please try again."))
    if event.is_cancelled:
        raise EventError(_("This event is cancelled."))
    if event.signins_purged_at:
        raise EventError(_("The sign-in lists of this event are closed."))
    data = {k: data.get(k) for k in SIGNIN_FIELDS if k in data}
    data["may_contact"] = bool(data.get("may_contact"))
    if not (data.get("name") or "").strip():
        raise EventError(_("Please write your name."))
    if list_kind == SignInList.PRESS and not (data.get("organization") or "").strip():
        raise EventError(_("Please write the outlet you report for."))
    if postcard_office is not None:
        same_coalition(event.coalition, postcard_office)
    for target in postcard_targets:
        same_coalition(event.coalition, target.official)

    existing = SignIn.objects.filter(event=event, client_id=client_id).first()
    if existing is not None:
        return SignInResult(existing, False)
    now = timezone.now()
    recent = list(
        SignIn.objects.filter(
            event=event,
            list=list_kind,
            signed_at__gte=now - timedelta(seconds=rules.DOUBLE_TAP_SECONDS),
        ).order_by("-signed_at")[:50]
    )
    new = rules.Signature(
        list_kind, data["name"], data.get("email") or data.get("phone") or "", now
    )
    index = rules.double_tap_of(
        new, [rules.Signature(s.list, s.name, s.email or s.phone, s.signed_at) for s in recent]
    )
    if index is not None:
        return SignInResult(recent[index], False)

    person, member = _match(event, data)
    try:
        with transaction.atomic():
            signin = SignIn.objects.create(
                event=event,
                list=list_kind,
                client_id=client_id,
                source=source,
                entered_by=actor if getattr(actor, "is_authenticated", False) else None,
                person=person,
                member=member,
                signed_at=now,
                **data,
            )
            if person is not None or member is not None:
                if source == SignIn.Source.PAPER and _is_host(event, actor):
                    _credit(signin, now)  # a host typed it in from the paper sheet
                elif person is not None and person.email:
                    signin_id = signin.pk
                    transaction.on_commit(lambda: _mail_credit_link(signin_id))
            if list_kind == SignInList.GUEST:
                return_address = (return_address or "").strip()
                for target in postcard_targets:
                    EventAction.objects.create(
                        event=event,
                        kind=EventAction.Kind.POSTCARD,
                        name=signin.name,
                        signin=signin,
                        office=target.official,
                        office_name=target.official.name,
                        office_address=target.address,
                        return_address=return_address,
                    )
                if not postcard_targets and (
                    postcard_office is not None or postcard_office_name.strip()
                ):
                    card = _postcard(
                        event, signin.name, postcard_office, postcard_office_name, signin
                    )
                    if return_address:
                        card.return_address = return_address
                        card.save(update_fields=["return_address"])
                if endorse:
                    EventAction.objects.create(
                        event=event, kind=EventAction.Kind.ENDORSE, name=signin.name, signin=signin
                    )
            if source == SignIn.Source.PAPER:
                audit_record(
                    coalition=event.coalition,
                    actor=actor,
                    action=Action.EVENT_SIGNINS,
                    target=event,
                    changes={"paper_entry": [None, list_kind]},
                )
    except IntegrityError:
        # Two requests with the same client id at the same moment: the other one won.
        existing = SignIn.objects.filter(event=event, client_id=client_id).first()
        if existing is None:
            raise
        return SignInResult(existing, False)
    return SignInResult(signin, True)


def _is_host(event, actor) -> bool:
    return (
        bool(getattr(actor, "is_authenticated", False))
        and Person.objects.filter(coalition_id=event.coalition_id, user=actor, role="host").exists()
    )


def _credit(signin: SignIn, now) -> None:
    SignIn.objects.filter(pk=signin.pk).update(credited_at=now)
    signin.credited_at = now
    _attend(signin.event, signin.person, signin.member)


CREDIT_SALT = "juntos.events.signin-credit"
CREDIT_MAX_AGE = 60 * 60 * 24 * 30


def credit_token(signin: SignIn) -> str:
    return signing.dumps({"s": signin.pk, "p": signin.person_id}, salt=CREDIT_SALT)


def signin_from_credit_token(token: str) -> SignIn | None:
    try:
        data = signing.loads(token, salt=CREDIT_SALT, max_age=CREDIT_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        SignIn.objects.select_related("event__coalition", "person", "member")
        .filter(pk=data.get("s"), person_id=data.get("p"), purged_at__isnull=True)
        .exclude(person=None)
        .first()
    )


def _mail_credit_link(signin_id: int) -> None:
    """Ask the matched person, at the address the coalition has for it, to confirm."""
    from django.urls import reverse

    from juntos.core import mail

    signin = SignIn.objects.select_related("event__coalition", "person__user").get(pk=signin_id)
    person = signin.person
    if person is None or not person.email or signin.credited_at:
        return
    link = reverse("events_public:signin_confirm", kwargs={"token": credit_token(signin)})
    mail.send(
        "signin_confirm",
        person.email,
        {"person": person, "event": signin.event, "link": link},
        language=person.language,
        coalition=signin.event.coalition,
    )


def signin_credit(*, signin: SignIn, actor=None, via: str) -> bool:
    """Count a matched sign-in for its person and member (host confirmation or the mailed
    link). False when there is nothing to credit (no match, erased, or already done)."""
    with transaction.atomic():
        locked = (
            SignIn.objects.select_for_update(of=("self",))
            .select_related("event__coalition", "person", "member")
            .get(pk=signin.pk)
        )
        if locked.credited_at or locked.purged_at or not (locked.person_id or locked.member_id):
            return False
        _credit(locked, timezone.now())
        audit_record(
            coalition=locked.event.coalition,
            actor=actor,
            action=Action.EVENT_ATTENDANCE,
            target=locked.event,
            changes={"credited": [None, via]},
        )
    return True


def _attend(event, person, member):
    if person is not None:
        row, created = EventAttendance.objects.get_or_create(
            event=event, person=person, defaults={"member": person.member}
        )
    elif member is not None:
        row, created = EventAttendance.objects.get_or_create(
            event=event, member=member, person=None
        )
    else:
        return
    if created:
        _attendance_webhook(row)
        if person is not None:
            # The person's modified_date moves, so an incremental sync sees the attendance.
            Person.objects.filter(pk=person.pk).update(updated_at=row.recorded_at)


def _attendance_webhook(row) -> None:
    """Tell registered systems (OSDI attendance shape) after the sign-in commits."""
    from juntos.api.osdi import SiteRequest, attendance_resource
    from juntos.api.webhooks import webhook_fire

    payload = attendance_resource(SiteRequest(), row)
    transaction.on_commit(
        lambda: webhook_fire(
            coalition=row.event.coalition, event="attendance.created", payload=payload
        )
    )


def _office_address(contact) -> str:
    for office in contact.offices or []:
        if office.get("address"):
            return office["address"]
    return ""


def _postcard(event, name, office, office_name, signin=None) -> EventAction:
    if office is not None:
        label = office.name
        address = _office_address(office)
    else:
        label, address = office_name.strip(), ""
    return EventAction.objects.create(
        event=event,
        kind=EventAction.Kind.POSTCARD,
        name=name,
        signin=signin,
        office=office,
        office_name=label,
        office_address=address,
    )


def action_record(
    *,
    event: Event,
    actor,
    kind: str,
    name: str,
    office=None,
    office_name: str = "",
    office_address: str = "",
    count: int = 1,
) -> list[EventAction]:
    """Postcards or endorsements collected on paper, typed in afterwards (one or a batch)."""
    if kind not in EventAction.Kind.values:
        raise EventError(_("Unknown action."))
    if count < 1 or count > 500:
        raise EventError(_("Record between 1 and 500 at a time."))
    if kind == EventAction.Kind.POSTCARD and office is None and not office_name.strip():
        raise EventError(_("Choose the congressional office or write it in."))
    if office is not None:
        same_coalition(event.coalition, office)
    with transaction.atomic():
        made = []
        for _i in range(count):
            if kind == EventAction.Kind.POSTCARD:
                action = _postcard(event, name, office, office_name)
                if office_address and not action.office_address:
                    action.office_address = office_address
                    action.save(update_fields=["office_address"])
            else:
                action = EventAction.objects.create(event=event, kind=kind, name=name)
            made.append(action)
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_SIGNINS,
            target=event,
            changes={"actions": [None, f"{kind} x{count}"]},
        )
    return made


def attendance_record(*, event: Event, actor, member: Member) -> EventAttendance:
    """A member organization was there (seen by the hosts, not on a sign-in)."""
    same_coalition(event.coalition, member)
    with transaction.atomic():
        row, created = EventAttendance.objects.get_or_create(
            event=event, member=member, person=None
        )
        if created:
            _attendance_webhook(row)
            audit_record(
                coalition=event.coalition,
                actor=actor,
                action=Action.EVENT_ATTENDANCE,
                target=event,
                changes={"member": [None, str(member)]},
            )
    return row


# --- Retention ------------------------------------------------------------------------------


@dataclass
class PurgeReport:
    events: int
    signins: int
    actions: int


ERASED = {"name": "", "email": "", "phone": "", "organization": "", "person": None}


def event_signins_purge(*, event: Event, actor=None, now=None) -> PurgeReport:
    """Erase names and contact details on the event's lists; the rows stay for the counts.

    Names from the sign-ins leave the event's attendance too: a member organization keeps
    its credit, but which of its people came (and any person without a member) is erased.
    """
    now = now or timezone.now()
    with transaction.atomic():
        signins = SignIn.objects.filter(event=event, purged_at__isnull=True).update(
            purged_at=now, may_contact=False, **ERASED
        )
        actions = (
            EventAction.objects.filter(event=event, purged_at__isnull=True)
            .filter(~Q(name="") | ~Q(return_address=""))
            .update(name="", return_address="", purged_at=now)
        )
        _attendance_forget_people(event)
        Event.objects.filter(pk=event.pk).update(signins_purged_at=now, updated_at=now)
        event.signins_purged_at = now
        audit_record(
            coalition=event.coalition,
            actor=actor,
            action=Action.EVENT_PURGED,
            target=event,
            changes={"signins": [signins, 0], "actions": [actions, 0]},
        )
    return PurgeReport(1, signins, actions)


def signins_purge_due(*, now=None) -> PurgeReport:
    """Every event whose retention period is over, across coalitions (the scheduled job)."""
    now = now or timezone.now()
    total = PurgeReport(0, 0, 0)
    candidates = Event.objects.filter(signins_purged_at__isnull=True, ends_at__lt=now).only(
        "pk", "ends_at", "retention_days", "coalition_id", "title", "signins_purged_at"
    )
    for event in candidates.select_related("coalition").iterator():
        if rules.purge_due(
            ends_at=event.ends_at,
            days=event.retention_days,
            now=now,
            purged_at=event.signins_purged_at,
        ):
            report = event_signins_purge(event=event, now=now)
            total.events += 1
            total.signins += report.signins
            total.actions += report.actions
    return total


def _attendance_forget_people(event: Event) -> None:
    """Attendance rows that name a person came from sign-ins: keep the member's credit
    (once per member), drop the person."""
    rows = EventAttendance.objects.filter(event=event, person__isnull=False)
    members = set(rows.exclude(member=None).values_list("member_id", flat=True))
    rows.delete()
    already = set(
        EventAttendance.objects.filter(event=event, person=None).values_list("member_id", flat=True)
    )
    EventAttendance.objects.bulk_create(
        [EventAttendance(event=event, member_id=m) for m in sorted(members - already)]
    )
