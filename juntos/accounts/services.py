"""Invitations: a host invites someone by email to a role; a signed link lets them in."""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from juntos.accounts.models import Invitation, User
from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.core import mail
from juntos.members.models import Person
from juntos.members.services import person_update

INVITATION_SALT = "juntos.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14


def invitation_send(
    *, coalition, actor, email: str, full_name: str, role: str, member=None, language: str = "en"
) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.create(
            coalition=coalition,
            email=email.lower(),
            full_name=full_name,
            role=role,
            member=member,
            language=language,
            invited_by=actor,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.INVITATION_SENT,
            target=invitation,
            changes={"email": [None, invitation.email], "role": [None, role]},
        )
        token = invitation_token(invitation)
        transaction.on_commit(
            lambda: mail.send(
                "invitation",
                invitation.email,
                {"invitation": invitation, "token": token},
                language=language,
                coalition=coalition,
            )
        )
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None if the link is forged, expired or used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.filter(pk=data.get("i"), accepted_at__isnull=True)
        .select_related("coalition", "member")
        .first()
    )
    return invitation


def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    language: str = "en",
) -> User:
    """Accept as the signed-in user, or create the login the invitation is for."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ValueError("invitation already used")
        if user is None:
            user = User.objects.create_user(
                email=locked.email,
                password=password,
                full_name=full_name,
                preferred_language=language,
            )
        person = Person.objects.filter(coalition=locked.coalition, user=user).first()
        if person is None:
            person = Person.objects.filter(
                coalition=locked.coalition, user__isnull=True, email=locked.email
            ).first()
        if person is None:
            person = Person.objects.create(
                coalition=locked.coalition,
                full_name=user.full_name or locked.full_name,
                email=user.email,
                member=locked.member,
                preferred_language=user.preferred_language,
            )
        person_update(
            person=person,
            actor=user,
            user=user,
            role=locked.role,
            member=locked.member or person.member,
        )
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        audit_record(
            coalition=locked.coalition,
            actor=user,
            action=Action.INVITATION_ACCEPTED,
            target=locked,
            changes={"role": [None, locked.role]},
        )
    return user
