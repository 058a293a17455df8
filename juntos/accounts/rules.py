"""Account rules as pure functions: who an invitation is for, what accepting it may change."""

from datetime import datetime, timedelta

from django.conf import settings

from juntos.core.access import RANK

VALID, USED, REVOKED, EXPIRED = "valid", "used", "revoked", "expired"


def invitation_days() -> int:
    return settings.JUNTOS_INVITATION_DAYS


def invitation_expiry(sent_at: datetime) -> datetime:
    return sent_at + timedelta(days=invitation_days())


def invitation_state(invitation, now: datetime) -> str:
    """valid, used, revoked or expired. Old invitations without a date expire from creation."""
    if invitation.accepted_at is not None:
        return USED
    if invitation.revoked_at is not None:
        return REVOKED
    expires_at = invitation.expires_at or invitation_expiry(invitation.created_at)
    if now >= expires_at:
        return EXPIRED
    return VALID


def same_address(a: str, b: str) -> bool:
    """Two spellings of one email address (addresses are matched case-insensitively)."""
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()


def role_after_accept(current: str | None, invited: str) -> str:
    """Accepting an invitation raises a role to the invited one, never lowers it."""
    if current and RANK.get(current, 0) >= RANK.get(invited, 0):
        return current
    return invited


def member_after_accept(current_member, invited_member):
    """A person keeps the member they already speak for; the invitation's fills a blank one."""
    return current_member if current_member is not None else invited_member
