"""Invitations: a host invites someone by email to a role; a signed link lets them in.

An invitation is for one address. Accepting it requires being signed in with that address
(or creating the login for it); it is used once, expires, and hosts may resend or revoke it.
Accepting never lowers a role a person already has.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts import rules
from juntos.accounts.models import Invitation, User, normalize_email
from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.core import mail
from juntos.members.models import Person
from juntos.members.services import person_update


class InvitationError(ValueError):
    """Why an invitation cannot be accepted, in words for the person holding the link."""


INVITATION_SALT = "juntos.invitation"


def preferred_language_set(*, user: User, language: str) -> bool:
    """Remember the language a signed-in person chose (profile or the header's switcher):
    their mail, feeds and next sign-in follow it. Like the rest of the profile it is not
    audited. Returns whether it changed; an unknown language changes nothing."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return False
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return True


def invitation_send(
    *, coalition, actor, email: str, full_name: str, role: str, member=None, language: str = "en"
) -> Invitation:
    with transaction.atomic():
        now = timezone.now()
        invitation = Invitation.objects.create(
            coalition=coalition,
            email=normalize_email(email),
            created_at=now,
            expires_at=rules.invitation_expiry(now),
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
        _mail_on_commit(invitation)
    return invitation


def _mail_on_commit(invitation: Invitation) -> None:
    token = invitation_token(invitation)
    transaction.on_commit(
        lambda: mail.send(
            "invitation",
            invitation.email,
            {"invitation": invitation, "token": token, "days": rules.invitation_days()},
            language=invitation.language,
            coalition=invitation.coalition,
        )
    )


def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    """Mail the link again with a fresh expiry. Used or revoked invitations are not resent."""
    with transaction.atomic():
        now = timezone.now()
        expires_at = rules.invitation_expiry(now)
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(expires_at=expires_at)
        if not updated:
            raise InvitationError(_("This invitation was already accepted or revoked."))
        invitation.expires_at = expires_at
        audit_record(
            coalition=invitation.coalition,
            actor=actor,
            action=Action.INVITATION_RESENT,
            target=invitation,
            changes={"expires_at": [None, expires_at.isoformat()]},
        )
        _mail_on_commit(invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    """The link stops working at once. An accepted invitation cannot be revoked."""
    with transaction.atomic():
        now = timezone.now()
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        if not updated:
            raise InvitationError(_("This invitation was already accepted or revoked."))
        invitation.revoked_at = now
        audit_record(
            coalition=invitation.coalition,
            actor=actor,
            action=Action.INVITATION_REVOKED,
            target=invitation,
            changes={"revoked_at": [None, now.isoformat()]},
        )
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None if the link is forged. Its state may be any."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.filter(pk=data.get("i")).select_related("coalition", "member").first()


STATE_MESSAGES = {
    rules.USED: lambda: _("This invitation has already been used."),
    rules.REVOKED: lambda: _("This invitation was withdrawn. Ask a host for a new one."),
    rules.EXPIRED: lambda: _("This invitation has expired. Ask a host to send it again."),
}


def invitation_problem(invitation: Invitation, user=None) -> str | None:
    """Why this user may not accept this invitation now, or None if they may."""
    state = rules.invitation_state(invitation, timezone.now())
    if state != rules.VALID:
        return STATE_MESSAGES[state]()
    signed_in = user is not None and user.is_authenticated
    if signed_in and not rules.same_address(user.email, invitation.email):
        return _(
            "This invitation is for %(invited)s, but you are signed in as %(you)s. "
            "Sign out and sign in as %(invited)s (or create that login) to accept it."
        ) % {"invited": invitation.email, "you": user.email}
    return None


def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    language: str = "en",
) -> User:
    """Accept as the signed-in user with the invited address, or create that login.

    Raises InvitationError (with a message for the person) when the link is used, revoked
    or expired, when the user is someone else, or when another accept won the race.
    """
    problem = invitation_problem(invitation, user)
    if problem:
        raise InvitationError(problem)
    try:
        with transaction.atomic():
            now = timezone.now()
            # Claim the invitation first: of two accepts at once, one update finds it unused.
            claimed = Invitation.objects.filter(
                pk=invitation.pk,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            ).update(accepted_at=now)
            if not claimed:
                raise InvitationError(STATE_MESSAGES[rules.USED]())
            locked = Invitation.objects.select_related("coalition", "member").get(pk=invitation.pk)
            if user is None:
                if User.objects.filter(email__iexact=locked.email).exists():
                    raise InvitationError(
                        _("You already have a login. Sign in to accept the invitation.")
                    )
                user = User.objects.create_user(
                    email=locked.email,
                    password=password,
                    full_name=full_name,
                    preferred_language=language,
                )
            person = _person_for(locked, user)
            before = person.role
            role = rules.role_after_accept(person.role, locked.role)
            person_update(
                person=person,
                actor=user,
                user=user,
                role=role,
                member=rules.member_after_accept(person.member, locked.member),
            )
            locked.accepted_by = user
            locked.save(update_fields=["accepted_by"])
            audit_record(
                coalition=locked.coalition,
                actor=user,
                action=Action.INVITATION_ACCEPTED,
                target=locked,
                changes={"role": [before or None, role], "invited_as": [None, locked.role]},
            )
    except IntegrityError as error:
        # The login or the person was created by a concurrent request: this one lost.
        raise InvitationError(STATE_MESSAGES[rules.USED]()) from error
    invitation.accepted_at = locked.accepted_at
    return user


def _person_for(invitation: Invitation, user: User) -> Person:
    """The person this login is in the coalition: theirs, an unlinked record with the
    invited address (the invitation proved the address), or a new one."""
    person = (
        Person.objects.select_for_update().filter(coalition=invitation.coalition, user=user).first()
    )
    if person is None:
        person = (
            Person.objects.select_for_update()
            .filter(
                coalition=invitation.coalition,
                user__isnull=True,
                email__iexact=invitation.email,
            )
            .first()
        )
    if person is None:
        person = Person.objects.create(
            coalition=invitation.coalition,
            full_name=user.full_name or invitation.full_name,
            email=user.email,
            member=invitation.member,
            preferred_language=user.preferred_language,
        )
    return person
