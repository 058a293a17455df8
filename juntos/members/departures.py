"""Leaving ends access: when a member leaves or is removed, or a person leaves a member.

What ends, for each person concerned:
  - their role: representative or Core Team becomes supporter, or no role at all (they
    lose the coalition) as the host chooses; a host keeps hosting, so a coalition is never
    left without one;
  - their API tokens for this coalition are revoked;
  - the sign-on links still waiting for their answer stop working (the invites are voided);
  - seats they held as a person in teams, when they lose the coalition.
Published statements list a removed member only if it signed before the removal (see
juntos.communications.rules.signed_before_removal). Every change is audited.
"""

from django.db import transaction
from django.utils import timezone

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.members.models import Member, Person, TeamSeat

SUPPORTER = "supporter"  # the person stays in the Supporter Network
LEAVE = "leave"  # the person loses the coalition (no role; the record stays for history)
OUTCOMES = (SUPPORTER, LEAVE)
KEEPS_ROLE = ("host",)


def role_after_departure(role: str, outcome: str) -> str:
    """A host keeps hosting; everyone else becomes a supporter or has no role."""
    if role in KEEPS_ROLE:
        return role
    if outcome == LEAVE:
        return ""
    return SUPPORTER if role else ""


def end_person_access(*, person: Person, actor, outcome: str, detach: bool, reason: str) -> dict:
    """End what a person had through a member. `detach` also takes them off the member."""
    from juntos.api.models import ApiToken
    from juntos.communications.models import SignOnInvite

    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    now = timezone.now()
    before = {"role": person.role, "member": str(person.member) if person.member_id else None}
    fields = {"role": role_after_departure(person.role, outcome)}
    if detach:
        fields.update(member=None, is_primary_contact=False)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save(update_fields=[*fields, "updated_at"])
    tokens = 0
    if person.user_id and person.role not in KEEPS_ROLE:
        tokens = ApiToken.objects.filter(
            user_id=person.user_id, coalition_id=person.coalition_id, revoked_at__isnull=True
        ).update(revoked_at=now)
    voided, _ = SignOnInvite.objects.filter(person=person, used_at__isnull=True).delete()
    seats = 0
    if not person.role:
        seats, _ = TeamSeat.objects.filter(person=person).delete()
    audit_record(
        coalition=person.coalition,
        actor=actor,
        action=Action.ACCESS_ENDED,
        target=person,
        changes={
            "role": [before["role"] or None, person.role or None],
            "member": [before["member"], str(person.member) if person.member_id else None],
            "api_tokens_revoked": [None, tokens],
            "signon_links_voided": [None, voided],
            "team_seats_left": [None, seats],
            "reason": [None, reason],
        },
    )
    return {"tokens": tokens, "voided": voided, "seats": seats}


def member_access_end(*, member: Member, actor, outcome: str = SUPPORTER) -> int:
    """For a member that left or was removed: its people's access ends. Returns how many."""
    from juntos.communications.models import SignOnInvite

    with transaction.atomic():
        people = list(
            Person.objects.select_for_update(of=("self",))
            .filter(member=member)
            .exclude(role__in=KEEPS_ROLE)
            .select_related("member", "coalition")
        )
        for person in people:
            end_person_access(
                person=person, actor=actor, outcome=outcome, detach=False, reason="member removed"
            )
        # Links sent to anyone for this member, whoever received them, are void too.
        SignOnInvite.objects.filter(member=member, used_at__isnull=True).delete()
    return len(people)


def person_leave_member(*, person: Person, actor, outcome: str = SUPPORTER) -> Person:
    """A person removed from (or leaving) a member: off the member, access ended."""
    with transaction.atomic():
        locked = (
            Person.objects.select_for_update(of=("self",))
            .select_related("member", "coalition")
            .get(pk=person.pk)
        )
        end_person_access(
            person=locked, actor=actor, outcome=outcome, detach=True, reason="left the member"
        )
    return locked
