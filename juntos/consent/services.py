from django.db import transaction

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.consent.models import ConsentEvent
from juntos.consent.rules import ConsentFact, current_consents


def consent_set(
    *,
    coalition,
    kind: str,
    granted: bool,
    actor,
    person=None,
    member=None,
    note: str = "",
    reference: str = "",
    always: bool = False,
) -> ConsentEvent | None:
    """Record a grant or revocation; nothing is written when it changes nothing, unless
    `always` (each sign-on answer is a fact of its own)."""
    subject = person if person is not None else member
    if not always and consents_for(person=person, member=member).get(kind, False) == granted:
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
            reference=reference,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CONSENT_GRANTED if granted else Action.CONSENT_REVOKED,
            target=subject,
            changes={
                kind: [not granted, granted],
                **({"reference": [None, reference]} if reference else {}),
            },
        )
    return event


def consents_for(*, person=None, member=None) -> dict[str, bool]:
    """Standing consents (contact sharing, name, logo); sign-on answers are per statement."""
    events = ConsentEvent.objects.filter(person=person, member=member).exclude(kind="sign_on")
    return current_consents(ConsentFact(e.kind, e.granted, (e.at, e.pk)) for e in events)


def contact_consent_map(people) -> dict[int, bool]:
    """{person_id: consented to contact sharing} for many people in one query.

    During a lockdown nobody counts as consenting, so only hosts (and the person) see
    contact details, on every page, export and API answer that asks here."""
    from juntos.privacy.state import locked_down

    ids = [p.pk for p in people]
    if locked_down():
        return dict.fromkeys(ids, False)
    facts: dict[int, list[ConsentFact]] = {}
    rows = ConsentEvent.objects.filter(person_id__in=ids, kind="contact_sharing").values_list(
        "person_id", "kind", "granted", "at", "pk"
    )
    for person_id, kind, granted, at, pk in rows:
        facts.setdefault(person_id, []).append(ConsentFact(kind, granted, (at, pk)))
    return {pid: current_consents(facts.get(pid, [])).get("contact_sharing", False) for pid in ids}


def logo_consent_map(members) -> dict[int, bool]:
    """{member_id: consented to logo use} for many members in one query."""
    ids = [m.pk for m in members]
    facts: dict[int, list[ConsentFact]] = {}
    rows = ConsentEvent.objects.filter(member_id__in=ids, kind="logo").values_list(
        "member_id", "kind", "granted", "at", "pk"
    )
    for member_id, kind, granted, at, pk in rows:
        facts.setdefault(member_id, []).append(ConsentFact(kind, granted, (at, pk)))
    return {mid: current_consents(facts.get(mid, [])).get("logo", False) for mid in ids}


def name_consents(coalition) -> dict[int, bool]:
    """{member_id: its latest name-use fact} for a whole coalition in one query; a member
    missing from the map never answered (which is not consent)."""
    facts: dict[int, list[ConsentFact]] = {}
    rows = ConsentEvent.objects.filter(
        coalition=coalition, kind="name", member__isnull=False
    ).values_list("member_id", "kind", "granted", "at", "pk")
    for member_id, kind, granted, at, pk in rows:
        facts.setdefault(member_id, []).append(ConsentFact(kind, granted, (at, pk)))
    return {mid: current_consents(f)["name"] for mid, f in facts.items()}


def names_shown(coalition, members, *, viewer_role: str | None, signed: bool = False) -> list:
    """The members of `members` whose names this viewer may see (consent.rules.name_visible)."""
    from juntos.consent.rules import name_visible

    members = list(members)
    if viewer_role in ("host", "core_team", "representative"):
        return members
    consents = name_consents(coalition)
    return [
        m
        for m in members
        if name_visible(viewer_role=viewer_role, consent=consents.get(m.pk), signed=signed)
    ]
