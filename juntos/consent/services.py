from django.db import transaction

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.consent.models import ConsentEvent
from juntos.consent.rules import ConsentFact, current_consents


def consent_set(
    *, coalition, kind: str, granted: bool, actor, person=None, member=None, note: str = ""
) -> ConsentEvent | None:
    """Record a grant or revocation; nothing is written when it changes nothing."""
    subject = person if person is not None else member
    if consents_for(person=person, member=member).get(kind, False) == granted:
        return None
    with transaction.atomic():
        event = ConsentEvent.objects.create(
            coalition=coalition,
            person=person,
            member=member,
            kind=kind,
            granted=granted,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            note=note,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CONSENT_GRANTED if granted else Action.CONSENT_REVOKED,
            target=subject,
            changes={kind: [not granted, granted]},
        )
    return event


def consents_for(*, person=None, member=None) -> dict[str, bool]:
    events = ConsentEvent.objects.filter(person=person, member=member)
    return current_consents(ConsentFact(e.kind, e.granted, (e.at, e.pk)) for e in events)


def contact_consent_map(people) -> dict[int, bool]:
    """{person_id: consented to contact sharing} for many people in one query."""
    ids = [p.pk for p in people]
    facts: dict[int, list[ConsentFact]] = {}
    rows = ConsentEvent.objects.filter(person_id__in=ids, kind="contact_sharing").values_list(
        "person_id", "kind", "granted", "at", "pk"
    )
    for person_id, kind, granted, at, pk in rows:
        facts.setdefault(person_id, []).append(ConsentFact(kind, granted, (at, pk)))
    return {pid: current_consents(facts.get(pid, [])).get("contact_sharing", False) for pid in ids}
