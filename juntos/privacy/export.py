"""Everything one coalition holds about one person, as plain values (for HTML and JSON).

Values are facts (names, dates, kinds); labels are rendered by the template in the
person's language, and JSON is written with Django's encoder (dates as ISO 8601). Each
section is one query.
"""

from __future__ import annotations

from django.db.models import Q


def _when(value):
    """Dates stay dates here: the page formats them per language, JSON as ISO 8601."""
    return value


def _contact_ids(person) -> list[int]:
    from juntos.relationships.models import Contact

    return list(Contact.objects.filter(person=person).values_list("pk", flat=True))


def person_data(person) -> dict:
    from juntos.api.models import ApiToken
    from juntos.communications.models import Delivery, SignOnAnswer
    from juntos.consent.models import ConsentEvent
    from juntos.events.models import EventAttendance, SignIn
    from juntos.governance.models import Attendance
    from juntos.members.models import Tagging, TeamSeat
    from juntos.privacy.models import ErasureRequest
    from juntos.relationships.models import Contact, EngagementStep, OneToOne, Relationship

    coalition = person.coalition
    user = person.user
    language = person.language
    data: dict = {
        "coalition": {"slug": coalition.slug, "name": coalition.name},
        "language": language,
        "person": {
            "identifier": f"juntos:{person.uuid}",
            "full_name": person.full_name,
            "title": person.title,
            "email": person.email,
            "phone": person.phone,
            "address": person.address,
            "city": person.city,
            "state": person.state,
            "zip_code": person.zip_code,
            "preferred_language": person.preferred_language,
            "role": person.role,
            "member": person.member.name if person.member_id else None,
            "is_primary_contact": person.is_primary_contact,
            "notice_frequency": person.notice_frequency,
            "unsubscribed_at": _when(person.unsubscribed_at),
            "created_at": _when(person.created_at),
        },
        "login": {"email": user.email, "full_name": user.full_name} if user else None,
    }
    data["teams"] = [
        {"team": name, "joined_on": _when(joined)}
        for name, joined in TeamSeat.objects.filter(person=person).values_list(
            "team__name", "joined_on"
        )
    ]
    data["tags"] = sorted(Tagging.objects.filter(person=person).values_list("tag__name", flat=True))
    data["consents"] = [
        {"kind": kind, "granted": granted, "at": _when(at), "note": note}
        for kind, granted, at, note in ConsentEvent.objects.filter(person=person)
        .order_by("at", "pk")
        .values_list("kind", "granted", "at", "note")
    ]
    data["meeting_attendance"] = [
        {"meeting": title or str(kind), "starts_at": _when(starts), "at": _when(at)}
        for title, kind, starts, at in Attendance.objects.filter(person=person)
        .order_by("meeting__starts_at")
        .values_list("meeting__title", "meeting__kind", "meeting__starts_at", "at")
    ]
    data["event_attendance"] = [
        {"event": title, "starts_at": _when(starts)}
        for title, starts in EventAttendance.objects.filter(person=person)
        .order_by("event__starts_at")
        .values_list("event__title", "event__starts_at")
    ]
    signin_match = Q(person=person)
    if person.email:
        signin_match |= Q(email__iexact=person.email)
    data["signins"] = [
        {
            "event": title,
            "list": kind,
            "signed_at": _when(signed_at),
            "name": name,
            "email": email,
            "phone": phone,
            "organization": organization,
            "may_contact": may_contact,
        }
        for title, kind, signed_at, name, email, phone, organization, may_contact in (
            SignIn.objects.filter(event__coalition=coalition)
            .filter(signin_match)
            .order_by("signed_at")
            .values_list(
                "event__title",
                "list",
                "signed_at",
                "name",
                "email",
                "phone",
                "organization",
                "may_contact",
            )
        )
    ]
    data["signon_answers"] = (
        [
            {"statement": title, "signed": signed, "via": via, "answered_at": _when(at)}
            for title, signed, via, at in SignOnAnswer.objects.filter(
                statement__coalition=coalition, answered_by_user=user
            )
            .order_by("answered_at")
            .values_list("statement__title", "signed", "via", "answered_at")
        ]
        if user
        else []
    )
    data["one_to_ones"] = [
        {
            "met_on": _when(met_on),
            "organizer": organizer or "",
            "cares_about": cares,
            "follow_up": follow,
            "confidential": confidential,
        }
        for met_on, organizer, cares, follow, confidential in OneToOne.objects.filter(person=person)
        .order_by("met_on")
        .values_list("met_on", "organizer__full_name", "cares_about", "follow_up", "confidential")
    ]
    data["engagement"] = [
        {"level": level, "on": _when(on), "note": note}
        for level, on, note in EngagementStep.objects.filter(person=person)
        .order_by("on")
        .values_list("level", "on", "note")
    ]
    contact_ids = _contact_ids(person)
    data["contact_records"] = [
        {"name": name, "email": email, "phone": phone, "notes": notes}
        for name, email, phone, notes in Contact.objects.filter(pk__in=contact_ids).values_list(
            "name", "email", "phone", "notes"
        )
    ]
    data["relationships"] = [
        {
            "from": source,
            "to": target,
            "kind": kind,
            "how_we_know": how,
            "started_on": _when(started),
            "ended_on": _when(ended),
        }
        for source, target, kind, how, started, ended in Relationship.objects.filter(
            Q(source_id__in=contact_ids) | Q(target_id__in=contact_ids)
        ).values_list(
            "source__name", "target__name", "kind", "how_we_know", "started_on", "ended_on"
        )
    ]
    subject = "notice__subject_es" if language == "es" else "notice__subject_en"
    data["notices"] = [
        {
            "subject": subject_text or subject_en,
            "email": email,
            "status": status,
            "sent_at": _when(sent_at),
        }
        for subject_text, subject_en, email, status, sent_at in Delivery.objects.filter(
            person=person
        )
        .order_by("notice__created_at")
        .values_list(subject, "notice__subject_en", "email", "status", "sent_at")
    ]
    data["api_tokens"] = (
        [
            {"name": name, "created_at": _when(created)}
            for name, created in ApiToken.objects.filter(user=user, coalition=coalition)
            .order_by("pk")
            .values_list("name", "created_at")
        ]
        if user
        else []
    )
    data["erasure_requests"] = [
        {"requested_at": _when(at), "due_on": _when(due), "status": status}
        for at, due, status in ErasureRequest.objects.filter(person=person).values_list(
            "requested_at", "due_on", "status"
        )
    ]
    data["seen_by"] = access_history(person)
    return data


def access_history(person, limit: int | None = None) -> list[dict]:
    """Who displayed or exported what about this person, newest first."""
    from juntos.privacy.models import AccessRecord

    rows = (
        AccessRecord.objects.filter(person=person)
        .order_by("-at", "-pk")
        .values_list("viewer__full_name", "viewer__email", "what", "page", "token__name", "at")
    )
    if limit:
        rows = rows[:limit]
    return [
        {
            "viewer": full_name or email or "",
            "what": what,
            "page": page,
            "token": token or "",
            "at": _when(at),
        }
        for full_name, email, what, page, token, at in rows
    ]


def export_labels() -> dict:
    """Labels for the stored kinds in the export, in the active language."""
    from juntos.communications.models import Delivery
    from juntos.consent.models import ConsentKind
    from juntos.events.models import SignInList
    from juntos.members.models import Role
    from juntos.privacy.models import AccessKind, ErasureRequest
    from juntos.relationships.models import Ladder, RelationshipKind

    def text(choices):
        return {key: str(value) for key, value in choices}

    return {
        "roles": text(Role.choices),
        "consents": text(ConsentKind.choices),
        "lists": text(SignInList.choices),
        "ladder": text(Ladder.choices),
        "relationships": text(RelationshipKind.choices),
        "deliveries": text(Delivery.Status.choices),
        "access": text(AccessKind.choices),
        "erasure": text(ErasureRequest.Status.choices),
    }
