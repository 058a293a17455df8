"""Who hears of the tasks they own, and how: one rule for meeting follow-ups, campaign
deliverables and event follow-ups (assignment mail and the day-before reminder)."""

from __future__ import annotations

from juntos.core import mail
from juntos.members.models import Person


def hears_of_tasks(person: Person) -> bool:
    """Owners are mailed about their tasks unless they chose the weekly digest only or
    unsubscribed (their tasks wait for them on My work)."""
    return bool(
        person.email and person.notice_frequency == "immediate" and not person.unsubscribed_at
    )


def people_of_owner(*, person: Person | None, member=None) -> list[Person]:
    """A task's owners: the person it names or, when only an organization is named, the
    people who speak for that organization."""
    if person is not None:
        return [person]
    if member is None:
        return []
    return list(
        Person.objects.filter(member=member)
        .exclude(role="")
        .exclude(email="")
        .select_related("user")
    )


def mail_owners(people, template: str, context: dict, coalition) -> int:
    """Mail each owner who hears of tasks, in their own language; how many were mailed."""
    sent = 0
    for person in people:
        if hears_of_tasks(person):
            mail.send(
                template,
                person.email,
                {**context, "person": person},
                language=person.language,
                coalition=coalition,
            )
            sent += 1
    return sent
